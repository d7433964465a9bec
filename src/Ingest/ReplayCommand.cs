using Confluent.Kafka;
using EcgStream.Beats.Ecg5000;
using EcgStream.Ingest.Replay;
using EcgStream.Ingest.Rhythm;

namespace EcgStream.Ingest;

/// <summary><c>replay [options]</c>: checks the options, the data and the broker, then replays with a progress line every second until done or Ctrl-C.</summary>
public static class ReplayCommand
{
    /// <summary>How long to wait for the broker's metadata before saying it cannot be reached.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs the command; returns the exit code: 0 all delivered, 1 some failed, 2 usage or data error, 3 broker or topic unusable.</summary>
    public static int Run(ReplayOptions options, TextWriter output, TextWriter errors, CancellationToken cancellation)
    {
        string source;
        BeatSchedule schedule;
        try
        {
            var beats = options.CreateSource();
            source = beats.Description;
            schedule = new BeatSchedule(beats, options.Patients, options.Seed);
        }
        catch (Ecg5000FormatException e)
        {
            errors.WriteLine($"error: {e.Message}");
            return 2;
        }
        if (CheckTopic(options) is { } problem)
        {
            errors.WriteLine($"error: {problem}");
            return 3;
        }

        var config = options.Kafka.CreateProducerConfig();
        // Idempotence keeps each patient's beats in order through the producer's own retries.
        config.EnableIdempotence ??= true;
        config.LingerMs ??= 5;
        // A broker that goes away fails the replay in 30 s instead of librdkafka's default 5 minutes.
        config.MessageTimeoutMs ??= 30_000;
        string? lastError = null;
        using var producer = new ProducerBuilder<string, byte[]>(config)
            // librdkafka logs every reconnect attempt; failures reach the user through the progress line and this handler.
            .SetLogHandler((_, _) => { })
            .SetErrorHandler((_, e) => { if (e.Reason != lastError) errors.WriteLine($"kafka: {lastError = e.Reason}"); })
            .Build();
        var replayer = new BeatReplayer(producer, options.Topic, RunId(), TimeProvider.System);
        output.WriteLine($"replaying {source} as {options.Patients} patients to {options.Topic} at {options.Kafka.BootstrapServers}, " +
                         $"{options.Pace} (natural rate {schedule.NaturalRateBeatsPerSecond:F1} beats/s){(options.Limit is { } n ? $", {n} beats" : "")}");
        var progress = new ReplayProgress(replayer.Counters, TimeProvider.System);
        var replay = Task.Factory.StartNew(() => replayer.Run(schedule, options.Pace, options.Limit, cancellation),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        // The replay watches the token itself and ends; waiting on it here too would leave the summary unprinted.
        while (!replay.Wait(TimeSpan.FromSeconds(1), CancellationToken.None)) output.WriteLine(progress.Next());
        replay.GetAwaiter().GetResult();
        output.WriteLine(progress.Next());
        var counters = replayer.Counters;
        long unacknowledged = counters.Sent - counters.Delivered - counters.Failed;
        output.WriteLine($"done: {counters.Sent} sent, {counters.Delivered} delivered, {counters.Failed} failed" +
                         (unacknowledged > 0 ? $", {unacknowledged} not acknowledged within {BeatReplayer.FlushTimeout.TotalSeconds:F0} s" : ""));
        return counters.Failed == 0 && unacknowledged == 0 ? 0 : 1;
    }

    /// <summary>A short id that makes beat ids unique across runs.</summary>
    private static string RunId() => Guid.NewGuid().ToString("N")[..8];

    private static string? CheckTopic(ReplayOptions options)
    {
        try
        {
            using var admin = new AdminClientBuilder(options.Kafka.CreateAdminConfig()).SetLogHandler((_, _) => { }).Build();
            var topic = admin.GetMetadata(options.Topic, ConnectTimeout).Topics.SingleOrDefault(t => t.Topic == options.Topic);
            if (topic is null || topic.Error.Code == ErrorCode.UnknownTopicOrPart || topic.Partitions.Count == 0)
                return $"topic '{options.Topic}' does not exist on {options.Kafka.BootstrapServers} (create it, or run the tools' embedded broker: dotnet run --project src/Tools -- broker)";
            return topic.Error.IsError ? $"topic '{options.Topic}': {topic.Error.Reason}" : null;
        }
        catch (KafkaException e)
        {
            return $"cannot reach Kafka at {options.Kafka.BootstrapServers} within {ConnectTimeout.TotalSeconds:F0} s: {e.Error.Reason}";
        }
    }

}
