using System.Diagnostics;
using Confluent.Kafka;
using EcgStream.Detector.Consuming;
using EcgStream.Ingest;
using EcgStream.Ingest.Replay;
using EcgStream.Ingest.Rhythm;
using EcgStream.Ingest.Sources;
using EcgStream.Kafka;
using EcgStream.Kafka.Embedded;

namespace EcgStream.Detector.Hosting;

/// <summary>
/// <c>bench [--model FILE] [--seconds N] [--beats N]</c>: embedded broker, producer and detector on this machine.
/// Prints p50/p99 end-to-end latency at an offered 500 beats/s, then the sustained throughput with the producer
/// sending as fast as it can. End-to-end = the beat's ingest timestamp to its decision being handed to the producer.
/// </summary>
public static class BenchCommand
{
    // 16 partitions: the embedded broker keeps about 5 MB per partition, and the throughput phase's backlog (20,000
    // beats of about 2 KB) must fit, or beats are dropped before the detector reads them.
    private const int Partitions = 16, Patients = 32;
    private const double OfferedRate = 500;

    // Enough beats for tiered compilation to finish optimising the hot paths (a profile of a 500-beat warm-up showed
    // the JIT's background thread at 16% of the process during the throughput phase).
    private const int WarmUpBeats = 3000;

    /// <summary>Runs the command; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var flags = CommandLineFlags.Parse(args, "--model", "--seconds", "--beats", "--device");
        string model = ModelPathResolver.Resolve(flags.GetString("--model", "models/ecg5000.safetensors")!);
        int seconds = flags.GetInt("--seconds", 10, min: 1, max: 600);
        int saturating = flags.GetInt("--beats", 20_000, min: 100, max: 10_000_000);
        if (!File.Exists(model)) throw new CommandLineException($"model file '{model}' does not exist (train one, or pass --model)");

        using var broker = EmbeddedBroker.Start();
        var topics = new TopicsOptions { Scores = "ecg.scores" };
        BrokerCommand.CreateTopics(broker, topics, Partitions);
        var app = DetectorHost.Create([], new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = broker.BootstrapServers, ["Topics:Scores"] = topics.Scores,
            ["Engine:ModelPath"] = model, ["Engine:Device"] = flags.GetString("--device", "auto"),
            ["Urls"] = "http://127.0.0.1:0", ["Logging:LogLevel:Default"] = "Warning", ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        });
        await app.StartAsync();
        var options = new KafkaOptions { BootstrapServers = broker.BootstrapServers };
        using var producer = new ProducerBuilder<string, byte[]>(WithLinger(options.CreateProducerConfig())).Build();
        using var reader = new ScoresReader(options, topics.Scores, AutoOffsetReset.Earliest);
        // The ingest's own replay: synthetic beats over 32 patients, each beat stamped when it is sent.
        var schedule = new BeatSchedule(new SyntheticBeatSource(ReplayOptions.DefaultSyntheticAnomalyFraction, seed: 20240601), Patients, seed: 20240601);

        Console.WriteLine($"warming up: {WarmUpBeats} beats ...");
        Send(producer, topics.Beats, schedule, ReplayPace.Max, WarmUpBeats);
        reader.Collect(WarmUpBeats, TimeSpan.FromSeconds(60));

        int offered = (int)(OfferedRate * seconds);
        Console.WriteLine($"latency: {offered} beats at {OfferedRate:F0} beats/s ...");
        Send(producer, topics.Beats, schedule, ReplayPace.PerSecond(OfferedRate), offered);
        var latencies = reader.Collect(offered, TimeSpan.FromSeconds(seconds + 60)).Select(d => d.EndToEndMs).Order().ToArray();

        Console.WriteLine($"throughput: {saturating} beats as fast as the producer can send ...");
        var clock = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        Send(producer, topics.Beats, schedule, ReplayPace.Max, saturating);
        int decided = reader.Collect(saturating, TimeSpan.FromMinutes(10)).Count;
        double throughput = decided / clock.Elapsed.TotalSeconds;
        // Producer, broker and detector all run in this process, so its CPU time is the whole pipeline's: on a machine
        // shared with other work, beats per CPU-second says what the pipeline costs when the wall clock cannot.
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        await app.StopAsync();
        await app.DisposeAsync();

        Console.WriteLine();
        Console.WriteLine($"| measure                                   | value        | target      |");
        Console.WriteLine($"|-------------------------------------------|--------------|-------------|");
        Console.WriteLine($"| sustained throughput through Kafka        | {throughput,8:F0} b/s | >= 2000 b/s |");
        Console.WriteLine($"| end-to-end p50 at {OfferedRate:F0} beats/s              | {Percentile.Of(latencies, 0.50),9:F1} ms |             |");
        Console.WriteLine($"| end-to-end p99 at {OfferedRate:F0} beats/s              | {Percentile.Of(latencies, 0.99),9:F1} ms | <= 50 ms    |");
        Console.WriteLine($"| beats decided / sent (latency phase)      | {latencies.Length,5} / {offered,-5} |             |");
        Console.WriteLine($"| pipeline cost (throughput phase)          | {decided / cpuSeconds,6:F0} b/cpu-s |             |");
        Console.WriteLine($"| cores; load average at the end            | {Environment.ProcessorCount,2}; {LoadAverage(),-8} |             |");
        return decided == saturating && latencies.Length == offered ? 0 : 1;
    }

    private static ProducerConfig WithLinger(ProducerConfig config)
    {
        config.LingerMs ??= 1;
        return config;
    }

    private static void Send(IProducer<string, byte[]> producer, string topic, BeatSchedule schedule, ReplayPace pace, int count) =>
        new BeatReplayer(producer, topic, "bench", TimeProvider.System).Run(schedule, pace, count, CancellationToken.None);

    // The 1-minute load average (Linux), so a reader can tell a quiet measurement from a crowded one.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
