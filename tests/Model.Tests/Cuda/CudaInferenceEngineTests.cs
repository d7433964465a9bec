using EcgStream.Model.Cuda;
using EcgStream.Model.Inference;
using EcgStream.Model.Parameters;
using EcgStream.Model.Tests.Inference;

namespace EcgStream.Model.Tests.Cuda;

/// <summary>The CUDA engine against the CPU engine on the same weights and beats; skipped without a GPU.</summary>
public sealed class CudaInferenceEngineTests
{
    private const float RelativeTolerance = 1e-4f;

    [CudaFact]
    public void Score_MatchesCpuEngine_ForEveryMetricAndOddBatchSizes()
    {
        var shape = AutoencoderShape.Ecg5000;
        var parameters = AutoencoderParameters.Initialize(shape, seed: 20240601);
        float[] beats = InferenceEngineFactoryTests.RandomBeats(shape, count: 67, seed: 5);
        using var cpu = new CpuInferenceEngine(parameters, threads: 0);
        using var gpu = new CudaInferenceEngine(parameters);

        foreach (var metric in Enum.GetValues<ErrorMetric>())
        {
            foreach (int count in new[] { 1, 3, 67 })
            {
                var expected = new float[count];
                var actual = new float[count];
                cpu.Score(beats, count, metric, expected);
                gpu.Score(beats, count, metric, actual);

                for (int i = 0; i < count; i++)
                    Assert.True(Math.Abs(actual[i] - expected[i]) <= RelativeTolerance * Math.Abs(expected[i]),
                        $"{metric}, batch {count}, beat {i}: gpu {actual[i]} vs cpu {expected[i]}");
            }
        }
    }

    [CudaFact]
    public void Score_ReturnsCpuReconstructions_WhenAsked()
    {
        var shape = AutoencoderShape.Ecg5000;
        var parameters = AutoencoderParameters.Initialize(shape, seed: 3);
        float[] beats = InferenceEngineFactoryTests.RandomBeats(shape, count: 9, seed: 8);
        var expected = new float[beats.Length];
        var actual = new float[beats.Length];
        using (var cpu = new CpuInferenceEngine(parameters, threads: 0)) cpu.Score(beats, 9, ErrorMetric.L1Sum, new float[9], expected);

        using (var gpu = new CudaInferenceEngine(parameters)) gpu.Score(beats, 9, ErrorMetric.L1Sum, new float[9], actual);

        for (int i = 0; i < beats.Length; i++) Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-4f, $"sample {i}: gpu {actual[i]} vs cpu {expected[i]}");
    }

    [CudaFact]
    public void Score_GivesSameErrors_WhenCallIsSplitIntoLaunches()
    {
        var shape = AutoencoderShape.Ecg5000;
        var parameters = AutoencoderParameters.Initialize(shape, seed: 9);
        float[] beats = InferenceEngineFactoryTests.RandomBeats(shape, count: 20, seed: 2);
        var whole = new float[20];
        var split = new float[20];
        using (var gpu = new CudaInferenceEngine(parameters)) gpu.Score(beats, 20, ErrorMetric.MeanSquared, whole);

        using (var gpu = new CudaInferenceEngine(parameters, new CudaEngineOptions { MaxBatchPerLaunch = 7 })) gpu.Score(beats, 20, ErrorMetric.MeanSquared, split);

        for (int i = 0; i < 20; i++) Assert.True(Math.Abs(split[i] - whole[i]) <= RelativeTolerance * whole[i], $"beat {i}: {split[i]} vs {whole[i]}");
    }

    [CudaFact]
    public void Score_GivesSameErrors_WhenCalledFromSeveralThreads()
    {
        var shape = AutoencoderShape.Ecg5000;
        var parameters = AutoencoderParameters.Initialize(shape, seed: 4);
        float[] beats = InferenceEngineFactoryTests.RandomBeats(shape, count: 32, seed: 6);
        using var gpu = new CudaInferenceEngine(parameters);
        var reference = new float[32];
        gpu.Score(beats, 32, ErrorMetric.L1Sum, reference);

        var results = new float[8][];
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            results[i] = new float[32];
            gpu.Score(beats, 32, ErrorMetric.L1Sum, results[i]);
        });

        // Same batch size on every stream: the same kernels in the same order, so the same bits.
        Assert.All(results, r => Assert.Equal(reference, r));
    }
}
