using System.Diagnostics;

namespace EcgStream.Trainer.Training;

/// <summary>
/// The epoch loop that the autoencoder and classifier trainings share: up to a most number of epochs, stopping early after
/// a patience of epochs without a new best or after the epoch in progress on cancellation, the learning rate lowered by a
/// <see cref="PlateauSchedule"/> between epochs.
/// </summary>
internal static class EarlyStoppingLoop
{
    /// <summary>
    /// Trains and validates epoch <paramref name="epoch"/> (1-based) at <paramref name="learningRate"/>; sets
    /// <paramref name="isBest"/> when it is a new best (and then keeps its weights) and returns its record, timed by
    /// <paramref name="clock"/> (started as the epoch began).
    /// </summary>
    public delegate TRecord EpochStep<TRecord>(int epoch, double learningRate, Stopwatch clock, out bool isBest);

    /// <summary>
    /// Runs epochs 1 .. <paramref name="maxEpochs"/> through <paramref name="runEpoch"/>, telling <paramref name="onEpoch"/> of
    /// each as it ends. Stops after <paramref name="patience"/> epochs in a row without a new best, or before the next epoch
    /// once <paramref name="cancellation"/> fires. Between epochs the learning rate (read by <paramref name="getLearningRate"/>,
    /// written by <paramref name="setLearningRate"/>) follows <paramref name="schedule"/>, counting the epochs since the best
    /// one, or every epoch when <paramref name="cutByEpochCount"/> (a fixed step schedule, for runs that keep every epoch).
    /// Throws <see cref="OperationCanceledException"/> when cancelled before the first epoch ended.
    /// </summary>
    public static EarlyStoppingResult<TRecord> Run<TRecord>(
        int maxEpochs,
        int patience,
        PlateauSchedule schedule,
        bool cutByEpochCount,
        Func<double> getLearningRate,
        Action<double> setLearningRate,
        EpochStep<TRecord> runEpoch,
        Action<TRecord>? onEpoch,
        CancellationToken cancellation)
    {
        var history = new List<TRecord>();
        int bestEpoch = 0;
        var stopReason = StopReason.MaxEpochs;
        var total = Stopwatch.StartNew();
        for (int epoch = 1; epoch <= maxEpochs; epoch++)
        {
            if (cancellation.IsCancellationRequested) { stopReason = StopReason.Interrupted; break; }
            var clock = Stopwatch.StartNew();
            double learningRate = getLearningRate();
            var record = runEpoch(epoch, learningRate, clock, out bool isBest);
            if (isBest) bestEpoch = epoch;
            history.Add(record);
            onEpoch?.Invoke(record);
            if (epoch - bestEpoch >= patience) { stopReason = StopReason.EarlyStopping; break; }
            setLearningRate(schedule.Next(learningRate, cutByEpochCount ? epoch : epoch - bestEpoch));
        }

        if (bestEpoch == 0) throw new OperationCanceledException("Interrupted before the first epoch finished: there is no model to save.");
        return new EarlyStoppingResult<TRecord>(history, bestEpoch, stopReason, total.Elapsed);
    }
}
