using System.Text.Json.Serialization;
using EcgStream.Beats.Ecg5000;

namespace EcgStream.Beats.Wire;

/// <summary>
/// One anomalous beat, as published on the anomalies topic (schemas/anomaly-event.schema.json); key = patient id.
/// Delivery is at-least-once: a consumer drops repeats by <see cref="BeatId"/>. The classifier fields are optional: a
/// detector without a classifier leaves them out, and consumers that do not know them ignore them.
/// </summary>
/// <param name="BeatId">The beat's id from its <see cref="BeatWindow"/>.</param>
/// <param name="PatientId">The patient.</param>
/// <param name="Sequence">The beat's position in its patient's stream.</param>
/// <param name="Timestamp">The beat's ingest timestamp.</param>
/// <param name="Score">Reconstruction error of the beat.</param>
/// <param name="Threshold">The model's threshold the score exceeded.</param>
/// <param name="ErrorMetric">How the error was reduced to the score ("L1Sum", "MeanAbsolute", "MeanSquared").</param>
/// <param name="ModelVersion">Version of the model that scored the beat.</param>
/// <param name="DecidedAt">When the detector decided.</param>
/// <param name="Latency">Where the time went.</param>
/// <param name="Source">Where the beat was read.</param>
/// <param name="Label">The carried ground-truth class, for evaluation; null for live monitors.</param>
public sealed record AnomalyEvent(
    string BeatId, string PatientId, long Sequence, DateTimeOffset Timestamp, float Score, float Threshold, string ErrorMetric,
    string ModelVersion, DateTimeOffset DecidedAt, DecisionLatency Latency, SourcePosition Source, BeatClass? Label)
{
    /// <summary>The beat's type as the classifier predicted it; null, and not written, when the detector runs without a classifier.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BeatType? BeatType { get; init; }

    /// <summary>
    /// The classifier's probability of each of the five classes, in class order (index 0 is class 1, Normal; softmax, sums
    /// to 1); null, and not written, without a classifier.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public float[]? Probabilities { get; init; }

    /// <summary>Which autoencoder scored the beat ("lstm-ae", "dense-ae"); null, and not written, when not known.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ModelArchitecture { get; init; }

    /// <summary>Version of the classifier that typed the beat; null, and not written, without a classifier.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClassifierVersion { get; init; }
}
