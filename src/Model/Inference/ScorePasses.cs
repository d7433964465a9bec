namespace EcgStream.Model.Inference;

/// <summary>
/// The CPU engines' Score call: checks its arguments, cuts the batch into passes of at most a set number of beats (and at
/// least one per thread) and runs them on the calling thread and a pool of helper threads.
/// </summary>
internal sealed unsafe class ScorePasses : IDisposable
{
    // Scores one pass on whichever thread runs it.
    private readonly IPassScorer _scorer;

    // Threads a batch may use, the calling one included; the largest pass.
    private readonly int _threads;
    private readonly int _maxBeatsPerPass;

    /// <summary>Helper threads: threads − 1 of them; the caller is the other.</summary>
    private readonly WorkerPool _pool;

    /// <summary>Idle per-call job objects. Guarded by itself.</summary>
    private readonly Stack<ScorePassJob> _jobs = new();

    /// <summary>Prepares to run <paramref name="scorer"/>'s passes of at most <paramref name="maxBeatsPerPass"/> beats on <paramref name="threads"/> threads.</summary>
    public ScorePasses(IPassScorer scorer, int threads, int maxBeatsPerPass)
    {
        _scorer = scorer;
        _threads = threads;
        _maxBeatsPerPass = maxBeatsPerPass;
        _pool = new WorkerPool(threads - 1);
    }

    /// <summary>Checks the arguments of <see cref="IInferenceEngine.Score"/> and scores the beats.</summary>
    public void Score(ReadOnlySpan<float> beats, int count, ErrorMetric metric, Span<float> errors, Span<float> reconstructions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!Enum.IsDefined(metric)) throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown error metric.");
        int beatLength = _scorer.BeatLength;
        long values = (long)count * beatLength;
        if (beats.Length < values) throw new ArgumentException($"beats must hold {count}·{beatLength} values.", nameof(beats));
        if (errors.Length < count) throw new ArgumentException($"errors must hold {count} values.", nameof(errors));
        if (!reconstructions.IsEmpty && reconstructions.Length < values)
            throw new ArgumentException($"reconstructions must be empty or hold {count}·{beatLength} values.", nameof(reconstructions));
        if (count == 0) return;

        // At least one pass per thread (when there are enough beats), and none larger than the largest pass.
        int passes = Math.Max((count + _maxBeatsPerPass - 1) / _maxBeatsPerPass, Math.Min(_threads, count));
        var job = ObjectStack.Rent(_jobs) ?? new ScorePassJob(_scorer);
        fixed (float* beatsPointer = beats, errorsPointer = errors, reconstructionsPointer = reconstructions)
        {
            job.Start(beatsPointer, count, passes, metric, errorsPointer, reconstructionsPointer);
            _pool.Run(job, passes);
        }
        ObjectStack.Return(_jobs, job);
    }

    /// <summary>Stops the helper threads. Score must not be running or called afterwards.</summary>
    public void Dispose() => _pool.Dispose();
}
