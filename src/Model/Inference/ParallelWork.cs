using System.Runtime.ExceptionServices;

namespace EcgStream.Model.Inference;

/// <summary>
/// Work made of independent numbered items, run by <see cref="WorkerPool"/>: every participating thread claims the next
/// unclaimed item until none is left. Derived classes are reused from run to run, so a run allocates nothing.
/// </summary>
internal abstract class ParallelWork
{
    /// <summary>Items in the current run.</summary>
    private int _count;

    /// <summary>The next unclaimed item; incremented atomically by every participant.</summary>
    private int _next;

    /// <summary>The first exception an item threw in the current run, if any.</summary>
    private Exception? _failure;

    /// <summary>Helpers currently draining this work; guarded by the pool's lock.</summary>
    internal int ActiveHelpers { get; set; }

    /// <summary>Runs item <paramref name="index"/>.</summary>
    protected abstract void Execute(int index);

    /// <summary>Prepares a run of <paramref name="count"/> items.</summary>
    internal void Reset(int count)
    {
        _count = count;
        _next = 0;
        _failure = null;
    }

    /// <summary>Claims and runs items until none is left.</summary>
    internal void Drain()
    {
        int index;
        while ((index = Interlocked.Increment(ref _next) - 1) < _count)
        {
            try
            {
                Execute(index);
            }
            catch (Exception e)
            {
                // Keep the first failure and let the other items finish, so no thread is left writing into the
                // caller's buffers after Run returns.
                Interlocked.CompareExchange(ref _failure, e, null);
            }
        }
    }

    /// <summary>Rethrows an item's exception on the calling thread.</summary>
    internal void ThrowIfFailed()
    {
        if (_failure is { } failure) ExceptionDispatchInfo.Capture(failure).Throw();
    }
}
