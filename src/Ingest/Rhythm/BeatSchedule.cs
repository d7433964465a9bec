using EcgStream.Beats.Ecg5000;
using EcgStream.Ingest.Sources;

namespace EcgStream.Ingest.Rhythm;

/// <summary>
/// Deals the beats of a source out to simulated patients, each beating in its own <see cref="PatientRhythm"/>, and
/// returns them in time order. The class of a patient's next beat is known before it is placed, so premature beats
/// come early. The same seed and source give the same schedule.
/// </summary>
public sealed class BeatSchedule
{
    private readonly IBeatSource _source;
    private readonly PatientRhythm[] _patients;
    private readonly long[] _sequences;
    // Each patient's next beat, by the time it happens; a patient drops out when the source runs dry.
    private readonly PriorityQueue<(int Patient, LabeledBeat Beat), double> _next = new();

    /// <summary>Creates a schedule of <paramref name="patients"/> patients drawing from <paramref name="source"/>.</summary>
    public BeatSchedule(IBeatSource source, int patients, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(patients, 1);
        _source = source;
        var random = new Random(seed);
        _patients = new PatientRhythm[patients];
        _sequences = new long[patients];
        for (int p = 0; p < patients; p++)
        {
            _patients[p] = new PatientRhythm(new Random(random.Next()));
            // Patients start at random points of their first interval, so they do not beat in lockstep.
            if (_source.TryNext(out var beat)) _next.Enqueue((p, beat), random.NextDouble() * _patients[p].NextIntervalSeconds(beat.Class));
        }
        NaturalRateBeatsPerSecond = _patients.Sum(p => p.HeartRateBpm) / 60;
    }

    /// <summary>Beats per second of all patients together at their resting rates, in real time.</summary>
    public double NaturalRateBeatsPerSecond { get; }

    /// <summary>The earliest beat not yet returned; false when the source has run dry.</summary>
    public bool TryNext(out ScheduledBeat scheduled)
    {
        if (!_next.TryDequeue(out var next, out double at)) { scheduled = default; return false; }
        scheduled = new ScheduledBeat(next.Patient, _sequences[next.Patient]++, at, next.Beat);
        if (_source.TryNext(out var following))
            _next.Enqueue((next.Patient, following), at + _patients[next.Patient].NextIntervalSeconds(following.Class));
        return true;
    }
}
