using System.Diagnostics;
using EcgStream.Detector.Scoring;
using EcgStream.Ingest;
using EcgStream.Ingest.Replay;
using EcgStream.Ingest.Rhythm;
using EcgStream.Ingest.Sources;
using EcgStream.Tools.CommandLine;
using EcgStream.Tools.Stack;

namespace EcgStream.Tools.Soak;

/// <summary>
/// The <c>soak</c> command (<see cref="Usage"/>): overload soak of a detector process on the embedded broker. Measures the
/// detector's capacity (a flood, scored from a full backlog), offers <c>--load</c> times that rate for <c>--minutes</c>, then stops the load and lets the lag drain.
/// Prints throughput, lag and resident memory over time, then steady-state RSS (median of the second half of the
/// overload), peak RSS (VmHWM, whole run) and their ratio (target at most 1.5), and the drain time.
/// </summary>
public static class SoakCommand
{
    /// <summary>The command's synopsis, for --help.</summary>
    public const string Usage = """
        soak [--model FILE] [--classifier FILE|none] [--minutes N] [--load X] [--partitions N] [--device auto|cpu|cuda]
             [--threads N] [--sample-seconds N] [--calibration-beats N]
            Overload soak of a detector process on the embedded broker: measures its capacity, offers X times (2) that rate
            for N minutes (5), lets the lag drain, and prints throughput, lag and resident memory over time. Exit code 0
            when peak RSS stays within 1.5x the steady state and every beat was decided.
        """;

    // The embedded broker keeps about 5 MB per partition and drops older messages: the backlog of a long overload must fit,
    // so use many partitions, and more patients (keys) than partitions so that every partition takes its share.
    private const int DefaultPartitions = 512, PatientsPerPartition = 4;

    /// <summary>Largest peak-to-steady RSS ratio the soak passes with.</summary>
    public const double PeakToSteadyTarget = 1.5;

    /// <summary>Runs the command; returns 0 when the memory target holds and every beat was decided, else 1.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var flags = CommandLineFlags.Parse(args, "--model", "--classifier", "--minutes", "--load", "--partitions", "--device", "--threads", "--sample-seconds", "--calibration-beats");
        string model = ModelFileFlags.Model(flags.GetString("--model", "models/ecg5000.safetensors")!);
        double minutes = flags.GetDouble("--minutes", 5, min: 0.5, max: 120);
        double load = flags.GetDouble("--load", 2, min: 1, max: 20);
        int partitions = flags.GetInt("--partitions", DefaultPartitions, min: 1, max: 1024);
        int calibrationBeats = flags.GetInt("--calibration-beats", 10_000, min: 500, max: 1_000_000);
        var sampleEvery = TimeSpan.FromSeconds(flags.GetInt("--sample-seconds", 10, min: 1, max: 600));
        string classifier = ModelFileFlags.Classifier(flags.GetString("--classifier", EngineOptions.ShippedClassifierPath)!);

        await using var stack = LocalStack.Start(partitions);
        using var detector = SoakDetectorProcess.Start(new Dictionary<string, string>
        {
            ["Kafka:BootstrapServers"] = stack.Kafka.BootstrapServers, ["Engine:ModelPath"] = model, ["Engine:ClassifierPath"] = classifier,
            ["Engine:Device"] = flags.GetString("--device", "auto")!, ["Engine:Threads"] = flags.GetInt("--threads", 0, 0, 1024).ToString(),
            ["Engine:WatchModelFile"] = "false", ["Logging:LogLevel:Default"] = "Warning",
        });
        // Ctrl-C or SIGTERM ends this process without unwinding: take the detector process with it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => detector.Dispose();
        await detector.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        var replayer = stack.CreateReplayer("soak");
        var schedule = new BeatSchedule(new SyntheticBeatSource(ReplayOptions.DefaultSyntheticAnomalyFraction, seed: 20261125),
            partitions * PatientsPerPartition, seed: 20261125);
        var samples = new List<SoakSample>();
        var clock = Stopwatch.StartNew();

        async Task<SoakSample> SampleAsync(string phase)
        {
            var values = await detector.ScrapeAsync("ecgstream_beats_scored_total", "ecgstream_consumer_lag", "ecgstream_consumer_pauses_total").ConfigureAwait(false);
            var (rss, peak) = detector.Memory();
            var sample = new SoakSample(phase, clock.Elapsed.TotalSeconds, replayer.Counters.Delivered, values["ecgstream_beats_scored_total"],
                values["ecgstream_consumer_lag"], values["ecgstream_consumer_pauses_total"], rss, peak);
            samples.Add(sample);
            return sample;
        }

        Console.WriteLine($"capacity: {calibrationBeats} beats at once; the detector scores them from a full backlog ...");
        var flood = Task.Run(() => replayer.Run(schedule, ReplayPace.Max, calibrationBeats, CancellationToken.None));
        var first = await WaitForAsync(SampleAsync, "capacity", s => s.Decided > 0, TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(2));
        var last = await WaitForAsync(SampleAsync, "capacity", s => s.Decided >= calibrationBeats, TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(30));
        await flood;
        double capacity = (last.Decided - first.Decided) / (last.ElapsedSeconds - first.ElapsedSeconds);
        double offered = load * capacity;
        Console.WriteLine($"capacity {capacity:F0} beats/s; overload: {offered:F0} beats/s ({load:F1}x) for {minutes:F1} min, {partitions} partitions ...");
        PrintHeader();

        using var stopLoad = new CancellationTokenSource(TimeSpan.FromMinutes(minutes));
        var overload = Task.Run(() => replayer.Run(schedule, ReplayPace.PerSecond(offered), null, stopLoad.Token));
        double overloadStarted = clock.Elapsed.TotalSeconds;
        long sentBefore = replayer.Counters.Delivered;
        SoakSample previous = last;
        while (!overload.IsCompleted)
        {
            await Task.WhenAny(overload, Task.Delay(sampleEvery));
            previous = Print(await SampleAsync("overload"), previous);
        }
        await overload;
        double overloadEnded = clock.Elapsed.TotalSeconds;
        long sent = replayer.Counters.Delivered;
        // What the generator achieved: on a busy machine it can fall short of the rate it was asked for.
        double sentRate = (sent - sentBefore) / (overloadEnded - overloadStarted);

        // Drained when the lag is 0 and nothing more gets scored (beats the broker dropped would never come).
        double scoredBefore = -1;
        var drained = await WaitForAsync(async phase => previous = Print(await SampleAsync(phase), previous), "drain",
            s => s.Lag == 0 && (s.Decided >= sent || s.Decided == Interlocked.Exchange(ref scoredBefore, s.Decided)), sampleEvery,
            TimeSpan.FromMinutes(minutes * 3 + 1));

        var overloadSamples = samples.Where(s => s.Phase == "overload").ToList();
        var steadySamples = overloadSamples.Where(s => s.ElapsedSeconds >= (overloadStarted + overloadEnded) / 2).Select(s => s.RssMiB).Order().ToList();
        double steady = steadySamples.Count == 0 ? double.NaN : steadySamples[steadySamples.Count / 2];
        double peak = samples.Max(s => s.PeakRssMiB);
        var overloadDecided = overloadSamples.Count < 2 ? double.NaN
            : (overloadSamples[^1].Decided - overloadSamples[0].Decided) / (overloadSamples[^1].ElapsedSeconds - overloadSamples[0].ElapsedSeconds);
        bool complete = drained.Decided >= sent;

        Console.WriteLine();
        Console.WriteLine($"| measure                                    | value            | target          |");
        Console.WriteLine($"|--------------------------------------------|------------------|-----------------|");
        Console.WriteLine($"| capacity (scored from a full backlog)      | {capacity,10:F0} b/s |                 |");
        Console.WriteLine($"| offered during overload                    | {offered,10:F0} b/s | {load:F1}x capacity   |");
        Console.WriteLine($"| sent during overload (achieved)            | {sentRate,10:F0} b/s | {sentRate / capacity:F1}x capacity   |");
        Console.WriteLine($"| scored during overload                     | {overloadDecided,10:F0} b/s | ~ capacity      |");
        Console.WriteLine($"| consumer pauses (only when stalled)        | {drained.Pauses,14:F0}   |                 |");
        Console.WriteLine($"| steady-state RSS (median, 2nd half)        | {steady,10:F1} MiB |                 |");
        Console.WriteLine($"| peak RSS (VmHWM, whole run)                | {peak,10:F1} MiB |                 |");
        Console.WriteLine($"| peak / steady                              | {peak / steady,14:F2}   | <= {PeakToSteadyTarget:F1}          |");
        Console.WriteLine($"| lag drained after load stopped             | {drained.ElapsedSeconds - overloadEnded,12:F0} s | lag 0           |");
        Console.WriteLine($"| beats decided / sent                       | {drained.Decided,7:F0} / {sent,-7} | all             |");
        if (!complete) Console.WriteLine($"{sent - drained.Decided:F0} beats never arrived: the embedded broker dropped them (retention); use more --partitions");
        return peak / steady <= PeakToSteadyTarget && complete ? 0 : 1;
    }

    private static async Task<SoakSample> WaitForAsync(Func<string, Task<SoakSample>> sample, string phase, Func<SoakSample, bool> done,
        TimeSpan every, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var current = await sample(phase).ConfigureAwait(false);
            if (done(current) || clock.Elapsed > timeout) return current;
            await Task.Delay(every).ConfigureAwait(false);
        }
    }

    private static void PrintHeader()
    {
        Console.WriteLine($"| time s | phase    | sent      | scored    | scored b/s | lag       | pauses | RSS MiB | peak MiB |");
        Console.WriteLine($"|--------|----------|-----------|-----------|------------|-----------|--------|---------|----------|");
    }

    private static SoakSample Print(SoakSample s, SoakSample previous)
    {
        double rate = (s.Decided - previous.Decided) / Math.Max(1e-9, s.ElapsedSeconds - previous.ElapsedSeconds);
        Console.WriteLine($"| {s.ElapsedSeconds,6:F0} | {s.Phase,-8} | {s.Sent,9} | {s.Decided,9:F0} | {rate,10:F0} | {s.Lag,9:F0} | {s.Pauses,6:F0} | {s.RssMiB,7:F1} | {s.PeakRssMiB,8:F1} |");
        return s;
    }
}
