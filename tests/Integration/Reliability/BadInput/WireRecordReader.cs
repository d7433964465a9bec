using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Confluent.Kafka;
using EcgStream.Integration.Streaming;

namespace EcgStream.Integration.Reliability.BadInput;

/// <summary>Reads a topic of JSON wire records (dead letters, scored beats) from the start.</summary>
public static class WireRecordReader
{
    // How long to read on after the expected count arrived, so that duplicates would be seen.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    /// <summary>Reads until <paramref name="expected"/> records arrived and then a little longer, or until <paramref name="timeout"/>.</summary>
    public static List<T> Read<T>(TestCluster cluster, string topic, JsonTypeInfo<T> type, int expected, TimeSpan timeout)
    {
        var config = cluster.Options.CreateConsumerConfig($"wire-reader-{Guid.NewGuid():N}");
        config.AutoOffsetReset = AutoOffsetReset.Earliest;
        config.EnableAutoCommit = false;
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(config).Build();
        consumer.Subscribe(topic);
        var records = new List<T>();
        var deadline = DateTime.UtcNow + timeout;
        DateTime? settled = null;
        while (DateTime.UtcNow < deadline && (settled is null || DateTime.UtcNow < settled))
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (record?.Message?.Value is not { } value) continue;
            records.Add(JsonSerializer.Deserialize(value, type)!);
            if (records.Count >= expected) settled ??= DateTime.UtcNow + Settle;
        }
        consumer.Close();
        return records;
    }
}
