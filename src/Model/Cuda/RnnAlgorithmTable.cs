using System.Globalization;
using System.Text;

namespace EcgStream.Model.Cuda;

/// <summary>
/// What <c>--rnn auto</c> runs: for each batch-size bucket, the cuDNN RNN algorithm with the lowest measured call time.
/// A batch of n beats belongs to the smallest bucket ≥ n (the bucket's size is the worst case measured for it);
/// batches above the largest bucket use the largest. Pure data: the measuring loop lives in the CUDA engine.
/// </summary>
public sealed class RnnAlgorithmTable
{
    /// <summary>The buckets the engine measures: 1, 8, 64, 256, 1024, 8192 beats (those above the launch limit are left out).</summary>
    public static IReadOnlyList<int> DefaultBuckets { get; } = [1, 8, 64, 256, 1024, 8192];

    // Ascending bucket sizes, and the algorithm and its time (null: nothing was supported, standard used) for each.
    private readonly int[] _buckets;
    private readonly CudaRnnAlgorithm[] _chosen;
    private readonly double?[] _milliseconds;

    private RnnAlgorithmTable(int[] buckets, CudaRnnAlgorithm[] chosen, double?[] milliseconds)
    {
        _buckets = buckets;
        _chosen = chosen;
        _milliseconds = milliseconds;
    }

    /// <summary>The buckets, ascending.</summary>
    public IReadOnlyList<int> Buckets => _buckets;

    /// <summary>
    /// Builds the table from measurements: per bucket the supported algorithm with the lowest time; on a tie the lower
    /// enum value (standard first, the reference path). A bucket whose every measurement is unsupported gets standard.
    /// Throws <see cref="ArgumentException"/> for no measurements, a bucket below 1 or a negative or non-finite time.
    /// </summary>
    public static RnnAlgorithmTable Build(IEnumerable<RnnAlgorithmMeasurement> measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var list = measurements.ToList();
        if (list.Count == 0) throw new ArgumentException("The auto RNN table needs at least one measurement.", nameof(measurements));
        foreach (var m in list)
        {
            if (m.Bucket < 1) throw new ArgumentException($"Bucket {m.Bucket} is below 1.", nameof(measurements));
            if (m.Milliseconds is double ms && (!double.IsFinite(ms) || ms < 0))
                throw new ArgumentException($"Time {ms} ms for {CudaRnnAlgorithmNames.Name(m.Algorithm)} at batch {m.Bucket} is not a finite non-negative number.", nameof(measurements));
        }

        int[] buckets = list.Select(m => m.Bucket).Distinct().Order().ToArray();
        var chosen = new CudaRnnAlgorithm[buckets.Length];
        var times = new double?[buckets.Length];
        for (int b = 0; b < buckets.Length; b++)
        {
            var best = list.Where(m => m.Bucket == buckets[b] && m.Milliseconds is not null)
                .OrderBy(m => m.Milliseconds!.Value).ThenBy(m => (int)m.Algorithm)
                .Select(m => (RnnAlgorithmMeasurement?)m).FirstOrDefault();
            chosen[b] = best?.Algorithm ?? CudaRnnAlgorithm.Standard;
            times[b] = best?.Milliseconds;
        }
        return new RnnAlgorithmTable(buckets, chosen, times);
    }

    /// <summary>The bucket a batch of <paramref name="batch"/> beats belongs to: the smallest bucket ≥ it, or the largest.</summary>
    public int BucketOf(int batch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        return _buckets[IndexOf(batch)];
    }

    /// <summary>The algorithm chosen for a batch of <paramref name="batch"/> beats.</summary>
    public CudaRnnAlgorithm AlgorithmFor(int batch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        return _chosen[IndexOf(batch)];
    }

    /// <summary>
    /// One line per bucket for the log, e.g. "rnn auto: batch ≤ 64: small-h (0.84 ms)"; a bucket with nothing supported says
    /// "standard (no algorithm supported; fallback)".
    /// </summary>
    public string ToLogText()
    {
        var text = new StringBuilder();
        for (int b = 0; b < _buckets.Length; b++)
        {
            if (b > 0) text.Append('\n');
            text.Append(CultureInfo.InvariantCulture, $"rnn auto: batch ≤ {_buckets[b]}: {CudaRnnAlgorithmNames.Name(_chosen[b])} ");
            text.Append(_milliseconds[b] is double ms
                ? string.Create(CultureInfo.InvariantCulture, $"({ms:0.###} ms)")
                : "(no algorithm supported; fallback)");
        }
        return text.ToString();
    }

    private int IndexOf(int batch)
    {
        // Few buckets: a linear scan is as fast as a binary search and plainly correct at the edges.
        for (int b = 0; b < _buckets.Length; b++)
        {
            if (batch <= _buckets[b]) return b;
        }
        return _buckets.Length - 1;
    }
}
