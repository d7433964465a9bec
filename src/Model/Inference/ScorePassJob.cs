namespace EcgStream.Model.Inference;

/// <summary>One Score call's arguments, shared by the threads that run its passes; reused across calls.</summary>
internal sealed unsafe class ScorePassJob(IPassScorer scorer) : ParallelWork
{
    private float* _beats, _errors, _reconstructions;
    private int _count, _passes;
    private ErrorMetric _metric;

    /// <summary>Sets the arguments of the next run: <paramref name="count"/> beats cut into <paramref name="passes"/> passes.</summary>
    public void Start(float* beats, int count, int passes, ErrorMetric metric, float* errors, float* reconstructions)
    {
        _beats = beats;
        _count = count;
        _passes = passes;
        _metric = metric;
        _errors = errors;
        _reconstructions = reconstructions;
    }

    protected override void Execute(int index)
    {
        // Beats are split as evenly as possible: pass i takes [i·count/passes, (i+1)·count/passes).
        int first = (int)((long)index * _count / _passes);
        int n = (int)((long)(index + 1) * _count / _passes) - first;
        long offset = (long)first * scorer.BeatLength;
        scorer.ScorePass(_beats + offset, n, _metric, _errors + first, _reconstructions == null ? null : _reconstructions + offset);
    }
}
