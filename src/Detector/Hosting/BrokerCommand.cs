using EcgStream.Detector.Consuming;
using EcgStream.Kafka.Embedded;

namespace EcgStream.Detector.Hosting;

/// <summary><c>broker [--brokers N] [--partitions N]</c>: runs the embedded broker with the detector's topics until Ctrl-C.</summary>
public static class BrokerCommand
{
    /// <summary>Default partitions of each topic: enough for a few detectors in one group.</summary>
    public const int DefaultPartitions = 4;

    /// <summary>Runs the command; returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        var flags = CommandLineFlags.Parse(args, "--brokers", "--partitions");
        int brokers = flags.GetInt("--brokers", 1, min: 1, max: 16);
        int partitions = flags.GetInt("--partitions", DefaultPartitions, min: 1, max: 1024);
        using var broker = EmbeddedBroker.Start(brokers);
        CreateTopics(broker, new TopicsOptions { Scores = "ecg.scores" }, partitions);
        Console.WriteLine($"bootstrap={broker.BootstrapServers}");
        Console.Out.Flush();
        using var stop = new ManualResetEventSlim();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Set(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Set();
        stop.Wait();
        return 0;
    }

    /// <summary>Creates the detector's topics on <paramref name="broker"/>: beats, anomalies, scores (when set) and dead letters.</summary>
    public static void CreateTopics(EmbeddedBroker broker, TopicsOptions topics, int partitions)
    {
        broker.CreateTopic(topics.Beats, partitions);
        broker.CreateTopic(topics.Anomalies, partitions);
        if (topics.Scores is { } scores) broker.CreateTopic(scores, partitions);
        broker.CreateTopic(topics.DeadLetters, partitions);
    }
}
