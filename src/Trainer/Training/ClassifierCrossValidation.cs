using EcgStream.Beats.Ecg5000;
using EcgStream.Model.Classification;
using EcgStream.Trainer.Augmentation;
using EcgStream.Trainer.Balancing;
using EcgStream.Trainer.Cli;
using EcgStream.Trainer.Data;

namespace EcgStream.Trainer.Training;

/// <summary>
/// Chooses how many epochs to train by stratified k-fold cross-validation within the learnable beats (train and
/// validation; never test): each fold is held out once while the other folds are balanced, augmented and trained for
/// every epoch up to the maximum, the learning rate cut every <c>--lr-patience</c> epochs; the epoch with the highest macro-F1 on the held-out
/// folds, averaged over the folds, is chosen (ties: the earlier epoch). The folds' held-out predictions at that epoch
/// are kept, so that every beat has one prediction from a model that did not train on it.
/// </summary>
public static class ClassifierCrossValidation
{
    /// <summary>Seed of the fold assignment, fixed so that runs with different <c>--seed</c> are compared on the same folds.</summary>
    public const int FoldSeed = 5000;

    /// <summary>
    /// Runs the <paramref name="options"/>.Folds trainings on <paramref name="beats"/> with the settings of
    /// <paramref name="options"/>; <paramref name="onFold"/> hears of each fold as it ends (its number and history).
    /// </summary>
    public static CrossValidationOutcome Run(
        IReadOnlyList<LabeledBeat> beats, ClassifierTrainOptions options, Action<int, IReadOnlyList<ClassifierEpochRecord>>? onFold, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(beats);
        ArgumentNullException.ThrowIfNull(options);
        int folds = options.Folds;
        int[] fold = StratifiedFolds.Assign(beats, folds, FoldSeed);
        var macroF1 = new double[options.Epochs];
        var accuracy = new double[options.Epochs];
        var heldOutByFold = new IReadOnlyList<float[]>[folds];
        for (int k = 0; k < folds; k++)
        {
            var train = beats.Where((_, i) => fold[i] != k).ToList();
            var heldOut = beats.Where((_, i) => fold[i] == k).ToList();
            var balanced = ClassBalancer.Balance(train, options.Balance, options.Seed, options.SmoteNeighbours);
            var normalisation = BeatMatrix.Fit(train);
            var parameters = new ClassifierParameters(options.Architecture);
            parameters.Initialise(options.Seed);
            var outcome = ClassifierTrainingLoop.Run(
                parameters, options.ToTrainingOptions(balanced.ClassWeights),
                BeatMatrix.Pack(balanced.Beats, normalisation), ClassLabels.IndexesOf(balanced.Beats),
                BeatMatrix.Pack(heldOut, normalisation), ClassLabels.IndexesOf(heldOut),
                options.Epochs, options.Epochs, options.ToSchedule(), ClassifierCheckpoint.LastEpoch, onEpoch: null, cancellation,
                options.Augmentation.IsOn ? new BeatAugmentation(options.Augmentation, options.Seed) : null);
            if (outcome.StopReason == StopReason.Interrupted) throw new OperationCanceledException("Interrupted during cross-validation: there is no model to save.");
            for (int e = 0; e < options.Epochs; e++)
            {
                macroF1[e] += outcome.History[e].ValidationMacroF1 / folds;
                accuracy[e] += outcome.History[e].ValidationAccuracy / folds;
            }
            heldOutByFold[k] = outcome.ValidationProbabilities;
            onFold?.Invoke(k + 1, outcome.History);
        }

        // Strictly greater: a tie keeps the earlier (cheaper, less fitted) epoch.
        int best = 0;
        for (int e = 1; e < macroF1.Length; e++) if (macroF1[e] > macroF1[best]) best = e;
        return new CrossValidationOutcome(folds, best + 1, macroF1, accuracy, HeldOutAt(best, fold, heldOutByFold));
    }

    /// <summary>Each beat's held-out probabilities after epoch <paramref name="epochIndex"/> (0-based), put back in the beats' order.</summary>
    private static float[] HeldOutAt(int epochIndex, int[] fold, IReadOnlyList<float[]>[] heldOutByFold)
    {
        const int classes = ClassLabels.Count;
        var result = new float[fold.Length * classes];
        var next = new int[heldOutByFold.Length];
        for (int i = 0; i < fold.Length; i++)
        {
            int k = fold[i];
            heldOutByFold[k][epochIndex].AsSpan(next[k]++ * classes, classes).CopyTo(result.AsSpan(i * classes, classes));
        }
        return result;
    }
}
