using System.Diagnostics;
using Confluent.Kafka;
using EcgStream.Beats.Wire;
using EcgStream.Detector.Consuming;
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
    private const int Partitions = 4, Patients = 32;
    private const double OfferedRate = 500;

    /// <summary>Runs the command; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var flags = CommandLineFlags.Parse(args, "--model", "--seconds", "--beats", "--device");
        string model = flags.GetString("--model", "models/ecg5000.safetensors")!;
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
        using var reader = new ScoresReader(options, topics.Scores, AutoOffsetReset.Latest);
        var beats = new BenchBeats(Patients, seed: 20240601);

        Console.WriteLine($"warming up ...");
        Produce(producer, topics.Beats, beats, 500, rate: null);
        reader.Collect(500, TimeSpan.FromSeconds(60));

        int offered = (int)(OfferedRate * seconds);
        Console.WriteLine($"latency: {offered} beats at {OfferedRate:F0} beats/s ...");
        Produce(producer, topics.Beats, beats, offered, OfferedRate);
        var latencies = reader.Collect(offered, TimeSpan.FromSeconds(seconds + 60)).Select(d => d.EndToEndMs).Order().ToArray();

        Console.WriteLine($"throughput: {saturating} beats as fast as the producer can send ...");
        var clock = Stopwatch.StartNew();
        Produce(producer, topics.Beats, beats, saturating, rate: null);
        int decided = reader.Collect(saturating, TimeSpan.FromMinutes(10)).Count;
        double throughput = decided / clock.Elapsed.TotalSeconds;
        await app.StopAsync();
        await app.DisposeAsync();

        Console.WriteLine();
        Console.WriteLine($"| measure                                   | value        | target      |");
        Console.WriteLine($"|-------------------------------------------|--------------|-------------|");
        Console.WriteLine($"| sustained throughput through Kafka        | {throughput,8:F0} b/s | >= 2000 b/s |");
        Console.WriteLine($"| end-to-end p50 at {OfferedRate:F0} beats/s              | {Percentile.Of(latencies, 0.50),9:F1} ms |             |");
        Console.WriteLine($"| end-to-end p99 at {OfferedRate:F0} beats/s              | {Percentile.Of(latencies, 0.99),9:F1} ms | <= 50 ms    |");
        Console.WriteLine($"| beats decided / sent (latency phase)      | {latencies.Length,5} / {offered,-5} |             |");
        return decided == saturating && latencies.Length == offered ? 0 : 1;
    }

    private static ProducerConfig WithLinger(ProducerConfig config)
    {
        config.LingerMs ??= 1;
        return config;
    }

    private static void Produce(IProducer<string, byte[]> producer, string topic, BenchBeats beats, int count, double? rate)
    {
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            if (rate is { } perSecond)
            {
                // Paced by the clock, not by sleeps adding up: beat i leaves at i / rate seconds.
                double due = i / perSecond;
                while (clock.Elapsed.TotalSeconds < due) Thread.Sleep(TimeSpan.FromSeconds(Math.Min(0.001, due - clock.Elapsed.TotalSeconds)));
            }
            var beat = beats.Next();
            while (true)
            {
                try
                {
                    producer.Produce(topic, new Message<string, byte[]> { Key = beat.PatientId, Value = BeatWindowCodec.Serialize(beat) });
                    break;
                }
                catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(5));
                }
            }
        }
        producer.Flush(TimeSpan.FromSeconds(30));
    }
}
