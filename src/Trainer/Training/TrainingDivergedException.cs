namespace EcgStream.Trainer.Training;

/// <summary>The training loss became NaN or infinite; the message says in which epoch and what to change.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);
