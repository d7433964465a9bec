using System.Text.Json.Serialization;
using EcgStream.Beats.Ecg5000;

namespace EcgStream.Beats.Wire;

/// <summary>
/// The decision for one beat, normal or not, as published on the optional scores topic
/// (schemas/scored-beat.schema.json); key = patient id. Compact, because there is one per beat.
/// </summary>
/// <param name="BeatId">The beat's id from its <see cref="BeatWindow"/>.</param>
/// <param name="PatientId">The patient.</param>
/// <param name="Sequence">The beat's position in its patient's stream.</param>
/// <param name="Score">Reconstruction error of the beat.</param>
/// <param name="IsAnomaly">True when <see cref="Score"/> is above the model's threshold.</param>
/// <param name="ModelVersion">Version of the model that scored the beat.</param>
/// <param name="EndToEndMs">From the beat's ingest timestamp to the decision, in milliseconds.</param>
/// <param name="Label">The carried ground-truth class, for evaluation; null for live monitors.</param>
public sealed record ScoredBeat(
    string BeatId, string PatientId, long Sequence, float Score, bool IsAnomaly, string ModelVersion, double EndToEndMs, BeatClass? Label)
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

    /// <summary>Version of the classifier that typed the beat; null, and not written, without a classifier.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClassifierVersion { get; init; }
}
