using System.Diagnostics;
using EcgStream.Beats.Wire;
using EcgStream.Detector.Scoring;
using EcgStream.Ingest;
using EcgStream.Ingest.Replay;
using EcgStream.Ingest.Rhythm;
using EcgStream.Ingest.Sources;
using EcgStream.Tools.CommandLine;
using EcgStream.Tools.Stack;

namespace EcgStream.Tools.Bench;

/// <summary>
/// The <c>bench</c> command (<see cref="Usage"/>): embedded broker, producer and detector on this machine. Prints p50/p99
/// end-to-end latency at an offered 500 beats/s, then the sustained throughput with the producer sending as fast as it can, and whether every beat was decided
/// exactly once. End-to-end = the beat's ingest timestamp to its decision being handed to the producer.
/// <c>--classifier both</c> runs the bench without and with the classifier, <c>--rounds</c> times each, in the order
/// off, on, on, off, off, on, ... (so drift in the machine's load falls on both alike), and compares them side by side.
/// <c>--classifier-arch</c> benches a seeded, untrained classifier of that architecture instead of a file: its cost is
/// that of a trained one (the weights do not change the work), so the figure can be taken before a classifier is trained.
/// </summary>
public static class BenchCommand
{
    /// <summary>The command's synopsis, for --help.</summary>
    public const string Usage = """
        bench [--model FILE] [--classifier on|off|both] [--classifier-model FILE | --classifier-arch conv1d|lstm|conv1d-lstm]
              [--rounds N] [--seconds N] [--beats N] [--device auto|cpu|cuda]
            Embedded broker, producer and detector in this process: p50/p99 end-to-end latency at 500 beats/s for N seconds
            (10), then the throughput with N beats (20000) sent as fast as possible, and whether every beat was decided once.
            --classifier both compares the detector without and with the classifier over --rounds rounds.
        """;

    // 16 partitions: the embedded broker keeps about 5 MB per partition, and the throughput phase's backlog (20,000
    // beats of about 2 KB) must fit, or beats are dropped before the detector reads them.
    private const int Partitions = 16, Patients = 32;
    private const double OfferedRate = 500;

    // Enough beats for tiered compilation to finish optimising the hot paths (a profile of a 500-beat warm-up showed
    // the JIT's background thread at 16% of the process during the throughput phase).
    private const int WarmUpBeats = 3000;

    /// <summary>Share of the throughput without the classifier that the bench with it must reach.</summary>
    public const double ClassifierThroughputTarget = 0.90;

    /// <summary>Highest end-to-end p99 at the offered rate, in milliseconds.</summary>
    public const double LatencyP99TargetMs = 50;

    /// <summary>Runs the command; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var flags = CommandLineFlags.Parse(args, "--model", "--classifier", "--classifier-model", "--classifier-arch", "--rounds", "--seconds", "--beats", "--device");
        string model = ModelFileFlags.Model(flags.GetString("--model", "models/ecg5000.safetensors")!);
        string mode = flags.GetString("--classifier", "on")!;
        if (mode is not ("on" or "off" or "both")) throw new CommandLineException($"--classifier must be on, off or both, not '{mode}'");
        int rounds = flags.GetInt("--rounds", 1, min: 1, max: 20);
        int seconds = flags.GetInt("--seconds", 10, min: 1, max: 600);
        int saturating = flags.GetInt("--beats", 20_000, min: 100, max: 10_000_000);
        string device = flags.GetString("--device", "auto")!;
        string? arch = flags.GetString("--classifier-arch", null);
        if (arch is not null && flags.GetString("--classifier-model", null) is not null)
            throw new CommandLineException("pass --classifier-model or --classifier-arch, not both");
        using var seeded = mode != "off" && arch is not null ? SeededClassifierFile.Create(arch) : null;
        string classifier = mode == "off" ? "" : seeded?.Path
            ?? ModelFileFlags.Classifier(flags.GetString("--classifier-model", EngineOptions.ShippedClassifierPath)!);
        if (classifier.Length > 0) Console.WriteLine($"classifier: {(seeded is null ? classifier : $"seeded untrained {arch}")}");

        var runs = new List<BenchResult>();
        for (int round = 0; round < rounds; round++)
        {
            // ABBA: off, on, on, off, ... so a trend in the machine's load does not favour one side.
            bool[] order = mode switch { "on" => [true], "off" => [false], _ => round % 2 == 0 ? [false, true] : [true, false] };
            foreach (bool withClassifier in order)
            {
                Console.WriteLine($"--- run {runs.Count + 1}: classifier {(withClassifier ? "on" : "off")} ---");
                var result = await RunOnceAsync(model, withClassifier ? classifier : "", device, seconds, saturating);
                runs.Add(result);
                Console.WriteLine();
                Console.Write(result.ToTable());
                Console.WriteLine();
            }
        }
        bool passed = runs.All(r => r.EveryBeatDecidedOnce && r.LatencyP99Ms <= LatencyP99TargetMs);
        if (mode == "both") passed &= PrintComparison(runs);
        return passed ? 0 : 1;
    }

    // The side-by-side table of --classifier both; true when the classifier keeps the throughput target.
    private static bool PrintComparison(List<BenchResult> runs)
    {
        Console.WriteLine("| classifier | run | throughput b/s | p50 ms at 500/s | p99 ms at 500/s | decided once      | typed   | b/cpu-s | load |");
        Console.WriteLine("|------------|-----|----------------|-----------------|-----------------|-------------------|---------|---------|------|");
        for (int i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            Console.WriteLine($"| {(r.WithClassifier ? "on" : "off"),-10} | {i + 1,3} | {r.ThroughputBeatsPerSecond,14:F0} | {r.LatencyP50Ms,15:F1} | {r.LatencyP99Ms,15:F1} | "
                + $"{(r.EveryBeatDecidedOnce ? "yes" : "NO"),-3} {r.DistinctDecided,6}/{r.Sent,-6} | {r.Typed,7} | {r.BeatsPerCpuSecond,7:F0} | {r.LoadAverage,-4} |");
        }
        double off = Median(runs.Where(r => !r.WithClassifier).Select(r => r.ThroughputBeatsPerSecond));
        double on = Median(runs.Where(r => r.WithClassifier).Select(r => r.ThroughputBeatsPerSecond));
        double offCpu = Median(runs.Where(r => !r.WithClassifier).Select(r => r.BeatsPerCpuSecond));
        double onCpu = Median(runs.Where(r => r.WithClassifier).Select(r => r.BeatsPerCpuSecond));
        Console.WriteLine();
        Console.WriteLine($"median throughput: off {off:F0} b/s, on {on:F0} b/s: on/off = {on / off:P1} (target >= {ClassifierThroughputTarget:P0})");
        Console.WriteLine($"median pipeline cost: off {offCpu:F0} b/cpu-s, on {onCpu:F0} b/cpu-s: on/off = {onCpu / offCpu:P1}");
        return on / off >= ClassifierThroughputTarget;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    // One whole bench on a fresh broker and detector: warm-up, latency at the offered rate, throughput.
    private static async Task<BenchResult> RunOnceAsync(string model, string classifier, string device, int seconds, int saturating)
    {
        await using var stack = LocalStack.Start(Partitions);
        await stack.StartDetectorAsync(new Dictionary<string, string?>
        {
            ["Engine:ModelPath"] = model, ["Engine:ClassifierPath"] = classifier, ["Engine:Device"] = device, ["Engine:WatchModelFile"] = "false",
        });
        var reader = stack.ReadScores();
        // The ingest's own replay: synthetic beats over 32 patients, each beat stamped when it is sent.
        var schedule = new BeatSchedule(new SyntheticBeatSource(ReplayOptions.DefaultSyntheticAnomalyFraction, seed: 20240601), Patients, seed: 20240601);
        var decided = new List<ScoredBeat>();

        Console.WriteLine($"warming up: {WarmUpBeats} beats ...");
        Send(stack, schedule, ReplayPace.Max, WarmUpBeats);
        decided.AddRange(reader.Collect(WarmUpBeats, TimeSpan.FromSeconds(60)));

        int offered = (int)(OfferedRate * seconds);
        Console.WriteLine($"latency: {offered} beats at {OfferedRate:F0} beats/s ...");
        Send(stack, schedule, ReplayPace.PerSecond(OfferedRate), offered);
        var latencyPhase = reader.Collect(offered, TimeSpan.FromSeconds(seconds + 60));
        decided.AddRange(latencyPhase);
        var latencies = latencyPhase.Select(d => d.EndToEndMs).Order().ToArray();

        Console.WriteLine($"throughput: {saturating} beats as fast as the producer can send ...");
        var clock = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        Send(stack, schedule, ReplayPace.Max, saturating);
        var throughputPhase = reader.Collect(saturating, TimeSpan.FromMinutes(10));
        double throughput = throughputPhase.Count / clock.Elapsed.TotalSeconds;
        // Producer, broker and detector all run in this process, so its CPU time is the whole pipeline's: on a machine
        // shared with other work, beats per CPU-second says what the pipeline costs when the wall clock cannot.
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        decided.AddRange(throughputPhase);
        // Repeats (at-least-once redelivery) would come right after; a short look catches them.
        while (reader.Read(TimeSpan.FromMilliseconds(500)) is { } late) decided.Add(late);

        int sent = WarmUpBeats + offered + saturating;
        int distinct = decided.Select(d => d.BeatId).Distinct().Count();
        return new BenchResult(classifier.Length > 0, throughput, Percentile.Of(latencies, 0.50), Percentile.Of(latencies, 0.99),
            latencies.Length, offered, sent, distinct, decided.Count - distinct, decided.Count(d => d.BeatType is not null),
            throughputPhase.Count / cpuSeconds, LoadAverage());
    }

    // Sends the next count beats of the schedule (a fresh replayer: a replayer's limit counts all it has sent).
    private static void Send(LocalStack stack, BeatSchedule schedule, ReplayPace pace, int count) =>
        stack.CreateReplayer("bench").Run(schedule, pace, count, CancellationToken.None);

    // The 1-minute load average (Linux), so a reader can tell a quiet measurement from a crowded one.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
