using EcgStream.Beats.Ecg5000;
using EcgStream.Beats.Wire;
using EcgStream.Tools.Demo;

namespace EcgStream.Tools.Tests.Demo;

public sealed class DemoTallyTests
{
    [Fact]
    public void Add_FillsTheConfusionMatrix_FromFlagsAndCarriedLabels()
    {
        var tally = new DemoTally();

        tally.Add(Decision("a", anomaly: true, BeatClass.Pvc));
        tally.Add(Decision("b", anomaly: true, BeatClass.Normal));
        tally.Add(Decision("c", anomaly: false, BeatClass.RonTPvc));
        tally.Add(Decision("d", anomaly: false, BeatClass.Normal));
        tally.Add(Decision("e", anomaly: true, label: null));

        Assert.Equal((1, 1, 1, 1, 1), (tally.TruePositives, tally.FalsePositives, tally.FalseNegatives, tally.TrueNegatives, tally.Unlabelled));
        Assert.Equal(3, tally.Flagged);
        Assert.Equal(2, tally.LabelledAnomalous);
        Assert.Equal(5, tally.Scored);
    }

    [Fact]
    public void Add_CountsARepeatedBeatIdOnlyAsARepeat()
    {
        var tally = new DemoTally();

        tally.Add(Decision("a", anomaly: true, BeatClass.Pvc));
        tally.Add(Decision("a", anomaly: true, BeatClass.Pvc));

        Assert.Equal((1, 1, 1), (tally.Scored, tally.Repeats, tally.TruePositives));
        Assert.Single(tally.LatenciesMs);
    }

    [Fact]
    public void TakeInterval_ReturnsOnlyTheLatenciesSinceTheLastCall_Sorted()
    {
        var tally = new DemoTally();
        tally.Add(Decision("a", false, BeatClass.Normal, latencyMs: 9));
        tally.Add(Decision("b", false, BeatClass.Normal, latencyMs: 3));
        tally.TakeInterval();
        tally.Add(Decision("c", false, BeatClass.Normal, latencyMs: 7));
        tally.Add(Decision("d", false, BeatClass.Normal, latencyMs: 5));

        var interval = tally.TakeInterval();

        Assert.Equal([5.0, 7.0], interval);
    }

    [Fact]
    public void DemoSummary_ReportsMissingBeats_WhenFewerWereScoredThanSent()
    {
        var tally = new DemoTally();
        tally.Add(Decision("a", true, BeatClass.Pvc));

        var summary = DemoSummary.From(sent: 3, tally, TimeSpan.FromSeconds(1), "m");

        Assert.False(summary.EveryBeatScoredOnce);
        Assert.Contains("2 missing, 0 repeated", summary.ToTable());
    }

    [Fact]
    public void Types_CountsPredictedTypeAgainstLabel_AndFlaggedPerType_WhenDecisionsCarryATypeOnce()
    {
        var tally = new DemoTally();

        tally.Add(Decision("a", true, BeatClass.Pvc) with { BeatType = BeatType.Of(BeatClass.Pvc) });
        tally.Add(Decision("a", true, BeatClass.Pvc) with { BeatType = BeatType.Of(BeatClass.Pvc) });
        tally.Add(Decision("b", false, BeatClass.Normal) with { BeatType = BeatType.Of(BeatClass.Pvc) });
        tally.Add(Decision("c", false, BeatClass.Normal) with { BeatType = BeatType.Of(BeatClass.Normal) });
        tally.Add(Decision("d", true, label: null) with { BeatType = BeatType.Of(BeatClass.SpEb) });

        var types = tally.Types;
        Assert.Equal((4, 3, 2), (types.Classified, types.Labelled, types.Agreeing));
        Assert.Equal((1, 1, 1, 1), (types.Count(BeatClass.Pvc, BeatClass.Pvc), types.Count(BeatClass.Pvc, BeatClass.Normal),
            types.Count(BeatClass.Normal, BeatClass.Normal), types.Count(BeatClass.SpEb, null)));
        Assert.Equal((1, 0, 1), (types.Flagged(BeatClass.Pvc), types.Flagged(BeatClass.Normal), types.Flagged(BeatClass.SpEb)));
    }

    [Fact]
    public void DemoSummary_AddsThePerTypeTable_WhenTheDecisionsCarriedTypes()
    {
        var tally = new DemoTally();
        tally.Add(Decision("a", true, BeatClass.RonTPvc) with { BeatType = BeatType.Of(BeatClass.RonTPvc) });
        tally.Add(Decision("b", false, BeatClass.Normal) with { BeatType = BeatType.Of(BeatClass.Ub) });

        string table = DemoSummary.From(sent: 2, tally, TimeSpan.FromSeconds(1), "m", "clf-1").ToTable();

        Assert.Contains("| classifier                       | clf-1", table);
        Assert.Contains("| predicted \\ labelled |       Normal |   R-on-T PVC |          PVC |        SP/EB | Unclassified |   unlabelled | flagged anomalous |", table);
        Assert.Contains("| R-on-T PVC           |            0 |            1 |            0 |            0 |            0 |            0 |                 1 |", table);
        Assert.Contains("| Unclassified         |            1 |            0 |            0 |            0 |            0 |            0 |                 0 |", table);
        Assert.Contains("predicted type = label: 50.0% of 2 labelled beats", table);
    }

    [Fact]
    public void DemoSummary_LeavesOutThePerTypeTable_WhenNoDecisionCarriedAType()
    {
        var tally = new DemoTally();
        tally.Add(Decision("a", true, BeatClass.Pvc));

        var summary = DemoSummary.From(sent: 1, tally, TimeSpan.FromSeconds(1), "m");

        Assert.Null(summary.Types);
        Assert.DoesNotContain("predicted", summary.ToTable());
    }

    private static ScoredBeat Decision(string id, bool anomaly, BeatClass? label, double latencyMs = 1) =>
        new(id, "patient-001", 0, 1f, anomaly, "m", latencyMs, label);
}
