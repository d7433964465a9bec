using System.Diagnostics.CodeAnalysis;
using EcgStream.Beats.Ecg5000;
using EcgStream.Beats.Synthetic;

namespace EcgStream.Ingest.Sources;

/// <summary>An endless stream of synthetic beats (<see cref="SyntheticBeatGenerator"/>), anomalous with a given probability.</summary>
public sealed class SyntheticBeatSource : IBeatSource
{
    /// <summary>Name carried as the source file of every synthetic beat.</summary>
    public const string SourceName = "synthetic";

    private readonly SyntheticBeatGenerator _generator;
    private readonly double _anomalyFraction;
    private int _row;

    /// <summary>Creates the source; the same <paramref name="seed"/> gives the same beats.</summary>
    public SyntheticBeatSource(double anomalyFraction, int seed)
    {
        if (!(anomalyFraction is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(anomalyFraction), "must be 0..1");
        _anomalyFraction = anomalyFraction;
        _generator = new SyntheticBeatGenerator(seed);
    }

    /// <inheritdoc/>
    public string Description => $"synthetic beats, {_anomalyFraction:P0} anomalous";

    /// <inheritdoc/>
    public bool TryNext([NotNullWhen(true)] out LabeledBeat? beat)
    {
        var beatClass = _generator.NextClass(_anomalyFraction);
        beat = new LabeledBeat(beatClass, _generator.Generate(beatClass), SourceName, _row++);
        return true;
    }
}
