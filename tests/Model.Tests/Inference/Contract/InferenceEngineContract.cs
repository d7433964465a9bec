using EcgStream.Model.Inference;
using EcgStream.Model.Tests.Kernels;

namespace EcgStream.Model.Tests.Inference.Contract;

/// <summary>
/// What every <see cref="IInferenceEngine"/> promises in its doc comments, run against each engine: a count of 0 does
/// nothing; bad arguments throw before any work; reconstructions are optional; each beat's error does not depend on the
/// batch it came in; calls from several threads at once agree; no allocation per batch once warm.
/// </summary>
public abstract class InferenceEngineContract
{
    // Beats in the batch tests: more than one pass of the CPU engines (64), and odd, so a partial pass and a tail run.
    private const int BatchCount = 67;

    /// <summary>A new engine with seeded weights, running calls on one thread (so the calling thread sees every allocation).</summary>
    protected abstract IInferenceEngine CreateEngine();

    /// <summary>Relative difference allowed between a beat's error scored alone and scored in a batch. No engine promises the
    /// same bits: a batch's width can change the order of a product's sums (the dense engine's differ in the last bit), so the
    /// default is a few float32 roundings; an engine whose batch size changes its kernels allows more.</summary>
    protected virtual double BatchTolerance => 1e-6;

    [ContractFact]
    public void Engine_ReportsItsDeviceAndShape()
    {
        using var engine = CreateEngine();

        Assert.False(string.IsNullOrEmpty(engine.Device));
        Assert.True(engine.Shape.BeatLength > 0);
    }

    [ContractFact]
    public void Score_DoesNothing_WhenCountIsZero()
    {
        using var engine = CreateEngine();
        var errors = new[] { 42f };

        engine.Score([], 0, ErrorMetric.L1Sum, errors);

        Assert.Equal(42f, errors[0]);
    }

    [ContractFact]
    public void Score_Throws_WhenBeatsAreTooShort()
    {
        using var engine = CreateEngine();

        Assert.Throws<ArgumentException>(() => engine.Score(new float[2 * engine.Shape.BeatLength - 1], 2, ErrorMetric.L1Sum, new float[2]));
    }

    [ContractFact]
    public void Score_Throws_WhenErrorsDestinationIsTooShort()
    {
        using var engine = CreateEngine();

        Assert.Throws<ArgumentException>(() => engine.Score(new float[2 * engine.Shape.BeatLength], 2, ErrorMetric.L1Sum, new float[1]));
    }

    [ContractFact]
    public void Score_Throws_WhenReconstructionsDestinationIsTooShort()
    {
        using var engine = CreateEngine();
        int length = engine.Shape.BeatLength;

        Assert.Throws<ArgumentException>(() => engine.Score(new float[2 * length], 2, ErrorMetric.L1Sum, new float[2], new float[2 * length - 1]));
    }

    [ContractFact]
    public void Score_Throws_WhenCountIsNegative()
    {
        using var engine = CreateEngine();

        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Score(new float[engine.Shape.BeatLength], -1, ErrorMetric.L1Sum, new float[1]));
    }

    [ContractFact]
    public void Score_Throws_WhenMetricIsUnknown()
    {
        using var engine = CreateEngine();

        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Score(new float[engine.Shape.BeatLength], 1, (ErrorMetric)42, new float[1]));
    }

    [ContractFact]
    public void Score_Throws_WhenEngineIsDisposed()
    {
        var engine = CreateEngine();
        int length = engine.Shape.BeatLength;
        engine.Dispose();

        Assert.Throws<ObjectDisposedException>(() => engine.Score(new float[length], 1, ErrorMetric.L1Sum, new float[1]));
    }

    [ContractFact]
    public void Score_GivesSameErrors_WhetherReconstructionsAreAskedForOrNot()
    {
        using var engine = CreateEngine();
        int length = engine.Shape.BeatLength;
        var beats = KernelWidths.Random(3 * length, seed: 70, scale: 2f);
        var with = new float[3];
        var without = new float[3];

        engine.Score(beats, 3, ErrorMetric.MeanSquared, with, new float[3 * length]);
        engine.Score(beats, 3, ErrorMetric.MeanSquared, without);

        Assert.Equal(with, without);
    }

    [ContractFact]
    public void Score_OfABatch_EqualsScoringEachBeatAlone()
    {
        using var engine = CreateEngine();
        int length = engine.Shape.BeatLength;
        var beats = KernelWidths.Random(BatchCount * length, seed: 71, scale: 2f);
        var batch = new float[BatchCount];
        var alone = new float[BatchCount];

        engine.Score(beats, BatchCount, ErrorMetric.L1Sum, batch);
        for (int b = 0; b < BatchCount; b++) engine.Score(beats.AsSpan(b * length, length), 1, ErrorMetric.L1Sum, alone.AsSpan(b, 1));

        for (int b = 0; b < BatchCount; b++) Assert.Equal(alone[b], batch[b], BatchTolerance * Math.Abs(alone[b]));
    }

    [ContractFact]
    public void Score_GivesIdenticalErrors_WhenCalledConcurrently()
    {
        using var engine = CreateEngine();
        var beats = KernelWidths.Random(BatchCount * engine.Shape.BeatLength, seed: 72, scale: 2f);
        var expected = new float[BatchCount];
        engine.Score(beats, BatchCount, ErrorMetric.MeanAbsolute, expected);

        var results = new float[6][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 6 }, i =>
        {
            results[i] = new float[BatchCount];
            for (int repeat = 0; repeat < 5; repeat++) engine.Score(beats, BatchCount, ErrorMetric.MeanAbsolute, results[i]);
        });

        Assert.All(results, result => Assert.Equal(expected, result));
    }

    [ContractFact]
    public void Score_AllocatesNothing_AfterWarmUp()
    {
        using var engine = CreateEngine();
        int length = engine.Shape.BeatLength;
        var beats = KernelWidths.Random(BatchCount * length, seed: 73, scale: 2f);
        var errors = new float[BatchCount];
        var reconstructions = new float[BatchCount * length];
        engine.Score(beats, BatchCount, ErrorMetric.MeanSquared, errors, reconstructions);

        long quietest = CpuInferenceEngineAllocationTests.QuietestWindow(GC.GetAllocatedBytesForCurrentThread, callsPerWindow: 2,
            () => engine.Score(beats, BatchCount, ErrorMetric.MeanSquared, errors, reconstructions));

        Assert.Equal(0, quietest);
    }
}
