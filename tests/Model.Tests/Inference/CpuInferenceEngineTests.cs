using EcgStream.Model.Inference;
using EcgStream.Model.Kernels;
using EcgStream.Model.Parameters;
using EcgStream.Model.Tests.Kernels;
using EcgStream.Model.Tests.Reference;

namespace EcgStream.Model.Tests.Inference;

public class CpuInferenceEngineTests
{
    // The engine must agree with a double-precision forward pass to float32 rounding over 4 layers × T steps;
    // 1e-5 relative norm is the parity budget also used against PyTorch.
    private const double RelativeNormTolerance = 1e-5;

    private static readonly AutoencoderShape Small = new(SequenceLength: 7, Features: 2, EmbeddingSize: 5, HiddenSize: 9);

    public static TheoryData<KernelWidth> Widths => KernelWidths.All;

    [Theory]
    [MemberData(nameof(Widths))]
    public void Score_MatchesReference_OnSmallShape(KernelWidth width)
    {
        var parameters = AutoencoderParameters.Initialize(Small, seed: 5);
        using var engine = new CpuInferenceEngine(parameters, threads: 2, width, gateBlockFloats: 64);
        var beats = KernelWidths.Random(11 * Small.BeatLength, seed: 6, scale: 2f);

        AssertMatchesReference(engine, parameters, beats, 11);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Score_MatchesReference_OnEcg5000Shape(KernelWidth width)
    {
        var parameters = AutoencoderParameters.Initialize(AutoencoderShape.Ecg5000, seed: 8);
        using var engine = new CpuInferenceEngine(parameters, threads: 1, width, gateBlockFloats: 256 * 1024);
        var beats = KernelWidths.Random(5 * AutoencoderShape.Ecg5000.BeatLength, seed: 9, scale: 2f);

        AssertMatchesReference(engine, parameters, beats, 5);
    }

    [Fact]
    public void Score_MatchesReference_WhenBatchSpansSeveralPasses()
    {
        var parameters = AutoencoderParameters.Initialize(Small, seed: 10);
        using var engine = new CpuInferenceEngine(parameters, threads: 3);
        int count = CpuInferenceEngine.MaxBeatsPerPass * 2 + 5;
        var beats = KernelWidths.Random(count * Small.BeatLength, seed: 11, scale: 2f);

        AssertMatchesReference(engine, parameters, beats, count);
    }

    [Theory]
    [InlineData(ErrorMetric.L1Sum)]
    [InlineData(ErrorMetric.MeanAbsolute)]
    [InlineData(ErrorMetric.MeanSquared)]
    public void Score_ReducesErrorAsMetricDefines(ErrorMetric metric)
    {
        var parameters = AutoencoderParameters.Initialize(Small, seed: 12);
        using var engine = new CpuInferenceEngine(parameters, threads: 1);
        var beats = KernelWidths.Random(4 * Small.BeatLength, seed: 13, scale: 2f);
        var errors = new float[4];

        engine.Score(beats, 4, metric, errors);

        for (int b = 0; b < 4; b++)
        {
            var beat = beats.AsSpan(b * Small.BeatLength, Small.BeatLength);
            double expected = ReferenceAutoencoder.Error(beat, ReferenceAutoencoder.Reconstruct(parameters, beat), metric);
            Assert.Equal(expected, errors[b], RelativeNormTolerance * Math.Abs(expected));
        }
    }

    [Fact]
    public void Score_LeavesReconstructionsAlone_WhenNoneAreAsked()
    {
        var parameters = AutoencoderParameters.Initialize(Small, seed: 14);
        using var engine = new CpuInferenceEngine(parameters, threads: 1);
        var beats = KernelWidths.Random(2 * Small.BeatLength, seed: 15);
        var withReconstruction = new float[2];
        var without = new float[2];

        engine.Score(beats, 2, ErrorMetric.L1Sum, withReconstruction, new float[2 * Small.BeatLength]);
        engine.Score(beats, 2, ErrorMetric.L1Sum, without);

        Assert.Equal(withReconstruction, without);
    }

    [Fact]
    public void Score_GivesIdenticalResults_WhenCalledConcurrently()
    {
        var parameters = AutoencoderParameters.Initialize(Small, seed: 16);
        using var engine = new CpuInferenceEngine(parameters, threads: 2);
        int count = 70;
        var beats = KernelWidths.Random(count * Small.BeatLength, seed: 17, scale: 2f);
        var expected = new float[count];
        engine.Score(beats, count, ErrorMetric.MeanSquared, expected);

        var results = new float[8][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var errors = new float[count];
            for (int repeat = 0; repeat < 20; repeat++) engine.Score(beats, count, ErrorMetric.MeanSquared, errors);
            results[i] = errors;
        });

        foreach (var result in results) Assert.Equal(expected, result);
    }

    [Fact]
    public void Score_IsUnaffected_WhenParametersChangeAfterConstruction()
    {
        var parameters = AutoencoderParameters.Initialize(Small, seed: 18);
        using var engine = new CpuInferenceEngine(parameters, threads: 1);
        var beats = KernelWidths.Random(Small.BeatLength, seed: 19);
        var before = new float[1];
        var after = new float[1];
        engine.Score(beats, 1, ErrorMetric.L1Sum, before);

        Array.Fill(parameters.Decoder2.WeightHh, 3f);
        engine.Score(beats, 1, ErrorMetric.L1Sum, after);

        Assert.Equal(before, after);
    }

    [Fact]
    public void Score_DoesNothing_WhenCountIsZero()
    {
        using var engine = new CpuInferenceEngine(AutoencoderParameters.Initialize(Small, seed: 20), threads: 1);

        engine.Score(ReadOnlySpan<float>.Empty, 0, ErrorMetric.L1Sum, Span<float>.Empty);
    }

    [Fact]
    public void Score_Throws_WhenBeatsAreTooShort()
    {
        using var engine = new CpuInferenceEngine(AutoencoderParameters.Initialize(Small, seed: 21), threads: 1);

        Assert.Throws<ArgumentException>(() => engine.Score(new float[2 * Small.BeatLength - 1], 2, ErrorMetric.L1Sum, new float[2]));
    }

    [Fact]
    public void Score_Throws_WhenErrorsDestinationIsTooShort()
    {
        using var engine = new CpuInferenceEngine(AutoencoderParameters.Initialize(Small, seed: 22), threads: 1);

        Assert.Throws<ArgumentException>(() => engine.Score(new float[2 * Small.BeatLength], 2, ErrorMetric.L1Sum, new float[1]));
    }

    [Fact]
    public void Score_Throws_WhenReconstructionsDestinationIsTooShort()
    {
        using var engine = new CpuInferenceEngine(AutoencoderParameters.Initialize(Small, seed: 23), threads: 1);

        Assert.Throws<ArgumentException>(() =>
            engine.Score(new float[2 * Small.BeatLength], 2, ErrorMetric.L1Sum, new float[2], new float[2 * Small.BeatLength - 1]));
    }

    [Fact]
    public void Score_Throws_WhenCountIsNegative()
    {
        using var engine = new CpuInferenceEngine(AutoencoderParameters.Initialize(Small, seed: 24), threads: 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Score(new float[Small.BeatLength], -1, ErrorMetric.L1Sum, new float[1]));
    }

    [Fact]
    public void Score_Throws_WhenMetricIsUnknown()
    {
        using var engine = new CpuInferenceEngine(AutoencoderParameters.Initialize(Small, seed: 25), threads: 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Score(new float[Small.BeatLength], 1, (ErrorMetric)42, new float[1]));
    }

    [Fact]
    public void Score_Throws_WhenEngineIsDisposed()
    {
        var engine = new CpuInferenceEngine(AutoencoderParameters.Initialize(Small, seed: 26), threads: 2);
        engine.Dispose();

        Assert.Throws<ObjectDisposedException>(() => engine.Score(new float[Small.BeatLength], 1, ErrorMetric.L1Sum, new float[1]));
    }

    [Fact]
    public void Constructor_Throws_WhenThreadsIsNegative()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CpuInferenceEngine(AutoencoderParameters.Initialize(Small, seed: 27), threads: -1));
    }

    [Fact]
    public void Engine_ReportsCpuDeviceAndShape()
    {
        using var engine = new CpuInferenceEngine(AutoencoderParameters.Initialize(Small, seed: 28));

        Assert.Equal("cpu", engine.Device);
        Assert.Equal(Small, engine.Shape);
        Assert.Equal(Environment.ProcessorCount, engine.Threads);
    }

    private static void AssertMatchesReference(CpuInferenceEngine engine, AutoencoderParameters parameters, float[] beats, int count)
    {
        int length = parameters.Shape.BeatLength;
        var errors = new float[count];
        var reconstructions = new float[count * length];

        engine.Score(beats, count, ErrorMetric.L1Sum, errors, reconstructions);

        double difference = 0, norm = 0;
        for (int b = 0; b < count; b++)
        {
            var beat = beats.AsSpan(b * length, length);
            var expected = ReferenceAutoencoder.Reconstruct(parameters, beat);
            for (int i = 0; i < length; i++)
            {
                double d = reconstructions[b * length + i] - expected[i];
                difference += d * d;
                norm += expected[i] * expected[i];
            }
            double expectedError = ReferenceAutoencoder.Error(beat, expected, ErrorMetric.L1Sum);
            Assert.Equal(expectedError, errors[b], RelativeNormTolerance * expectedError);
        }
        Assert.True(Math.Sqrt(difference / norm) <= RelativeNormTolerance, $"relative norm {Math.Sqrt(difference / norm):E2}");
    }
}
