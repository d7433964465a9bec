using EcgStream.Model;
using EcgStream.Model.Training;
using EcgStream.Trainer.Tests.Support;
using EcgStream.Trainer.Training;

namespace EcgStream.Trainer.Tests.Training;

public sealed class TrainingLoopTests
{
    [Fact]
    public void Run_RecordsTheRateOfEachEpoch_AndHandsTheCutRateToTheTrainer()
    {
        // A learning rate far too high for the first epochs makes progress stall, so the schedule has something to cut;
        // patience 1 cuts after every epoch that is not a new best.
        var beats = SyntheticEcg5000.Beats([24, 0, 0, 0, 0], "ECG5000_TRAIN.txt", seed: 4);
        var options = new TrainingOptions { BatchSize = 8, LearningRate = 0.5, Seed = 3 };

        var outcome = TrainingLoop.Run(beats[..16], beats[16..], AutoencoderShape.Ecg5000, options, maxEpochs: 4, patience: 4,
            new PlateauSchedule(Patience: 1, Factor: 0.5), rocAuc: null, onEpoch: null, CancellationToken.None);

        Assert.Equal(0.5, outcome.History[0].LearningRate);
        for (int i = 1; i < outcome.History.Count; i++)
        {
            double expected = outcome.History[i - 1].IsBest ? outcome.History[i - 1].LearningRate : outcome.History[i - 1].LearningRate / 2;
            Assert.Equal(expected, outcome.History[i].LearningRate);
        }
        Assert.Contains(outcome.History, e => e.LearningRate < 0.5);
    }

    [Fact]
    public void Run_StopsEarly_AfterPatienceEpochsWithoutABest()
    {
        var beats = SyntheticEcg5000.Beats([24, 0, 0, 0, 0], "ECG5000_TRAIN.txt", seed: 4);
        var options = new TrainingOptions { BatchSize = 8, LearningRate = 0.5, Seed = 3 };

        var outcome = TrainingLoop.Run(beats[..8], beats[8..12], AutoencoderShape.Ecg5000, options, maxEpochs: 12, patience: 1,
            PlateauSchedule.Off, rocAuc: null, onEpoch: null, CancellationToken.None);

        Assert.Equal(StopReason.EarlyStopping, outcome.StopReason);
        Assert.Equal(outcome.BestEpoch + 1, outcome.History.Count);
        Assert.Equal(outcome.History.Min(e => e.ValidationLoss), outcome.History[outcome.BestEpoch - 1].ValidationLoss);
        Assert.All(outcome.History, e => Assert.True(double.IsNaN(e.ValidationRocAuc)));
    }

    [Fact]
    public void Run_KeepsTheEpochWithTheHighestValidationRocAuc_WhenRankingByIt()
    {
        var normal = SyntheticEcg5000.Beats([24, 0, 0, 0, 0], "ECG5000_TRAIN.txt", seed: 4);
        var anomalies = SyntheticEcg5000.Beats([0, 4, 2, 2, 1], "ECG5000_TEST.txt", seed: 5);
        var options = new TrainingOptions { BatchSize = 8, LearningRate = 0.01, Seed = 3, Threads = 1 };
        var rocAuc = new ValidationRocAuc([.. normal[16..], .. anomalies], Model.ErrorMetric.L1Sum, threads: 1);

        var outcome = TrainingLoop.Run(normal[..16], normal[16..], AutoencoderShape.Ecg5000, options, maxEpochs: 6, patience: 2,
            PlateauSchedule.Off, rocAuc, onEpoch: null, CancellationToken.None);

        var kept = outcome.History[outcome.BestEpoch - 1];
        Assert.All(outcome.History, e => Assert.InRange(e.ValidationRocAuc, 0, 1));
        Assert.Equal(outcome.History.Max(e => e.ValidationRocAuc), kept.ValidationRocAuc);
        Assert.Equal(outcome.History.First(e => e.ValidationRocAuc == kept.ValidationRocAuc).Epoch, outcome.BestEpoch);
        Assert.Equal(kept.ValidationRocAuc, rocAuc.Of(outcome.BestParameters, outcome.Normalisation));
        Assert.True(outcome.StopReason == StopReason.MaxEpochs || outcome.History.Count == outcome.BestEpoch + 2);
    }

    [Fact]
    public void ValidationRocAuc_RefusesBeatsOfOneClass()
    {
        var normal = SyntheticEcg5000.Beats([6, 0, 0, 0, 0], "ECG5000_TRAIN.txt", seed: 4);

        Assert.Throws<ArgumentException>(() => new ValidationRocAuc(normal, Model.ErrorMetric.L1Sum, threads: 1));
    }
}
