using EcgStream.Beats.Ecg5000;
using EcgStream.Trainer.Data;
using EcgStream.Trainer.Tests.Support;

namespace EcgStream.Trainer.Tests.Data;

public sealed class ClassifierSplitsTests
{
    // ECG5000's class counts: TRAIN 292 / 177 / 10 / 19 / 2, TEST 2627 / 1590 / 86 / 175 / 22.
    private static readonly List<LabeledBeat> TrainFile = SyntheticEcg5000.Beats([292, 177, 10, 19, 2], "ECG5000_TRAIN.txt", seed: 1);
    private static readonly List<LabeledBeat> TestFile = SyntheticEcg5000.Beats([2627, 1590, 86, 175, 22], "ECG5000_TEST.txt", seed: 2);

    [Fact]
    public void SeedProtocol_TestSplit_IsTheAutoencodersTestSplit()
    {
        var classifier = ClassifierSplits.Build(TrainFile, TestFile, DataProtocol.Seed);

        var autoencoder = Ecg5000Splits.Build(TrainFile, TestFile, DataProtocol.Seed);
        Assert.Equal(autoencoder.In(DataSplit.Test), classifier.In(DataSplit.Test));
        Assert.Equal(1259, classifier.In(DataSplit.Test).Count);
    }

    [Theory]
    [InlineData(DataProtocol.Seed)]
    [InlineData(DataProtocol.Ucr)]
    public void Build_NeverPutsATestBeat_InTrainOrValidation(DataProtocol protocol)
    {
        var data = ClassifierSplits.Build(TrainFile, TestFile, protocol);

        var test = new HashSet<LabeledBeat>(data.In(DataSplit.Test), ReferenceEqualityComparer.Instance);
        Assert.DoesNotContain(data.In(DataSplit.Train), test.Contains);
        Assert.DoesNotContain(data.In(DataSplit.Validation), test.Contains);
        Assert.Equal(TrainFile.Count + TestFile.Count, data.Beats.Count);
        Assert.Equal(data.Beats.Count, data.Beats.Select(b => b.Beat).Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    [Fact]
    public void SeedProtocol_TrainsAndValidates_OnEveryBeatOutsideTheTestSplit()
    {
        var data = ClassifierSplits.Build(TrainFile, TestFile, DataProtocol.Seed);

        Assert.Equal(5000 - 1259, data.In(DataSplit.Train).Count + data.In(DataSplit.Validation).Count);
        Assert.DoesNotContain(data.Beats, b => b.Split == DataSplit.Unused);
    }

    [Theory]
    [InlineData(BeatClass.Normal, 2700, 405)]
    [InlineData(BeatClass.RonTPvc, 884, 133)]
    [InlineData(BeatClass.Pvc, 48, 7)]
    [InlineData(BeatClass.SpEb, 97, 15)]
    [InlineData(BeatClass.Ub, 12, 2)]
    public void SeedProtocol_StratifiesValidation_ByClass(BeatClass beatClass, int learnable, int validation)
    {
        var data = ClassifierSplits.Build(TrainFile, TestFile, DataProtocol.Seed);

        Assert.Equal(validation, data.Count(DataSplit.Validation, beatClass));
        Assert.Equal(learnable - validation, data.Count(DataSplit.Train, beatClass));
    }

    [Theory]
    [InlineData(BeatClass.Normal, 248, 44)]
    [InlineData(BeatClass.RonTPvc, 150, 27)]
    [InlineData(BeatClass.Pvc, 8, 2)]
    [InlineData(BeatClass.SpEb, 16, 3)]
    [InlineData(BeatClass.Ub, 2, 0)]
    public void UcrProtocol_SplitsTheTrainFile_IntoStratifiedTrainAndValidation(BeatClass beatClass, int train, int validation)
    {
        var data = ClassifierSplits.Build(TrainFile, TestFile, DataProtocol.Ucr);

        Assert.Equal(train, data.Count(DataSplit.Train, beatClass));
        Assert.Equal(validation, data.Count(DataSplit.Validation, beatClass));
    }

    [Fact]
    public void UcrProtocol_TestsOnTheWholeTestFile()
    {
        var data = ClassifierSplits.Build(TrainFile, TestFile, DataProtocol.Ucr);

        Assert.Equal(TestFile, data.In(DataSplit.Test));
        Assert.All(data.In(DataSplit.Train).Concat(data.In(DataSplit.Validation)), b => Assert.Equal("ECG5000_TRAIN.txt", b.SourceFile));
    }

    [Fact]
    public void Build_GivesTheSameSplit_ForTheSameSeed()
    {
        var first = ClassifierSplits.Build(TrainFile, TestFile, DataProtocol.Seed, splitSeed: 7);
        var second = ClassifierSplits.Build(TrainFile, TestFile, DataProtocol.Seed, splitSeed: 7);

        Assert.Equal(first.Beats.Select(b => b.Split), second.Beats.Select(b => b.Split));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(4, 1)]
    [InlineData(10, 2)]
    [InlineData(100, 15)]
    public void ValidationCount_KeepsAtLeastOneBeatForTraining(int members, int validation)
    {
        Assert.Equal(validation, ClassifierSplits.ValidationCount(members));
    }

    [Ecg5000Fact]
    public void SeedProtocol_OnTheRealData_TestsOnTheAutoencodersBeats()
    {
        var classifier = Ecg5000DataSet.LoadForClassifier(RepositoryPaths.Ecg5000, DataProtocol.Seed);

        var autoencoder = Ecg5000DataSet.Load(RepositoryPaths.Ecg5000, DataProtocol.Seed);
        Assert.Equal(1259, classifier.In(DataSplit.Test).Count);
        Assert.Equal(autoencoder.In(DataSplit.Test).Select(b => (b.SourceFile, b.Row)), classifier.In(DataSplit.Test).Select(b => (b.SourceFile, b.Row)));
    }
}
