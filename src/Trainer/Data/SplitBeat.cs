using EcgStream.Beats.Ecg5000;

namespace EcgStream.Trainer.Data;

/// <summary>A labelled beat and the split a protocol put it in.</summary>
/// <param name="Beat">The beat as read, with its source file and row.</param>
/// <param name="Split">Train, validation or test.</param>
public sealed record SplitBeat(LabeledBeat Beat, DataSplit Split);
