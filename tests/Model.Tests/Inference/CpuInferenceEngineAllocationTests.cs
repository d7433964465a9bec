using EcgStream.Model.Inference;
using EcgStream.Model.Parameters;
using EcgStream.Model.Tests.Kernels;

namespace EcgStream.Model.Tests.Inference;

public class CpuInferenceEngineAllocationTests
{
    // Windows of calls: the runtime's own tier-up (a method recompiled after its first 30 calls) allocates once, inside one window;
    // an allocation made by every call would show in every window. So the quietest window must allocate nothing.
    private const int Windows = 6;

    private static readonly AutoencoderShape Small = new(SequenceLength: 7, Features: 2, EmbeddingSize: 5, HiddenSize: 9);

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(CpuInferenceEngine.MaxBeatsPerPass + 3)]
    public void Score_AllocatesNothing_OnOneThreadAfterWarmUp(int count)
    {
        var shape = AutoencoderShape.Ecg5000;
        using var engine = new CpuInferenceEngine(AutoencoderParameters.Initialize(shape, seed: 40), threads: 1);
        var beats = KernelWidths.Random(count * shape.BeatLength, seed: 41, scale: 2f);
        var errors = new float[count];
        var reconstructions = new float[count * shape.BeatLength];
        engine.Score(beats, count, ErrorMetric.MeanSquared, errors, reconstructions);

        // With one thread every pass runs on this thread, so its own counter sees every allocation of a call.
        long quietest = QuietestWindow(GC.GetAllocatedBytesForCurrentThread, callsPerWindow: 2,
            () => engine.Score(beats, count, ErrorMetric.MeanSquared, errors, reconstructions));

        Assert.Equal(0, quietest);
    }

    [Fact]
    public void Score_AllocatesNothingOnTheCallingThread_WithHelperThreads()
    {
        using var engine = new CpuInferenceEngine(AutoencoderParameters.Initialize(Small, seed: 42), threads: 2);
        int count = 2 * CpuInferenceEngine.MaxBeatsPerPass + 5;
        var beats = KernelWidths.Random(count * Small.BeatLength, seed: 43, scale: 2f);
        var errors = new float[count];
        engine.Score(beats, count, ErrorMetric.L1Sum, errors);

        // The calling thread's share of the passes and the call's bookkeeping; the helpers' side is WorkerPoolAllocationTests.
        long quietest = QuietestWindow(GC.GetAllocatedBytesForCurrentThread, callsPerWindow: 200,
            () => engine.Score(beats, count, ErrorMetric.L1Sum, errors));

        Assert.Equal(0, quietest);
    }

    /// <summary>The fewest bytes <paramref name="allocatedBytes"/> grew by over any of <see cref="Windows"/> runs of calls.</summary>
    internal static long QuietestWindow(Func<long> allocatedBytes, int callsPerWindow, Action call)
    {
        long quietest = long.MaxValue;
        for (int window = 0; window < Windows; window++)
        {
            long before = allocatedBytes();
            for (int i = 0; i < callsPerWindow; i++) call();
            quietest = Math.Min(quietest, allocatedBytes() - before);
        }
        return quietest;
    }
}
