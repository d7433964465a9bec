namespace EcgStream.Trainer.Training;

/// <summary>What <see cref="ClassifierCrossValidation"/> found.</summary>
/// <param name="Folds">Number of folds.</param>
/// <param name="ChosenEpochs">Epochs to train the final model for: the epoch with the highest mean held-out macro-F1.</param>
/// <param name="MeanMacroF1">Held-out macro-F1 after each epoch (index 0 = epoch 1), averaged over the folds.</param>
/// <param name="MeanAccuracy">Held-out accuracy after each epoch, averaged over the folds.</param>
/// <param name="HeldOutProbabilities">
/// Every beat's softmax outputs ([beats, classes], in the order given) from the fold that held it out, after the chosen epoch.
/// </param>
public sealed record CrossValidationOutcome(int Folds, int ChosenEpochs, IReadOnlyList<double> MeanMacroF1, IReadOnlyList<double> MeanAccuracy, float[] HeldOutProbabilities);
