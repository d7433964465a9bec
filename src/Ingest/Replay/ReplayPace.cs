using System.Globalization;

namespace EcgStream.Ingest.Replay;

/// <summary>
/// How fast beats are sent: in the patients' own time (real time), as fast as the producer can, or at a total rate,
/// which stretches or compresses every patient's rhythm by the same factor.
/// </summary>
public readonly record struct ReplayPace
{
    private ReplayPace(double? beatsPerSecond, bool realTime) { BeatsPerSecond = beatsPerSecond; IsRealTime = realTime; }

    /// <summary>As fast as the producer can send.</summary>
    public static ReplayPace Max => new(null, false);

    /// <summary>Every patient at their own heart rate.</summary>
    public static ReplayPace RealTime => new(null, true);

    /// <summary>The total rate, or null for <see cref="Max"/> and <see cref="RealTime"/>.</summary>
    public double? BeatsPerSecond { get; }

    /// <summary>True for <see cref="RealTime"/>.</summary>
    public bool IsRealTime { get; }

    /// <summary>All patients together at <paramref name="beatsPerSecond"/> (&gt; 0).</summary>
    public static ReplayPace PerSecond(double beatsPerSecond)
    {
        if (!(beatsPerSecond > 0 && double.IsFinite(beatsPerSecond))) throw new ArgumentOutOfRangeException(nameof(beatsPerSecond), "must be a positive number");
        return new ReplayPace(beatsPerSecond, false);
    }

    /// <summary>Parses "max", "real" or a positive number of beats per second.</summary>
    public static bool TryParse(string text, out ReplayPace pace)
    {
        pace = text switch { "max" => Max, "real" => RealTime, _ => default };
        if (text is "max" or "real") return true;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) || !(rate > 0 && double.IsFinite(rate))) return false;
        pace = PerSecond(rate);
        return true;
    }

    /// <summary>Wall-clock seconds per second of the patients' time, given their natural total rate; 0 for <see cref="Max"/>.</summary>
    public double WallSecondsPerPatientSecond(double naturalBeatsPerSecond) =>
        IsRealTime ? 1 : BeatsPerSecond is { } rate ? naturalBeatsPerSecond / rate : 0;

    /// <inheritdoc/>
    public override string ToString() =>
        IsRealTime ? "real time" : BeatsPerSecond is { } rate ? $"{rate.ToString("G", CultureInfo.InvariantCulture)} beats/s" : "as fast as possible";
}
