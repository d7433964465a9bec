namespace EcgStream.Kafka.Embedded;

/// <summary>One request an embedded broker received while request tracking was on.</summary>
/// <param name="BrokerId">The broker that received it (1 to the broker count).</param>
/// <param name="ApiKey">Its request type; a type <see cref="KafkaApiKey"/> does not name keeps its number.</param>
/// <param name="TimestampMicroseconds">When it arrived, on librdkafka's monotonic clock: compare two of them, not with wall time.</param>
public sealed record TrackedRequest(int BrokerId, KafkaApiKey ApiKey, long TimestampMicroseconds);
