namespace EcgStream.Detector.Telemetry;

/// <summary>One anomalous beat as the live page draws it: the samples the model saw, its reconstruction, and the verdict.
/// It carries no patient id: the page is for looking at beats, and it may be served without authentication.</summary>
public sealed record AnomalySnapshot
{
    /// <summary>Beat id or sequence number from the wire record.</summary>
    public required string BeatId { get; init; }

    /// <summary>Where the beat was read from, "topic[partition]@offset", to find the original message.</summary>
    public required string Source { get; init; }

    /// <summary>When the detector scored the beat.</summary>
    public required DateTimeOffset DetectedAt { get; init; }

    /// <summary>Reconstruction error of the beat.</summary>
    public required float Score { get; init; }

    /// <summary>Threshold the score was compared with.</summary>
    public required float Threshold { get; init; }

    /// <summary>Version of the model that scored the beat.</summary>
    public required string ModelVersion { get; init; }

    /// <summary>The beat's samples as the model saw them (after normalisation).</summary>
    public required float[] Samples { get; init; }

    /// <summary>The model's reconstruction of the beat, same length as <see cref="Samples"/>.</summary>
    public required float[] Reconstruction { get; init; }

    /// <summary>Ground-truth label of replayed data (e.g. "R-on-T PVC"), when the record carried one.</summary>
    public string? Label { get; init; }

    /// <summary>The beat type the classifier predicted (e.g. "PVC"); null when the detector runs without a classifier.</summary>
    public string? BeatType { get; init; }

    /// <summary>The classifier's probability of <see cref="BeatType"/>, 0..1; null without a classifier.</summary>
    public float? BeatTypeProbability { get; init; }
}
