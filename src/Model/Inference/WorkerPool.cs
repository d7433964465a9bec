namespace EcgStream.Model.Inference;

/// <summary>
/// A fixed set of helper threads that join the calling thread to run the items of a <see cref="ParallelWork"/>.
/// The caller always works too, so a pool of n helpers uses n + 1 threads; several callers may run work at once and
/// share the helpers. Nothing is allocated per run.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    /// <summary>Guards <see cref="_pending"/>, <see cref="_disposed"/> and every work's ActiveHelpers count.</summary>
    private readonly object _gate = new();

    /// <summary>Invitations: one entry per helper a caller asked for; a helper takes one and drains that work.</summary>
    private readonly List<ParallelWork> _pending = new();

    /// <summary>The helper threads.</summary>
    private readonly Thread[] _helpers;

    /// <summary>Set once by <see cref="Dispose"/>; helpers exit when they see it.</summary>
    private bool _disposed;

    /// <summary>Starts <paramref name="helperCount"/> background threads.</summary>
    public WorkerPool(int helperCount)
    {
        _helpers = new Thread[helperCount];
        for (int i = 0; i < helperCount; i++)
        {
            _helpers[i] = new Thread(HelperLoop) { IsBackground = true, Name = $"EcgStream CPU engine helper {i + 1}" };
            _helpers[i].Start();
        }
    }

    /// <summary>Runs items 0 .. <paramref name="count"/>−1 of <paramref name="work"/> on this thread and on free helpers; returns when all are done.</summary>
    /// <remarks>If items throw, the first exception is rethrown here after every item has finished.</remarks>
    public void Run(ParallelWork work, int count)
    {
        work.Reset(count);
        int invited = Math.Min(_helpers.Length, count - 1);
        if (invited > 0)
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                for (int i = 0; i < invited; i++) _pending.Add(work);
                Monitor.PulseAll(_gate);
            }
        }

        work.Drain();

        if (invited > 0)
        {
            lock (_gate)
            {
                // Helpers that have not picked up their invitation yet (busy with another caller's work) are not
                // waited for: this thread has already claimed every item, so the invitation is withdrawn.
                for (int i = _pending.Count - 1; i >= 0; i--)
                    if (ReferenceEquals(_pending[i], work)) _pending.RemoveAt(i);
                while (work.ActiveHelpers > 0) Monitor.Wait(_gate);
            }
        }
        work.ThrowIfFailed();
    }

    /// <summary>Stops the helpers after the work they are running.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            Monitor.PulseAll(_gate);
        }
        foreach (var helper in _helpers) helper.Join();
    }

    private void HelperLoop()
    {
        while (true)
        {
            ParallelWork work;
            lock (_gate)
            {
                while (_pending.Count == 0 && !_disposed) Monitor.Wait(_gate);
                if (_disposed) return;
                work = _pending[^1];
                _pending.RemoveAt(_pending.Count - 1);
                work.ActiveHelpers++;
            }

            work.Drain();

            lock (_gate)
            {
                if (--work.ActiveHelpers == 0) Monitor.PulseAll(_gate);
            }
        }
    }
}
