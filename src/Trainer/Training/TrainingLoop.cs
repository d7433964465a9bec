using System.Diagnostics;
using EcgStream.Beats.Ecg5000;
using EcgStream.Model;
using EcgStream.Model.Parameters;
using EcgStream.Model.Training;
using EcgStream.Trainer.Data;

namespace EcgStream.Trainer.Training;

/// <summary>
/// Trains an autoencoder on normal beats with early stopping on the validation loss, keeping the best epoch's weights.
/// Deterministic for given data and settings: the initial weights, the shuffles and the gradient sums all follow the seed.
/// </summary>
public static class TrainingLoop
{
    /// <summary>
    /// Runs up to <paramref name="maxEpochs"/> epochs on <paramref name="trainBeats"/>; stops early after
    /// <paramref name="patience"/> epochs without a lower loss on <paramref name="validationBeats"/>, or after the epoch in
    /// progress when <paramref name="cancellation"/> fires. <paramref name="schedule"/> lowers the learning rate on the way.
    /// <paramref name="onEpoch"/> hears of each epoch as it ends.
    /// </summary>
    public static TrainingOutcome Run(
        IReadOnlyList<LabeledBeat> trainBeats,
        IReadOnlyList<LabeledBeat> validationBeats,
        AutoencoderShape shape,
        TrainingOptions options,
        int maxEpochs,
        int patience,
        PlateauSchedule schedule,
        Action<EpochRecord>? onEpoch,
        CancellationToken cancellation)
    {
        if (trainBeats.Count == 0) throw new ArgumentException("No training beats.", nameof(trainBeats));
        if (validationBeats.Count == 0) throw new ArgumentException("No validation beats.", nameof(validationBeats));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEpochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(patience, 1);
        ArgumentNullException.ThrowIfNull(schedule);

        var normalisation = BeatMatrix.Fit(trainBeats);
        float[] train = BeatMatrix.Pack(trainBeats, normalisation);
        float[] validation = BeatMatrix.Pack(validationBeats, normalisation);
        var parameters = AutoencoderParameters.Initialize(shape, options.Seed);
        var trainer = new AutoencoderTrainer(parameters, options);

        var history = new List<EpochRecord>();
        var best = parameters.Clone();
        int bestEpoch = 0;
        float bestLoss = float.PositiveInfinity;
        var stopReason = StopReason.MaxEpochs;
        var total = Stopwatch.StartNew();
        for (int epoch = 1; epoch <= maxEpochs; epoch++)
        {
            if (cancellation.IsCancellationRequested) { stopReason = StopReason.Interrupted; break; }
            var clock = Stopwatch.StartNew();
            double learningRate = trainer.LearningRate;
            float trainLoss = trainer.TrainEpoch(train, trainBeats.Count);
            if (!float.IsFinite(trainLoss))
            {
                throw new TrainingDivergedException($"Training diverged in epoch {epoch} (loss {trainLoss}); lower --lr or set --clip-norm.");
            }
            float validationLoss = trainer.ComputeLoss(validation, validationBeats.Count);
            bool isBest = validationLoss < bestLoss;
            if (isBest)
            {
                bestLoss = validationLoss;
                bestEpoch = epoch;
                parameters.CopyTo(best);
            }
            var record = new EpochRecord(epoch, trainLoss, validationLoss, learningRate, clock.Elapsed, isBest);
            history.Add(record);
            onEpoch?.Invoke(record);
            if (epoch - bestEpoch >= patience) { stopReason = StopReason.EarlyStopping; break; }
            trainer.LearningRate = schedule.Next(learningRate, epoch - bestEpoch);
        }

        if (bestEpoch == 0) throw new OperationCanceledException("Interrupted before the first epoch finished: there is no model to save.");
        return new TrainingOutcome(best, bestEpoch, history, normalisation, stopReason, total.Elapsed);
    }
}
