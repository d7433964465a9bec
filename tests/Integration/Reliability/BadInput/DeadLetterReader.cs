using System.Text.Json;
using Confluent.Kafka;
using EcgStream.Beats.Wire;
using EcgStream.Integration.Streaming;

namespace EcgStream.Integration.Reliability.BadInput;

/// <summary>Reads dead letters from the start of a topic.</summary>
public static class DeadLetterReader
{
    // How long to read on after the expected count arrived, so that duplicates would be seen.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    /// <summary>Reads until <paramref name="expected"/> letters arrived and then a little longer, or until <paramref name="timeout"/>.</summary>
    public static List<DeadLetter> Read(TestCluster cluster, string topic, int expected, TimeSpan timeout)
    {
        var config = cluster.Options.CreateConsumerConfig($"dlq-reader-{Guid.NewGuid():N}");
        config.AutoOffsetReset = AutoOffsetReset.Earliest;
        config.EnableAutoCommit = false;
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(config).Build();
        consumer.Subscribe(topic);
        var letters = new List<DeadLetter>();
        var deadline = DateTime.UtcNow + timeout;
        DateTime? settled = null;
        while (DateTime.UtcNow < deadline && (settled is null || DateTime.UtcNow < settled))
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (record?.Message?.Value is not { } value) continue;
            letters.Add(JsonSerializer.Deserialize(value, WireJsonContext.Default.DeadLetter)!);
            if (letters.Count >= expected) settled ??= DateTime.UtcNow + Settle;
        }
        consumer.Close();
        return letters;
    }
}
