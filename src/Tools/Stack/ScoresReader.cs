using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using EcgStream.Beats.Wire;
using EcgStream.Kafka;

namespace EcgStream.Tools.Stack;

/// <summary>Reads the detector's decisions back from the scores topic, for the demo's and the benchmark's figures.</summary>
public sealed class ScoresReader : IDisposable
{
    private readonly IConsumer<byte[]?, byte[]> _consumer;

    /// <summary>Subscribes a fresh group to <paramref name="topic"/>, starting at <paramref name="start"/> of each partition.</summary>
    public ScoresReader(KafkaOptions options, string topic, AutoOffsetReset start)
    {
        var config = options.CreateConsumerConfig($"scores-reader-{Guid.NewGuid():N}");
        config.AutoOffsetReset = start;
        // Decisions are read as they come; a long fetch wait would show up as latency in the live line.
        config.FetchWaitMaxMs = 10;
        _consumer = new ConsumerBuilder<byte[]?, byte[]>(config).SetLogHandler((_, _) => { }).Build();
        _consumer.Subscribe(topic);
    }

    /// <summary>The next decision, or null when none came within <paramref name="timeout"/>.</summary>
    public ScoredBeat? Read(TimeSpan timeout)
    {
        var record = _consumer.Consume(timeout);
        return record?.Message is null ? null : JsonSerializer.Deserialize(record.Message.Value, WireJsonContext.Default.ScoredBeat);
    }

    /// <summary>
    /// Reads until <paramref name="count"/> decisions have come, <paramref name="timeout"/> has passed, or none has come
    /// for <see cref="IdleTimeout"/> (beats lost on the way would otherwise hold the caller for the whole timeout).
    /// </summary>
    public List<ScoredBeat> Collect(int count, TimeSpan timeout)
    {
        var decisions = new List<ScoredBeat>(count);
        var clock = Stopwatch.StartNew();
        var idle = Stopwatch.StartNew();
        while (decisions.Count < count && clock.Elapsed < timeout && idle.Elapsed < IdleTimeout)
        {
            if (Read(TimeSpan.FromMilliseconds(100)) is not { } decision) continue;
            decisions.Add(decision);
            idle.Restart();
        }
        return decisions;
    }

    /// <summary>How long <see cref="Collect"/> waits without a decision before it gives up.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Leaves the group.</summary>
    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }
}
