using System.Diagnostics;
using EcgStream.Model.Classification;
using EcgStream.Trainer.Augmentation;
using EcgStream.Trainer.Data;
using EcgStream.Trainer.Evaluation;

namespace EcgStream.Trainer.Training;

/// <summary>
/// Trains a beat classifier with early stopping on the validation split, keeping the best epoch's weights (best by
/// validation macro-F1, or by validation loss), or for a fixed number of epochs keeping the last. Deterministic for given data and settings: the initial weights, the
/// shuffles, the dropout masks and the gradient sums all follow the seed.
/// </summary>
public static class ClassifierTrainingLoop
{
    /// <summary>
    /// Runs up to <paramref name="maxEpochs"/> epochs on the normalised <paramref name="train"/> beats
    /// ([count, samples], labels 0..4); stops early after <paramref name="patience"/> epochs without a new best, or
    /// after the epoch in progress when <paramref name="cancellation"/> fires. <paramref name="schedule"/> lowers the
    /// learning rate on the way; <paramref name="augmentation"/>, when given, changes the training beats afresh each
    /// epoch (the validation beats never); <paramref name="onEpoch"/> hears of each epoch as it ends.
    /// </summary>
    public static ClassifierTrainingOutcome Run(
        ClassifierParameters parameters,
        ClassifierTrainingOptions options,
        float[] train, int[] trainLabels,
        float[] validation, int[] validationLabels,
        int maxEpochs, int patience, PlateauSchedule schedule, ClassifierCheckpoint checkpoint,
        Action<ClassifierEpochRecord>? onEpoch, CancellationToken cancellation, BeatAugmentation? augmentation = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(schedule);
        int samples = parameters.SequenceLength;
        int trainCount = trainLabels.Length, validationCount = validationLabels.Length;
        if (trainCount == 0) throw new ArgumentException("No training beats.", nameof(trainLabels));
        if (validationCount == 0) throw new ArgumentException("No validation beats.", nameof(validationLabels));
        if (train.Length != trainCount * samples) throw new ArgumentException($"train must hold {trainCount} beats of {samples} samples.", nameof(train));
        if (validation.Length != validationCount * samples) throw new ArgumentException($"validation must hold {validationCount} beats of {samples} samples.", nameof(validation));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEpochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(patience, 1);

        var trainer = new ClassifierTrainer(parameters, options);
        var probabilities = new float[validationCount * parameters.ClassCount];
        var predicted = new int[validationCount];
        var best = parameters.Clone();
        var validationProbabilities = new List<float[]>();
        (double Primary, double Secondary) bestFigure = (double.NegativeInfinity, double.NegativeInfinity);

        // With no best to wait for (last-epoch rule) every epoch counts as one without a new best: the plateau schedule
        // becomes a fixed step schedule, the same in every cross-validation fold and in the final fit.
        var result = EarlyStoppingLoop.Run(maxEpochs, patience, schedule, cutByEpochCount: checkpoint == ClassifierCheckpoint.LastEpoch,
            () => trainer.LearningRate, rate => trainer.LearningRate = rate,
            (int epoch, double learningRate, Stopwatch clock, out bool isBest) =>
            {
                float[] epochBeats = augmentation?.Apply(train, samples, epoch) ?? train;
                float trainLoss = trainer.TrainEpoch(epochBeats, trainLabels, trainCount);
                TrainingDivergedException.ThrowIfNotFinite(trainLoss, epoch);
                float validationLoss = trainer.ComputeLoss(validation, validationLabels, validationCount);
                trainer.Predict(validation, validationCount, probabilities);
                validationProbabilities.Add((float[])probabilities.Clone());
                for (int i = 0; i < validationCount; i++) predicted[i] = BeatPrediction.ArgMax(probabilities.AsSpan(i * parameters.ClassCount, parameters.ClassCount));
                var matrix = MulticlassConfusionMatrix.Of(validationLabels, predicted, parameters.ClassCount);

                // Higher is better for both parts: the loss enters negated. Macro-F1 ties (common on a small validation
                // split) go to the lower loss.
                (double, double) figure = checkpoint == ClassifierCheckpoint.MacroF1 ? (matrix.MacroF1, -(double)validationLoss) : (-(double)validationLoss, matrix.MacroF1);
                isBest = checkpoint == ClassifierCheckpoint.LastEpoch || figure.CompareTo(bestFigure) > 0;
                if (isBest)
                {
                    bestFigure = figure;
                    parameters.CopyTo(best);
                }
                return new ClassifierEpochRecord(epoch, trainLoss, validationLoss, matrix.Accuracy, matrix.MacroF1, learningRate, clock.Elapsed, isBest);
            }, onEpoch, cancellation);

        return new ClassifierTrainingOutcome(best, result.BestEpoch, result.History, validationProbabilities, result.StopReason, result.Elapsed);
    }
}
