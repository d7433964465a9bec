using EcgStream.Beats.Ecg5000;
using EcgStream.Trainer.Data;
using EcgStream.Trainer.Tests.Support;

namespace EcgStream.Trainer.Tests.Data;

public sealed class Ecg5000SplitsTests
{
    // ECG5000's class counts over both files: 2919 normal, 1767 R-on-T PVC, 96 PVC, 194 SP/EB, 24 UB.
    private static readonly List<LabeledBeat> TrainFile = SyntheticEcg5000.Beats([292, 177, 10, 19, 2], "ECG5000_TRAIN.txt", seed: 1);
    private static readonly List<LabeledBeat> TestFile = SyntheticEcg5000.Beats([2627, 1590, 86, 175, 22], "ECG5000_TEST.txt", seed: 2);

    [Fact]
    public void SeedProtocol_SplitsNormalBeats_85_7point5_7point5()
    {
        var data = Ecg5000Splits.Build(TrainFile, TestFile, DataProtocol.Seed);

        Assert.Equal(2481, data.Count(DataSplit.Train, BeatClass.Normal));       // round(0.85 · 2919)
        Assert.Equal(219, data.Count(DataSplit.Validation, BeatClass.Normal));   // round(0.075 · 2919)
        Assert.Equal(219, data.Count(DataSplit.Test, BeatClass.Normal));         // the rest
    }

    [Fact]
    public void SeedProtocol_TrainsOnNormalBeatsOnly()
    {
        var data = Ecg5000Splits.Build(TrainFile, TestFile, DataProtocol.Seed);

        Assert.All(data.In(DataSplit.Train), beat => Assert.False(beat.IsAnomaly));
    }

    [Theory]
    [InlineData(BeatClass.RonTPvc, 884, 883)]
    [InlineData(BeatClass.Pvc, 48, 48)]
    [InlineData(BeatClass.SpEb, 97, 97)]
    [InlineData(BeatClass.Ub, 12, 12)]
    public void SeedProtocol_HalvesEachAnomalyClass_BetweenValidationAndTest(BeatClass beatClass, int validation, int test)
    {
        var data = Ecg5000Splits.Build(TrainFile, TestFile, DataProtocol.Seed);

        Assert.Equal(validation, data.Count(DataSplit.Validation, beatClass));
        Assert.Equal(test, data.Count(DataSplit.Test, beatClass));
        Assert.Equal(0, data.Count(DataSplit.Train, beatClass));
    }

    [Fact]
    public void SeedProtocol_PlacesEveryBeatOnce_InFileThenRowOrder()
    {
        var data = Ecg5000Splits.Build(TrainFile, TestFile, DataProtocol.Seed);

        Assert.Equal(TrainFile.Concat(TestFile), data.Beats.Select(b => b.Beat));
        Assert.DoesNotContain(data.Beats, b => b.Split == DataSplit.Unused);
    }

    [Fact]
    public void Build_GivesTheSameSplit_ForTheSameSeed()
    {
        var first = Ecg5000Splits.Build(TrainFile, TestFile, DataProtocol.Seed, splitSeed: 7);
        var second = Ecg5000Splits.Build(TrainFile, TestFile, DataProtocol.Seed, splitSeed: 7);

        Assert.Equal(first.Beats.Select(b => b.Split), second.Beats.Select(b => b.Split));
    }

    [Fact]
    public void Build_GivesAnotherSplit_ForAnotherSeed()
    {
        var first = Ecg5000Splits.Build(TrainFile, TestFile, DataProtocol.Seed, splitSeed: 7);
        var second = Ecg5000Splits.Build(TrainFile, TestFile, DataProtocol.Seed, splitSeed: 8);

        Assert.NotEqual(first.Beats.Select(b => b.Split), second.Beats.Select(b => b.Split));
    }

    [Fact]
    public void UcrProtocol_TrainsOnNormalTrainFileBeats_LessAValidationSlice()
    {
        var data = Ecg5000Splits.Build(TrainFile, TestFile, DataProtocol.Ucr);

        var train = data.In(DataSplit.Train);
        var validation = data.In(DataSplit.Validation);
        Assert.All(train.Concat(validation), beat => Assert.Equal("ECG5000_TRAIN.txt", beat.SourceFile));
        Assert.All(train.Concat(validation), beat => Assert.False(beat.IsAnomaly));
        Assert.Equal(44, validation.Count);   // round(0.15 · 292)
        Assert.Equal(292 - 44, train.Count);
    }

    [Fact]
    public void UcrProtocol_TestsOnTheWholeTestFile_AndLeavesTrainFileAnomaliesUnused()
    {
        var data = Ecg5000Splits.Build(TrainFile, TestFile, DataProtocol.Ucr);

        Assert.Equal(TestFile, data.In(DataSplit.Test));
        Assert.Equal(TrainFile.Where(b => b.IsAnomaly), data.In(DataSplit.Unused));
    }
}
