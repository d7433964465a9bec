using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Confluent.Kafka;
using EcgStream.Kafka;

namespace EcgStream.TestSupport;

/// <summary>
/// Reads a topic back from its start with a consumer group of its own (read_committed, librdkafka's default, so aborted
/// transactions are never seen): N records, until a condition holds, or until the topic goes quiet.
/// </summary>
public static class TopicReader
{
    /// <summary>How long <see cref="Read{T}(KafkaOptions, string, int, TimeSpan, Func{byte[], T})"/> reads on after the expected count, so duplicates would be seen.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    // One Consume call's wait: short, so the deadlines are kept to about this much.
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Reads until <paramref name="expected"/> values arrived and then <see cref="Settle"/> longer, or until <paramref name="timeout"/>.</summary>
    public static List<T> Read<T>(KafkaOptions kafka, string topic, int expected, TimeSpan timeout, Func<byte[], T> parse) =>
        ReadUntil(kafka, topic, records => records.Count >= expected, timeout, message => parse(message.Value), Settle);

    /// <summary>As <see cref="Read{T}(KafkaOptions, string, int, TimeSpan, Func{byte[], T})"/>, for JSON wire records (dead letters, scored beats, events).</summary>
    public static List<T> ReadJson<T>(KafkaOptions kafka, string topic, JsonTypeInfo<T> type, int expected, TimeSpan timeout) =>
        Read(kafka, topic, expected, timeout, value => JsonSerializer.Deserialize(value, type)!);

    /// <summary>
    /// Reads records, each turned into a <typeparamref name="T"/> by <paramref name="parse"/> as it arrives, until
    /// <paramref name="done"/> holds for those read so far and then <paramref name="settle"/> longer; or until
    /// <paramref name="timeout"/> passes; or, with <paramref name="quiet"/>, until no record came for that long.
    /// </summary>
    public static List<T> ReadUntil<T>(KafkaOptions kafka, string topic, Func<IReadOnlyList<T>, bool> done, TimeSpan timeout,
        Func<Message<byte[]?, byte[]>, T> parse, TimeSpan settle = default, TimeSpan? quiet = null)
    {
        var config = kafka.CreateConsumerConfig($"topic-reader-{Guid.NewGuid():N}");
        config.AutoOffsetReset = AutoOffsetReset.Earliest;
        config.EnableAutoCommit = false;
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(config).Build();
        consumer.Subscribe(topic);
        var records = new List<T>();
        var deadline = DateTime.UtcNow + timeout;
        var lastRecord = DateTime.UtcNow;
        DateTime? settled = done(records) ? DateTime.UtcNow + settle : null;
        while (DateTime.UtcNow < deadline && (settled is null || DateTime.UtcNow < settled) && (quiet is null || DateTime.UtcNow - lastRecord < quiet))
        {
            var record = consumer.Consume(Poll);
            if (record?.Message?.Value is null) continue;
            lastRecord = DateTime.UtcNow;
            records.Add(parse(record.Message));
            if (settled is null && done(records)) settled = DateTime.UtcNow + settle;
        }
        consumer.Close();
        return records;
    }
}
