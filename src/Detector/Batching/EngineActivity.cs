namespace EcgStream.Detector.Batching;

/// <summary>
/// Whether the scorer is waiting for work. The batcher hands over a partial batch at once when it is, because waiting
/// for more beats would only leave the engine idle; it waits up to MaxDelay only while the engine is busy. Thread-safe.
/// </summary>
public sealed class EngineActivity
{
    // Completed whenever the scorer becomes idle; replaced when it becomes busy again.
    private TaskCompletionSource _idle = NewSignal();
    private readonly Lock _lock = new();

    /// <summary>Creates the activity of an engine that starts idle.</summary>
    public EngineActivity() => _idle.SetResult();

    /// <summary>True while the scorer is waiting for a batch.</summary>
    public bool IsIdle
    {
        get { lock (_lock) return _idle.Task.IsCompleted; }
    }

    /// <summary>Completes when the scorer is (or becomes) idle.</summary>
    public Task WhenIdle()
    {
        lock (_lock) return _idle.Task;
    }

    /// <summary>The scorer took a batch.</summary>
    public void MarkBusy()
    {
        lock (_lock)
        {
            if (_idle.Task.IsCompleted) _idle = NewSignal();
        }
    }

    /// <summary>The scorer finished its batch and waits for the next.</summary>
    public void MarkIdle()
    {
        TaskCompletionSource signal;
        lock (_lock) signal = _idle;
        // Completed outside the lock: continuations run asynchronously anyway, but the batcher re-reads state under it.
        signal.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
