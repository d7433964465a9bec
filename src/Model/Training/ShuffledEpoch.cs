namespace EcgStream.Model.Training;

/// <summary>
/// The trainers' epoch: the beats in an order shuffled from the seed's random stream, gathered into mini-batches of that
/// order, one training step per mini-batch (the last one may be smaller). Not safe for concurrent calls.
/// </summary>
internal sealed class ShuffledEpoch
{
    /// <summary>
    /// One training step on a gathered mini-batch of <paramref name="count"/> <paramref name="beats"/> and their
    /// <paramref name="labels"/> (empty when the epoch has none); returns its loss before the step.
    /// </summary>
    public delegate float BatchStep(ReadOnlySpan<float> beats, ReadOnlySpan<int> labels, int count);

    // Draws every epoch's order; seeded once, so epoch k's order depends only on the seed and k.
    private readonly Random _shuffle;

    // The epoch's order (beat indexes) and the gathered mini-batch, reused across epochs.
    private int[] _order = [];
    private float[] _batchBeats = [];
    private int[] _batchLabels = [];

    /// <summary>Prepares epochs whose orders are drawn from a random stream seeded with <paramref name="seed"/>.</summary>
    public ShuffledEpoch(int seed) => _shuffle = new Random(seed);

    /// <summary>
    /// One pass over <paramref name="count"/> beats ([count, <paramref name="beatLength"/>], beat-major) and, when not empty,
    /// their <paramref name="labels"/>, in mini-batches of <paramref name="batchSize"/>. Returns the mean per-beat loss: the
    /// batch losses weighted by batch size.
    /// </summary>
    public float Run(ReadOnlySpan<float> beats, ReadOnlySpan<int> labels, int count, int beatLength, int batchSize, BatchStep step)
    {
        if (_order.Length != count) _order = new int[count];
        for (int i = 0; i < count; i++) _order[i] = i;
        _shuffle.Shuffle(_order);

        bool labelled = !labels.IsEmpty;
        batchSize = Math.Min(batchSize, count);
        if (_batchBeats.Length < batchSize * beatLength) _batchBeats = new float[batchSize * beatLength];
        if (labelled && _batchLabels.Length < batchSize) _batchLabels = new int[batchSize];
        double weighted = 0;
        for (int start = 0; start < count; start += batchSize)
        {
            int n = Math.Min(batchSize, count - start);
            for (int i = 0; i < n; i++)
            {
                beats.Slice(_order[start + i] * beatLength, beatLength).CopyTo(_batchBeats.AsSpan(i * beatLength));
                if (labelled) _batchLabels[i] = labels[_order[start + i]];
            }
            var batchLabels = labelled ? _batchLabels.AsSpan(0, n) : Span<int>.Empty;
            weighted += (double)step(_batchBeats.AsSpan(0, n * beatLength), batchLabels, n) * n;
        }
        return (float)(weighted / count);
    }
}
