using System.Diagnostics.CodeAnalysis;
using EcgStream.Beats.Ecg5000;

namespace EcgStream.Ingest.Sources;

/// <summary>
/// Replays the rows of ECG5000's test file (the split a model trained on the train file has not seen): in file order,
/// or, with an anomaly fraction, drawn at random from its normal and anomalous rows in that proportion.
/// </summary>
public sealed class Ecg5000BeatSource : IBeatSource
{
    private readonly IReadOnlyList<LabeledBeat> _rows;
    private readonly LabeledBeat[] _normal, _anomalous;
    private readonly double? _anomalyFraction;
    private readonly bool _loop;
    private readonly Random _random;
    private int _next;

    /// <summary>
    /// Reads the test file of <paramref name="directory"/>; throws <see cref="Ecg5000FormatException"/> naming what is
    /// missing or malformed. Without <paramref name="anomalyFraction"/>, rows play once in order, or again and again with
    /// <paramref name="loop"/>; with it, rows are drawn without end.
    /// </summary>
    public Ecg5000BeatSource(string directory, double? anomalyFraction, bool loop, int seed)
    {
        if (anomalyFraction is { } f && !(f is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(anomalyFraction), "must be 0..1");
        var (_, testPath) = Ecg5000Reader.Locate(directory);
        _rows = Ecg5000Reader.Read(testPath);
        _normal = _rows.Where(r => !r.IsAnomaly).ToArray();
        _anomalous = _rows.Where(r => r.IsAnomaly).ToArray();
        if (anomalyFraction is > 0 && _anomalous.Length == 0) throw new Ecg5000FormatException($"{Path.GetFileName(testPath)} holds no anomalous beats to draw.");
        if (anomalyFraction is < 1 && _normal.Length == 0) throw new Ecg5000FormatException($"{Path.GetFileName(testPath)} holds no normal beats to draw.");
        _anomalyFraction = anomalyFraction;
        _loop = loop;
        _random = new Random(seed);
        FileName = Path.GetFileName(testPath);
    }

    /// <summary>The file the rows come from.</summary>
    public string FileName { get; }

    /// <summary>Rows in the file.</summary>
    public int RowCount => _rows.Count;

    /// <inheritdoc/>
    public string Description => _anomalyFraction is { } f
        ? $"{FileName} ({RowCount} beats), drawn {f:P0} anomalous"
        : $"{FileName} ({RowCount} beats, {_anomalous.Length} anomalous) in order{(_loop ? ", looping" : "")}";

    /// <inheritdoc/>
    public bool TryNext([NotNullWhen(true)] out LabeledBeat? beat)
    {
        if (_anomalyFraction is { } fraction)
        {
            var pool = _random.NextDouble() < fraction ? _anomalous : _normal;
            beat = pool[_random.Next(pool.Length)];
            return true;
        }
        if (_next == _rows.Count && _loop) _next = 0;
        beat = _next < _rows.Count ? _rows[_next++] : null;
        return beat is not null;
    }
}
