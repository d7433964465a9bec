using EcgStream.Trainer.Data;
using EcgStream.Trainer.Tests.Support;

namespace EcgStream.Trainer.Tests.Data;

public sealed class StratifiedFoldsTests
{
    // The UCR TRAIN file's class counts: 292 normal, 177 R-on-T PVC, 10 PVC, 19 SP/EB, 2 UB.
    private static readonly List<EcgStream.Beats.Ecg5000.LabeledBeat> Beats = SyntheticEcg5000.Beats([292, 177, 10, 19, 2], "ECG5000_TRAIN.txt", seed: 1);

    [Fact]
    public void Assign_GivesEveryFoldItsShareOfEachClass()
    {
        int[] fold = StratifiedFolds.Assign(Beats, folds: 5, seed: 7);

        foreach (var group in Enumerable.Range(0, Beats.Count).GroupBy(i => Beats[i].Class))
        {
            int n = group.Count();
            var perFold = Enumerable.Range(0, 5).Select(k => group.Count(i => fold[i] == k)).ToList();
            Assert.All(perFold, c => Assert.InRange(c, n / 5, (n + 4) / 5));
        }
    }

    [Fact]
    public void Assign_GivesTheSameFolds_ForTheSameSeed_AndOthersForAnother()
    {
        int[] first = StratifiedFolds.Assign(Beats, folds: 5, seed: 7);

        int[] again = StratifiedFolds.Assign(Beats, folds: 5, seed: 7);
        int[] other = StratifiedFolds.Assign(Beats, folds: 5, seed: 8);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Assign_Rejects_FewerThanTwoFolds()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedFolds.Assign(Beats, folds: 1, seed: 7));
    }
}
