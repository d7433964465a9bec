namespace EcgStream.Tools.Demo;

/// <summary>
/// The demo's live line, once a second: beats sent and scored, the scoring rate, anomalies flagged, and end-to-end
/// latency over the last second. Rewritten in place on a terminal, one line per second otherwise (logs, CI).
/// </summary>
public sealed class DemoLiveLine(TextWriter output)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly bool _inPlace = output == Console.Out && !Console.IsOutputRedirected;
    private TimeSpan _last;
    // Decisions already shown in a line.
    private int _linesDecided;

    /// <summary>Writes the line when a second has passed since the previous one.</summary>
    public void TickIfDue(TimeSpan elapsed, long sent, DemoTally tally)
    {
        if (elapsed - _last < Interval) return;
        Write(elapsed, sent, tally);
    }

    /// <summary>Writes the last line, when anything was decided since the previous one, and ends it.</summary>
    public void Finish(TimeSpan elapsed, long sent, DemoTally tally)
    {
        if (tally.LatenciesMs.Count > _linesDecided) Write(elapsed, sent, tally);
        if (_inPlace) output.WriteLine();
    }

    private void Write(TimeSpan elapsed, long sent, DemoTally tally)
    {
        var window = tally.TakeInterval();
        _linesDecided = tally.LatenciesMs.Count;
        double seconds = (elapsed - _last).TotalSeconds;
        _last = elapsed;
        string latency = window.Length == 0 ? "-" : $"p50 {Percentile.Of(window, 0.5):F1} ms, p99 {Percentile.Of(window, 0.99):F1} ms";
        string line = $"[{elapsed:mm\\:ss}] sent {sent,7} | scored {tally.Scored,7} ({window.Length / seconds,5:F0}/s) | anomalies {tally.Flagged,6} | latency {latency}";
        if (_inPlace) output.Write($"\r{line,-110}");
        else output.WriteLine(line);
    }
}
