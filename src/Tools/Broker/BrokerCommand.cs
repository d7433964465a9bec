using EcgStream.Tools.CommandLine;
using EcgStream.Tools.Stack;

namespace EcgStream.Tools.Broker;

/// <summary><c>broker [--brokers N] [--partitions N]</c>: runs the embedded broker with the detector's topics until Ctrl-C.</summary>
public static class BrokerCommand
{
    /// <summary>The command's synopsis, for --help.</summary>
    public const string Usage = """
        broker [--brokers N] [--partitions N]
            Runs the embedded Kafka broker (librdkafka's mock cluster) with the detector's topics until Ctrl-C and prints
            bootstrap=HOST:PORT for the detector and the ingest. Defaults: 1 broker, 4 partitions per topic.
        """;

    /// <summary>Default partitions of each topic: enough for a few detectors in one group.</summary>
    public const int DefaultPartitions = 4;

    /// <summary>Runs the command; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var flags = CommandLineFlags.Parse(args, "--brokers", "--partitions");
        int brokers = flags.GetInt("--brokers", 1, min: 1, max: 16);
        int partitions = flags.GetInt("--partitions", DefaultPartitions, min: 1, max: 1024);
        await using var stack = LocalStack.Start(partitions, brokers);
        Console.WriteLine($"bootstrap={stack.Kafka.BootstrapServers}");
        Console.Out.Flush();
        using var stop = new ManualResetEventSlim();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Set(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Set();
        stop.Wait();
        return 0;
    }
}
