using System.Runtime.InteropServices;
using EcgStream.Tools.CommandLine;

namespace EcgStream.Tools.Demo;

/// <summary>The <c>demo</c> command: the whole stack in this process, with a live line and a summary (<see cref="Usage"/>).</summary>
public static class DemoCommand
{
    /// <summary>The command's synopsis, for --help.</summary>
    public const string Usage = """
        demo [--rate R] [--seconds S] [--data DIR] [--model FILE] [--classifier FILE|none] [--patients N]
             [--anomaly-fraction F] [--device auto|cpu|cuda] [--seed S]
            Embedded broker, ingest and detector in this process: replays synthetic beats (or ECG5000 from --data) at R
            beats/s (500) for S seconds (20), prints a live line every second and a summary table at the end. Exit code 0
            when every beat sent was scored exactly once.
        """;

    /// <summary>Runs the command; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var flags = CommandLineFlags.Parse(args, "--rate", "--seconds", "--data", "--model", "--classifier", "--patients", "--anomaly-fraction", "--device", "--seed");
        var defaults = new DemoOptions();
        var options = new DemoOptions
        {
            RateBeatsPerSecond = flags.GetDouble("--rate", defaults.RateBeatsPerSecond, min: 1, max: 1_000_000),
            Duration = TimeSpan.FromSeconds(flags.GetInt("--seconds", (int)defaults.Duration.TotalSeconds, min: 1, max: 86_400)),
            DataDirectory = flags.GetString("--data", null),
            ModelPath = flags.GetString("--model", defaults.ModelPath)!,
            ClassifierPath = flags.GetString("--classifier", defaults.ClassifierPath)!,
            Patients = flags.GetInt("--patients", defaults.Patients, min: 1, max: 100_000),
            AnomalyFraction = flags.GetString("--anomaly-fraction", null) is null ? null : flags.GetDouble("--anomaly-fraction", 0, min: 0, max: 1),
            Device = flags.GetString("--device", defaults.Device)!,
            Seed = flags.GetInt("--seed", defaults.Seed, min: int.MinValue, max: int.MaxValue),
        };
        using var stop = new CancellationTokenSource();
        // Ctrl-C or SIGTERM ends the sending early; the decisions in flight are still counted and the summary printed.
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        var summary = await DemoRun.RunAsync(options, Console.Out, stop.Token);
        Console.WriteLine();
        Console.Write(summary.ToTable());
        return summary.EveryBeatScoredOnce ? 0 : 1;
    }
}
