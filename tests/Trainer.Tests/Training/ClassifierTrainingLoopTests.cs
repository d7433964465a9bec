using EcgStream.Model.Classification;
using EcgStream.Trainer.Augmentation;
using EcgStream.Trainer.Data;
using EcgStream.Trainer.Evaluation;
using EcgStream.Trainer.Tests.Support;
using EcgStream.Trainer.Training;

namespace EcgStream.Trainer.Tests.Training;

public sealed class ClassifierTrainingLoopTests
{
    private static readonly ClassifierTrainingOptions Options = new() { Threads = 1, Seed = 3, LearningRate = 3e-3, BatchSize = 16 };

    [Theory]
    [InlineData(ClassifierCheckpoint.MacroF1)]
    [InlineData(ClassifierCheckpoint.Loss)]
    public void Run_ReturnsTheWeightsOfTheBestEpoch(ClassifierCheckpoint checkpoint)
    {
        var (train, trainLabels, validation, validationLabels) = Data();
        var parameters = new ClassifierParameters(ClassifierArchitecture.Conv1d);
        parameters.Initialise(3);

        var outcome = ClassifierTrainingLoop.Run(parameters, Options, train, trainLabels, validation, validationLabels,
            maxEpochs: 6, patience: 6, PlateauSchedule.Off, checkpoint, onEpoch: null, CancellationToken.None);

        // The kept weights reproduce the figures recorded for the kept epoch.
        var best = outcome.History[outcome.BestEpoch - 1];
        Assert.True(best.IsBest);
        var trainer = new ClassifierTrainer(outcome.BestParameters, Options);
        Assert.Equal(best.ValidationLoss, trainer.ComputeLoss(validation, validationLabels, validationLabels.Length));
        Assert.Equal(best.ValidationMacroF1, MacroF1(trainer, validation, validationLabels));
        var figure = checkpoint == ClassifierCheckpoint.Loss
            ? outcome.History.Min(e => e.ValidationLoss) == best.ValidationLoss
            : outcome.History.Max(e => e.ValidationMacroF1) == best.ValidationMacroF1;
        Assert.True(figure, "the kept epoch is not the best by the checkpoint criterion");
    }

    [Fact]
    public void Run_StopsEarly_AfterPatienceEpochsWithoutANewBest()
    {
        var (train, trainLabels, validation, validationLabels) = Data();
        var parameters = new ClassifierParameters(ClassifierArchitecture.Conv1d);
        parameters.Initialise(3);

        var outcome = ClassifierTrainingLoop.Run(parameters, Options, train, trainLabels, validation, validationLabels,
            maxEpochs: 40, patience: 1, PlateauSchedule.Off, ClassifierCheckpoint.Loss, onEpoch: null, CancellationToken.None);

        Assert.Equal(StopReason.EarlyStopping, outcome.StopReason);
        Assert.Equal(outcome.BestEpoch + 1, outcome.History.Count);
    }

    [Fact]
    public void Run_RunsEveryEpoch_AndKeepsTheLast_WhenTheCheckpointIsTheLastEpoch()
    {
        var (train, trainLabels, validation, validationLabels) = Data();
        var parameters = new ClassifierParameters(ClassifierArchitecture.Conv1d);
        parameters.Initialise(3);

        var outcome = ClassifierTrainingLoop.Run(parameters, Options, train, trainLabels, validation, validationLabels,
            maxEpochs: 4, patience: 4, PlateauSchedule.Off, ClassifierCheckpoint.LastEpoch, onEpoch: null, CancellationToken.None);

        Assert.Equal(4, outcome.BestEpoch);
        Assert.Equal(StopReason.MaxEpochs, outcome.StopReason);
        Assert.Equal(parameters.Tensors().Select(t => t.Data), outcome.BestParameters.Tensors().Select(t => t.Data));
    }

    [Fact]
    public void Run_WithAugmentation_ScoresTheValidationBeatsAsGiven_AndLeavesTheTrainingMatrixAlone()
    {
        var (train, trainLabels, validation, validationLabels) = Data();
        float[] trainBefore = (float[])train.Clone();
        var parameters = new ClassifierParameters(ClassifierArchitecture.Conv1d);
        parameters.Initialise(3);
        var augmentation = new BeatAugmentation(new AugmentationOptions { ScaleFraction = 0.1, ShiftSamples = 5, NoiseStd = 0.05, WarpFraction = 0.1 }, seed: 3);

        var outcome = ClassifierTrainingLoop.Run(parameters, Options, train, trainLabels, validation, validationLabels,
            maxEpochs: 3, patience: 3, PlateauSchedule.Off, ClassifierCheckpoint.LastEpoch, onEpoch: null, CancellationToken.None, augmentation);

        var trainer = new ClassifierTrainer(outcome.BestParameters, Options);
        Assert.Equal(outcome.History[^1].ValidationLoss, trainer.ComputeLoss(validation, validationLabels, validationLabels.Length));
        Assert.Equal(trainBefore, train);
    }

    [Fact]
    public void Run_Refuses_WhenThereAreNoValidationBeats()
    {
        var (train, trainLabels, _, _) = Data();
        var parameters = new ClassifierParameters(ClassifierArchitecture.Conv1d);

        Assert.Throws<ArgumentException>(() => ClassifierTrainingLoop.Run(parameters, Options, train, trainLabels, [], [],
            maxEpochs: 1, patience: 1, PlateauSchedule.Off, ClassifierCheckpoint.Loss, onEpoch: null, CancellationToken.None));
    }

    private static double MacroF1(ClassifierTrainer trainer, float[] beats, int[] labels)
    {
        var probabilities = new float[labels.Length * ClassLabels.Count];
        trainer.Predict(beats, labels.Length, probabilities);
        var predicted = Enumerable.Range(0, labels.Length).Select(i => BeatPrediction.ArgMax(probabilities.AsSpan(i * ClassLabels.Count, ClassLabels.Count))).ToArray();
        return MulticlassConfusionMatrix.Of(labels, predicted, ClassLabels.Count).MacroF1;
    }

    private static (float[] Train, int[] TrainLabels, float[] Validation, int[] ValidationLabels) Data()
    {
        var trainBeats = SyntheticEcg5000.Beats([30, 10, 6, 6, 4], "ECG5000_TRAIN.txt", seed: 21);
        var validationBeats = SyntheticEcg5000.Beats([12, 5, 3, 3, 2], "ECG5000_TEST.txt", seed: 22);
        var normalisation = BeatMatrix.Fit(trainBeats);
        return (BeatMatrix.Pack(trainBeats, normalisation), ClassLabels.IndexesOf(trainBeats),
            BeatMatrix.Pack(validationBeats, normalisation), ClassLabels.IndexesOf(validationBeats));
    }
}
