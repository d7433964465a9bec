using EcgStream.Model.Cuda;
using EcgStream.Model.Inference;
using EcgStream.Model.Parameters;
using EcgStream.Model.Tests.Inference;

namespace EcgStream.Model.Tests.Cuda;

/// <summary>The CUDA engine with each RNN algorithm and with auto, against the CPU engine; skipped without a GPU.</summary>
public sealed class CudaRnnAlgorithmTests
{
    private const float RelativeTolerance = 1e-4f;

    [CudaFact]
    public void Score_MatchesCpuEngine_ForEveryAlgorithmAndAuto()
    {
        var shape = AutoencoderShape.Ecg5000;
        var parameters = AutoencoderParameters.Initialize(shape, seed: 20240601);
        float[] beats = InferenceEngineFactoryTests.RandomBeats(shape, count: 67, seed: 5);
        using var cpu = new CpuInferenceEngine(parameters, threads: 0);
        var expected = new float[67];
        cpu.Score(beats, 67, ErrorMetric.L1Sum, expected);
        CudaRnnAlgorithm?[] algorithms = [CudaRnnAlgorithm.Standard, CudaRnnAlgorithm.PersistStatic, CudaRnnAlgorithm.PersistStaticSmallH, null];

        foreach (var algorithm in algorithms)
        {
            var log = new List<string>();
            using var gpu = new CudaInferenceEngine(parameters, new CudaEngineOptions { Algorithm = algorithm, MaxBatchPerLaunch = 64, Log = log.Add });
            foreach (int count in new[] { 1, 8, 67 })
            {
                var actual = new float[count];
                gpu.Score(beats, count, ErrorMetric.L1Sum, actual);

                for (int i = 0; i < count; i++)
                    Assert.True(Math.Abs(actual[i] - expected[i]) <= RelativeTolerance * Math.Abs(expected[i]),
                        $"rnn {CudaRnnAlgorithmNames.Name(algorithm)}, batch {count}, beat {i}: gpu {actual[i]} vs cpu {expected[i]}; log: {string.Join(" | ", log)}");
            }
        }
    }

    [CudaFact]
    public void Constructor_LogsOneLinePerBucket_ForAuto()
    {
        var parameters = AutoencoderParameters.Initialize(AutoencoderShape.Ecg5000, seed: 3);
        var log = new List<string>();

        using var gpu = new CudaInferenceEngine(parameters, new CudaEngineOptions { Algorithm = null, MaxBatchPerLaunch = 64, Log = log.Add });

        string[] tableLines = string.Join('\n', log).Split('\n').Where(l => l.StartsWith("rnn auto:", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, tableLines.Length);   // buckets 1, 8, 64: the rest are above the launch limit
        Assert.Equal([1, 8, 64], gpu.RnnAlgorithms.Buckets);
    }
}
