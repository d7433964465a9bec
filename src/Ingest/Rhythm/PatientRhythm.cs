using EcgStream.Beats.Ecg5000;

namespace EcgStream.Ingest.Rhythm;

/// <summary>
/// The heart rhythm of one simulated patient: a resting rate, respiratory sinus arrhythmia (the interval swings with
/// breathing) and beat-to-beat jitter. Premature beats come early: an R-on-T PVC falls on the previous T wave, a PVC
/// somewhat later, an SP/EB a little early; a ventricular one is followed by a full compensatory pause, so the sinus
/// rhythm continues as if it had not happened.
/// </summary>
public sealed class PatientRhythm
{
    // Depth of the breathing swing and std of the jitter, as fractions of the sinus interval (healthy adults at rest).
    private const double SinusArrhythmiaDepth = 0.05, JitterStd = 0.02;

    private readonly Random _random;
    private readonly double _sinusIntervalSeconds, _breathPeriodSeconds, _breathPhase;
    private double _elapsedSeconds, _compensationSeconds;

    /// <summary>Draws a patient: resting rate 55..95 beats/min, breathing every 3..5 s.</summary>
    public PatientRhythm(Random random)
    {
        _random = random;
        HeartRateBpm = 55 + 40 * random.NextDouble();
        _sinusIntervalSeconds = 60 / HeartRateBpm;
        _breathPeriodSeconds = 3 + 2 * random.NextDouble();
        _breathPhase = 2 * Math.PI * random.NextDouble();
    }

    /// <summary>The patient's resting heart rate, beats per minute.</summary>
    public double HeartRateBpm { get; }

    /// <summary>Seconds from the previous beat to the next one, which is of class <paramref name="next"/>.</summary>
    public double NextIntervalSeconds(BeatClass next)
    {
        double breathing = SinusArrhythmiaDepth * Math.Sin(2 * Math.PI * _elapsedSeconds / _breathPeriodSeconds + _breathPhase);
        // Uniform jitter with standard deviation JitterStd: (2U − 1)·√3 has variance 1.
        double jitter = JitterStd * (2 * _random.NextDouble() - 1) * Math.Sqrt(3);
        double sinus = _sinusIntervalSeconds * (1 + breathing + jitter);
        double coupling = next switch
        {
            BeatClass.RonTPvc => 0.45,
            BeatClass.Pvc => 0.65,
            BeatClass.SpEb => 0.75,
            _ => 1.0,
        };
        double interval = coupling * sinus + _compensationSeconds;
        // A ventricular beat does not reset the sinus node: the next beat waits out the rest of the sinus interval.
        _compensationSeconds = next is BeatClass.RonTPvc or BeatClass.Pvc ? (1 - coupling) * sinus : 0;
        _elapsedSeconds += interval;
        return interval;
    }
}
