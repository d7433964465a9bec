using System.Diagnostics;
using EcgStream.Beats.Ecg5000;
using EcgStream.Model;
using EcgStream.Model.Parameters;
using EcgStream.Model.Training;
using EcgStream.Trainer.Data;

namespace EcgStream.Trainer.Training;

/// <summary>
/// Trains an autoencoder on normal beats with early stopping, keeping the best epoch's weights: best by the validation loss,
/// or by the validation ROC-AUC when a <see cref="ValidationRocAuc"/> is given. Deterministic for given data and settings: the initial weights, the shuffles and the gradient sums all follow the seed.
/// </summary>
public static class TrainingLoop
{
    /// <summary>
    /// Runs up to <paramref name="maxEpochs"/> epochs on <paramref name="trainBeats"/>; stops early after
    /// <paramref name="patience"/> epochs without a new best, or after the epoch in progress when <paramref name="cancellation"/>
    /// fires. The best epoch has the lowest loss on <paramref name="validationBeats"/> (normal beats) when
    /// <paramref name="rocAuc"/> is null, else the highest ROC-AUC it measures. <paramref name="schedule"/> lowers the
    /// learning rate on the way. <paramref name="onEpoch"/> hears of each epoch as it ends.
    /// </summary>
    public static TrainingOutcome Run(
        IReadOnlyList<LabeledBeat> trainBeats,
        IReadOnlyList<LabeledBeat> validationBeats,
        AutoencoderShape shape,
        TrainingOptions options,
        int maxEpochs,
        int patience,
        PlateauSchedule schedule,
        ValidationRocAuc? rocAuc,
        Action<EpochRecord>? onEpoch,
        CancellationToken cancellation) =>
        Run(trainBeats, validationBeats, () => new LstmAutoencoderTraining(shape, options), maxEpochs, patience, schedule, rocAuc, onEpoch, cancellation);

    /// <summary>
    /// As the overload taking a shape, for ECG5000's model of <paramref name="architecture"/>: the LSTM autoencoder
    /// 1 → 128 → 64 → 64 → 128 → 1, or the dense one 140 → 64 → 32 → 16 → 32 → 64 → 140.
    /// </summary>
    public static TrainingOutcome Run(
        IReadOnlyList<LabeledBeat> trainBeats,
        IReadOnlyList<LabeledBeat> validationBeats,
        AutoencoderArchitecture architecture,
        TrainingOptions options,
        int maxEpochs,
        int patience,
        PlateauSchedule schedule,
        ValidationRocAuc? rocAuc,
        Action<EpochRecord>? onEpoch,
        CancellationToken cancellation) =>
        Run(trainBeats, validationBeats, () => architecture switch
        {
            AutoencoderArchitecture.LstmAe => new LstmAutoencoderTraining(AutoencoderShape.Ecg5000, options),
            AutoencoderArchitecture.DenseAe => new DenseAutoencoderTraining(DenseAutoencoderParameters.Ecg5000Sizes, options),
            _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "Unknown architecture."),
        }, maxEpochs, patience, schedule, rocAuc, onEpoch, cancellation);

    private static TrainingOutcome Run(
        IReadOnlyList<LabeledBeat> trainBeats,
        IReadOnlyList<LabeledBeat> validationBeats,
        Func<IAutoencoderTraining> createTrainer,
        int maxEpochs,
        int patience,
        PlateauSchedule schedule,
        ValidationRocAuc? rocAuc,
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
        var trainer = createTrainer();
        var metadata = new ModelMetadata { Normalisation = normalisation };

        double bestFigure = double.NegativeInfinity;
        var result = EarlyStoppingLoop.Run(maxEpochs, patience, schedule, cutByEpochCount: false,
            () => trainer.LearningRate, rate => trainer.LearningRate = rate,
            (int epoch, double learningRate, Stopwatch clock, out bool isBest) =>
            {
                float trainLoss = trainer.TrainEpoch(train, trainBeats.Count);
                TrainingDivergedException.ThrowIfNotFinite(trainLoss, epoch);
                float validationLoss = trainer.ComputeLoss(validation, validationBeats.Count);
                double validationRocAuc = rocAuc?.Of(trainer.Current(metadata)) ?? double.NaN;
                // Higher is better for both figures: the loss enters negated.
                double figure = rocAuc is null ? -validationLoss : validationRocAuc;
                isBest = figure > bestFigure;
                if (isBest)
                {
                    bestFigure = figure;
                    trainer.KeepBest();
                }
                return new EpochRecord(epoch, trainLoss, validationLoss, validationRocAuc, learningRate, clock.Elapsed, isBest);
            }, onEpoch, cancellation);

        return new TrainingOutcome(trainer.Best(metadata), result.BestEpoch, result.History, normalisation, result.StopReason, result.Elapsed);
    }
}
