using EcgStream.Beats.Ecg5000;
using EcgStream.Ingest.Rhythm;
using EcgStream.Ingest.Sources;

namespace EcgStream.Ingest.Tests;

public sealed class BeatScheduleTests
{
    [Fact]
    public void TryNext_ReturnsBeatsInTimeOrder_WithGaplessSequencesPerPatient()
    {
        var schedule = new BeatSchedule(new SyntheticBeatSource(0.2, seed: 1), patients: 5, seed: 2);

        var beats = Take(schedule, 2000);

        Assert.Equal(beats.Select(b => b.AtSeconds).Order(), beats.Select(b => b.AtSeconds));
        Assert.Equal(Enumerable.Range(0, 5), beats.Select(b => b.Patient).Distinct().Order());
        foreach (var patient in beats.GroupBy(b => b.Patient))
            Assert.Equal(Enumerable.Range(0, patient.Count()).Select(i => (long)i), patient.Select(b => b.Sequence));
    }

    [Fact]
    public void TryNext_KeepsEachPatientNearTheirOwnHeartRate()
    {
        var schedule = new BeatSchedule(new SyntheticBeatSource(0, seed: 1), patients: 4, seed: 3);

        var beats = Take(schedule, 4000);

        // All normal beats: the schedule's own rate is the sum of the patients' resting rates, within the rhythm's swing.
        double seconds = beats[^1].AtSeconds - beats[0].AtSeconds;
        Assert.InRange((beats.Count - 1) / seconds, 0.95 * schedule.NaturalRateBeatsPerSecond, 1.05 * schedule.NaturalRateBeatsPerSecond);
        Assert.InRange(schedule.NaturalRateBeatsPerSecond, 4 * 55 / 60.0, 4 * 95 / 60.0);
    }

    [Fact]
    public void TryNext_VariesTheIntervals_BeatToBeat()
    {
        var schedule = new BeatSchedule(new SyntheticBeatSource(0, seed: 1), patients: 1, seed: 4);
        var beats = Take(schedule, 200);

        var intervals = beats.Zip(beats.Skip(1), (a, b) => b.AtSeconds - a.AtSeconds).ToList();

        Assert.True(intervals.Max() - intervals.Min() > 0.02, "a healthy rhythm is not a metronome");
    }

    [Fact]
    public void TryNext_PlacesPrematureBeatsEarly_AndPausesAfterVentricularOnes()
    {
        var schedule = new BeatSchedule(new SyntheticBeatSource(0.3, seed: 5), patients: 1, seed: 6);

        var beats = Take(schedule, 3000);

        var intervals = beats.Zip(beats.Skip(1), (a, b) => (Class: b.Beat.Class, Seconds: b.AtSeconds - a.AtSeconds, PreviousClass: a.Beat.Class)).ToList();
        double normal = intervals.Where(i => i.Class == BeatClass.Normal && i.PreviousClass == BeatClass.Normal).Average(i => i.Seconds);
        Assert.True(intervals.Where(i => i.Class == BeatClass.RonTPvc).Average(i => i.Seconds) < 0.6 * normal);
        Assert.True(intervals.Where(i => i.Class == BeatClass.Normal && i.PreviousClass == BeatClass.RonTPvc).Average(i => i.Seconds) > 1.3 * normal);
    }

    [Fact]
    public void TryNext_GivesTheSameSchedule_ForTheSameSeeds()
    {
        var a = Take(new BeatSchedule(new SyntheticBeatSource(0.2, seed: 1), 3, seed: 9), 100);
        var b = Take(new BeatSchedule(new SyntheticBeatSource(0.2, seed: 1), 3, seed: 9), 100);

        Assert.Equal(a.Select(x => (x.Patient, x.Sequence, x.AtSeconds, x.Beat.Class)), b.Select(x => (x.Patient, x.Sequence, x.AtSeconds, x.Beat.Class)));
    }

    [Fact]
    public void TryNext_ReturnsFalse_WhenTheSourceRunsDry()
    {
        using var data = TemporaryEcg5000.Create(rows: 7);
        var schedule = new BeatSchedule(new Ecg5000BeatSource(data.Directory, anomalyFraction: null, loop: false, seed: 1), patients: 3, seed: 1);

        var beats = Take(schedule, 100);

        Assert.Equal(7, beats.Count);
        Assert.False(schedule.TryNext(out _));
    }

    private static List<ScheduledBeat> Take(BeatSchedule schedule, int count)
    {
        var beats = new List<ScheduledBeat>();
        while (beats.Count < count && schedule.TryNext(out var beat)) beats.Add(beat);
        return beats;
    }
}
