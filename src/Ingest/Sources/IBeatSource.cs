using System.Diagnostics.CodeAnalysis;
using EcgStream.Beats.Ecg5000;

namespace EcgStream.Ingest.Sources;

/// <summary>Where replayed beats come from: ECG5000 rows or synthetic beats, each with its ground-truth class.</summary>
public interface IBeatSource
{
    /// <summary>What is replayed, for the progress line ("ECG5000_TEST.txt, 4500 beats", "synthetic, 20% anomalies").</summary>
    string Description { get; }

    /// <summary>The next beat; false when the source has no more.</summary>
    bool TryNext([NotNullWhen(true)] out LabeledBeat? beat);
}
