using EcgStream.Model.Inference;
using EcgStream.Model.Kernels;
using EcgStream.Model.Parameters;
using EcgStream.Model.Tests.Kernels;
using EcgStream.Model.Tests.Parity;
using EcgStream.Model.Training;

namespace EcgStream.Model.Tests.Inference;

/// <summary>The dense CPU engine against the PyTorch fixtures, the training forward pass, threads, and allocation.</summary>
public sealed class DenseCpuInferenceEngineTests
{
    /// <summary>Reconstructions and errors against PyTorch: six float32 layers, as the training parity tests.</summary>
    private const double OutputTolerance = 1e-5;

    [Theory]
    [MemberData(nameof(DenseParityFixture.AllAtEveryWidth), MemberType = typeof(DenseParityFixture))]
    public void DenseCpuInferenceEngine_Score_MatchesPyTorchFixture(string name, KernelWidth width)
    {
        var fixture = DenseParityFixture.Load(name);
        using var engine = new DenseCpuInferenceEngine(fixture.Parameters(), threads: 1, width);
        var reconstructions = new float[fixture.Batch * fixture.BeatLength];
        var errors = new float[fixture.Batch];

        foreach (var metric in Enum.GetValues<ErrorMetric>())
        {
            engine.Score(fixture.Tensor("input"), fixture.Batch, metric, errors, reconstructions);

            Assert.InRange(ParityFixture.RelativeError(errors, fixture.Tensor("error." + metric)), 0, OutputTolerance);
        }
        Assert.InRange(ParityFixture.RelativeError(reconstructions, fixture.Tensor("reconstruction")), 0, OutputTolerance);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(DenseCpuInferenceEngine.MaxBeatsPerPass)]
    [InlineData(2 * DenseCpuInferenceEngine.MaxBeatsPerPass + 7)]
    public void DenseCpuInferenceEngine_Score_MatchesTrainingForward_OnTwoThreads(int count)
    {
        var parameters = DenseAutoencoderParameters.Initialize(DenseAutoencoderParameters.Ecg5000Sizes, seed: 21);
        var beats = KernelWidths.Random(count * 140, seed: 22, scale: 2f);
        var expected = new float[count * 140];
        new DenseAutoencoderTrainer(parameters, new TrainingOptions()).Reconstruct(beats, count, expected);
        using var engine = new DenseCpuInferenceEngine(parameters, threads: 2);
        var actual = new float[count * 140];

        engine.Score(beats, count, ErrorMetric.L1Sum, new float[count], actual);

        Assert.InRange(ParityFixture.RelativeError(actual, expected), 0, OutputTolerance);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(DenseCpuInferenceEngine.MaxBeatsPerPass + 3)]
    public void DenseCpuInferenceEngine_Score_AllocatesNothing_OnOneThreadAfterWarmUp(int count)
    {
        using var engine = new DenseCpuInferenceEngine(DenseAutoencoderParameters.Initialize(DenseAutoencoderParameters.Ecg5000Sizes, seed: 23), threads: 1);
        var beats = KernelWidths.Random(count * 140, seed: 24, scale: 2f);
        var errors = new float[count];
        var reconstructions = new float[count * 140];
        engine.Score(beats, count, ErrorMetric.MeanSquared, errors, reconstructions);

        long quietest = CpuInferenceEngineAllocationTests.QuietestWindow(GC.GetAllocatedBytesForCurrentThread, callsPerWindow: 50,
            () => engine.Score(beats, count, ErrorMetric.MeanSquared, errors, reconstructions));

        Assert.Equal(0, quietest);
    }

    [Fact]
    public void DenseCpuInferenceEngine_Score_IsThreadSafe_ForConcurrentCalls()
    {
        var parameters = DenseAutoencoderParameters.Initialize(DenseAutoencoderParameters.Ecg5000Sizes, seed: 25);
        using var engine = new DenseCpuInferenceEngine(parameters, threads: 2);
        const int count = 37;
        var beats = KernelWidths.Random(count * 140, seed: 26, scale: 2f);
        var expected = new float[count];
        engine.Score(beats, count, ErrorMetric.L1Sum, expected);

        var results = new float[8][];
        Parallel.For(0, results.Length, i =>
        {
            results[i] = new float[count];
            for (int repeat = 0; repeat < 20; repeat++) engine.Score(beats, count, ErrorMetric.L1Sum, results[i]);
        });

        foreach (var result in results) Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData(EngineDevice.Cpu, "requested with --device cpu")]
    [InlineData(EngineDevice.Cuda, "dense-ae has no CUDA engine")]
    [InlineData(EngineDevice.Auto, "dense-ae has no CUDA engine")]
    public void InferenceEngineFactory_CreatesCpuEngine_ForDenseModel(EngineDevice device, string reason)
    {
        var model = new DenseAutoencoderModel(DenseAutoencoderParameters.Initialize(DenseAutoencoderParameters.Ecg5000Sizes, seed: 27), new ModelMetadata());

        var (engine, why) = InferenceEngineFactory.Create(device, model, threads: 1);

        using (engine)
        {
            Assert.IsType<DenseCpuInferenceEngine>(engine);
            Assert.Equal("cpu", engine.Device);
            Assert.Equal(140, engine.Shape.BeatLength);
            Assert.Contains(reason, why);
        }
    }
}
