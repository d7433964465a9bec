using EcgStream.Beats.Ecg5000;
using EcgStream.Trainer.Balancing;
using EcgStream.Trainer.Data;
using EcgStream.Trainer.Tests.Support;

namespace EcgStream.Trainer.Tests.Balancing;

public sealed class ClassBalancerTests
{
    // The UCR TRAIN file's class counts: 292 normal, 177 R-on-T PVC, 10 PVC, 19 SP/EB, 2 UB.
    private static readonly List<LabeledBeat> TrainFile = SyntheticEcg5000.Beats([292, 177, 10, 19, 2], "ECG5000_TRAIN.txt", seed: 1);
    private static readonly List<LabeledBeat> TestFile = SyntheticEcg5000.Beats([400, 250, 20, 30, 6], "ECG5000_TEST.txt", seed: 2);

    [Fact]
    public void Smote_RaisesEveryClass_ToTheLargestClass()
    {
        var train = Split(DataProtocol.Ucr).In(DataSplit.Train);

        var balanced = ClassBalancer.Balance(train, ClassBalance.Smote, seed: 1);

        int largest = balanced.OriginalCounts.Max();
        Assert.All(balanced.BalancedCounts, count => Assert.Equal(largest, count));
        Assert.All(Enumerable.Range(0, ClassLabels.Count), c => Assert.Equal(largest, balanced.Beats.Count(b => ClassLabels.IndexOf(b.Class) == c)));
    }

    [Fact]
    public void Smote_KeepsEveryOriginalBeat_Unchanged_AndFirst()
    {
        var train = Split(DataProtocol.Ucr).In(DataSplit.Train);
        var before = train.Select(b => (float[])b.Samples.Clone()).ToList();

        var balanced = ClassBalancer.Balance(train, ClassBalance.Smote, seed: 1);

        Assert.Equal(train, balanced.Beats.Take(train.Count));
        Assert.Equal(before, train.Select(b => b.Samples));
        Assert.All(balanced.Beats.Skip(train.Count), b => Assert.Equal(ClassBalancer.SyntheticSource, b.SourceFile));
    }

    [Fact]
    public void Smote_GivesTheSameBeats_ForTheSameSeed()
    {
        var train = Split(DataProtocol.Ucr).In(DataSplit.Train);

        var first = ClassBalancer.Balance(train, ClassBalance.Smote, seed: 7);
        var second = ClassBalancer.Balance(train, ClassBalance.Smote, seed: 7);

        Assert.Equal(first.Beats.Select(b => (b.Class, b.Samples)), second.Beats.Select(b => (b.Class, b.Samples)));
    }

    [Fact]
    public void Smote_LeavesValidationAndTestBeatsUntouched()
    {
        var data = Split(DataProtocol.Seed);
        var validation = data.In(DataSplit.Validation);
        var test = data.In(DataSplit.Test);
        var validationBefore = validation.Select(b => (float[])b.Samples.Clone()).ToList();
        var testBefore = test.Select(b => (float[])b.Samples.Clone()).ToList();

        var balanced = ClassBalancer.Balance(data.In(DataSplit.Train), ClassBalance.Smote, seed: 1);

        var held = new HashSet<LabeledBeat>(validation.Concat(test), ReferenceEqualityComparer.Instance);
        Assert.DoesNotContain(balanced.Beats, held.Contains);
        Assert.Equal(validationBefore, validation.Select(b => b.Samples));
        Assert.Equal(testBefore, test.Select(b => b.Samples));
    }

    [Fact]
    public void Smote_BuildsSyntheticBeats_FromTrainingBeatsOfTheirClassOnly()
    {
        var data = Split(DataProtocol.Ucr);
        var train = data.In(DataSplit.Train);

        var balanced = ClassBalancer.Balance(train, ClassBalance.Smote, seed: 3);

        // Each synthetic beat lies between two training beats of its own class (checked for the rare classes, whose
        // pairs are few enough to try them all).
        var rare = new[] { BeatClass.Pvc, BeatClass.SpEb, BeatClass.Ub };
        foreach (var synthetic in balanced.Beats.Where(b => b.SourceFile == ClassBalancer.SyntheticSource && rare.Contains(b.Class)).Take(300))
        {
            var members = train.Where(b => b.Class == synthetic.Class).ToList();
            Assert.True(members.Any(a => members.Any(b => OnSegment(synthetic.Samples, a.Samples, b.Samples))),
                $"synthetic {synthetic.Class} beat is not between two training beats of its class");
        }
    }

    [Fact]
    public void SmoteUndersample_BringsEveryClass_ToTheSecondLargest()
    {
        var train = Split(DataProtocol.Ucr).In(DataSplit.Train);

        var balanced = ClassBalancer.Balance(train, ClassBalance.SmoteUndersample, seed: 1);

        int second = balanced.OriginalCounts.OrderDescending().ElementAt(1);
        Assert.All(balanced.BalancedCounts, count => Assert.Equal(second, count));
        Assert.Equal(second, balanced.Beats.Count(b => b.Class == BeatClass.Normal));
        Assert.All(balanced.Beats.Where(b => b.Class == BeatClass.Normal), b => Assert.Contains(b, train));
    }

    [Fact]
    public void None_ReturnsTheTrainingBeats_WithoutWeights()
    {
        var train = Split(DataProtocol.Ucr).In(DataSplit.Train);

        var balanced = ClassBalancer.Balance(train, ClassBalance.None, seed: 1);

        Assert.Same(train, balanced.Beats);
        Assert.Null(balanced.ClassWeights);
    }

    [Fact]
    public void ClassWeights_AreInverseFrequencies_WithMeanOneOverTheBeats()
    {
        var weights = ClassBalancer.InverseFrequencyWeights([60, 30, 10, 0, 0]);

        // n = 100 beats, k = 3 classes present: 100 / (3 · n_c).
        Assert.Equal(100.0 / 180, weights[0], 6);
        Assert.Equal(100.0 / 90, weights[1], 6);
        Assert.Equal(100.0 / 30, weights[2], 6);
        Assert.Equal(1f, weights[3]);                                // no beat carries it
        Assert.Equal(1.0, (60 * weights[0] + 30 * weights[1] + 10 * weights[2]) / 100, 6);
    }

    [Fact]
    public void ClassWeights_AreHandedOn_AndTheBeatsLeftAsTheyAre()
    {
        var train = Split(DataProtocol.Ucr).In(DataSplit.Train);

        var balanced = ClassBalancer.Balance(train, ClassBalance.ClassWeights, seed: 1);

        Assert.Same(train, balanced.Beats);
        Assert.NotNull(balanced.ClassWeights);
        Assert.True(balanced.ClassWeights![4] > balanced.ClassWeights[0]);
    }

    [Fact]
    public void Smote_RaisesAOneBeatClass_WithCopiesOfThatBeat()
    {
        var beats = SyntheticEcg5000.Beats([20, 6, 4, 3, 1], "ECG5000_TRAIN.txt", seed: 5);

        var balanced = ClassBalancer.Balance(beats, ClassBalance.Smote, seed: 1);

        var only = beats.Single(b => b.Class == BeatClass.Ub);
        var ub = balanced.Beats.Where(b => b.Class == BeatClass.Ub).ToList();
        Assert.Equal(20, ub.Count);
        Assert.All(ub, b => Assert.Equal(only.Samples, b.Samples));
    }

    private static SplitDataSet Split(DataProtocol protocol) => ClassifierSplits.Build(TrainFile, TestFile, protocol);

    private static bool OnSegment(float[] s, float[] a, float[] b)
    {
        double dot = 0, norm = 0;
        for (int t = 0; t < s.Length; t++)
        {
            dot += ((double)s[t] - a[t]) * ((double)b[t] - a[t]);
            norm += ((double)b[t] - a[t]) * ((double)b[t] - a[t]);
        }
        double u = norm == 0 ? 0 : dot / norm;
        if (u is < -1e-5 or > 1 + 1e-5) return false;
        for (int t = 0; t < s.Length; t++) if (Math.Abs(s[t] - (a[t] + u * ((double)b[t] - a[t]))) > 1e-4) return false;
        return true;
    }
}
