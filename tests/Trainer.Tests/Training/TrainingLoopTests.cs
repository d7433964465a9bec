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
            new PlateauSchedule(Patience: 1, Factor: 0.5), onEpoch: null, CancellationToken.None);

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
            PlateauSchedule.Off, onEpoch: null, CancellationToken.None);

        Assert.Equal(StopReason.EarlyStopping, outcome.StopReason);
        Assert.Equal(outcome.BestEpoch + 1, outcome.History.Count);
        Assert.Equal(outcome.History.Min(e => e.ValidationLoss), outcome.History[outcome.BestEpoch - 1].ValidationLoss);
    }
}
