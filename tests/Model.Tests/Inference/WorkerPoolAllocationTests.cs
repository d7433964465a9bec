using System.Diagnostics;
using EcgStream.Model.Inference;

namespace EcgStream.Model.Tests.Inference;

public class WorkerPoolAllocationTests
{
    private const int Items = 4, RunsPerWindow = 50, Windows = 6;

    [Fact]
    public void Run_AllocatesNothingOnHelperThreads_AfterWarmUp()
    {
        using var pool = new WorkerPool(helperCount: 1);
        var probe = new AllocationProbe(Items, RunsPerWindow * Windows);
        int caller = Environment.CurrentManagedThreadId;

        for (probe.Run = 0; probe.Run < RunsPerWindow * Windows; probe.Run++) pool.Run(probe, Items);

        // A helper's counter between two items it ran covers everything it did in between: finishing one run, waiting, taking
        // the next invitation. Windows where the helper ran at least twice are compared; tier-up allocates in one of them at most.
        var quietest = long.MaxValue;
        for (int window = 0; window < Windows; window++)
        {
            long? previous = null, growth = 0;
            int readings = 0;
            for (int slot = window * RunsPerWindow * Items; slot < (window + 1) * RunsPerWindow * Items; slot++)
            {
                if (probe.Threads[slot] == caller) continue;
                if (previous is { } p) growth += probe.Counters[slot] - p;
                previous = probe.Counters[slot];
                readings++;
            }
            if (readings >= 2) quietest = Math.Min(quietest, growth.Value);
        }
        Assert.True(quietest != long.MaxValue, "the helper thread never ran two items in one window");
        Assert.Equal(0, quietest);
    }

    /// <summary>Items that spin briefly (so the helper gets a share) and record which thread ran them and its allocation counter.</summary>
    private sealed class AllocationProbe(int items, int runs) : ParallelWork
    {
        /// <summary>Per (run, item): the managed thread id that ran it.</summary>
        public int[] Threads { get; } = new int[items * runs];

        /// <summary>Per (run, item): that thread's allocated bytes when the item started.</summary>
        public long[] Counters { get; } = new long[items * runs];

        /// <summary>The run in progress.</summary>
        public int Run { get; set; }

        protected override void Execute(int index)
        {
            int slot = Run * items + index;
            Threads[slot] = Environment.CurrentManagedThreadId;
            Counters[slot] = GC.GetAllocatedBytesForCurrentThread();
            long until = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 20_000;
            while (Stopwatch.GetTimestamp() < until) Thread.SpinWait(10);
        }
    }
}
