using EcgStream.Beats.Ecg5000;
using EcgStream.Trainer.Data;

namespace EcgStream.Trainer.Evaluation;

/// <summary>One scored beat: what it is, where it came from, its reconstruction error and the decision.</summary>
/// <param name="Beat">The beat as read (class, source file, row).</param>
/// <param name="Split">The split the protocol put it in.</param>
/// <param name="Score">Its reconstruction error by the model's error metric.</param>
/// <param name="Flagged">True when <see cref="Score"/> is above the threshold: decided anomalous.</param>
public sealed record BeatScore(LabeledBeat Beat, DataSplit Split, float Score, bool Flagged);
