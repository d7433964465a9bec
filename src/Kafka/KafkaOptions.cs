using System.Text;
using Confluent.Kafka;

namespace EcgStream.Kafka;

/// <summary>
/// librdkafka settings for every client of a process, from the configuration section "Kafka". Each key is passed to
/// librdkafka unchanged in meaning: either its own dotted name (<c>Kafka:sasl.mechanism</c>) or the same name in
/// PascalCase (<c>Kafka:SaslMechanism</c>, <c>Kafka__SaslMechanism</c> in the environment), so SASL/SSL clusters work
/// without code changes. Keys under <c>Kafka:Producer:</c> or <c>Kafka:Consumer:</c> apply to that kind of client only.
/// </summary>
public sealed class KafkaOptions
{
    /// <summary>Configuration section the settings are read from.</summary>
    public const string SectionName = "Kafka";

    /// <summary>Sub-section whose keys apply to producers only.</summary>
    public const string ProducerSection = "Producer";

    /// <summary>Sub-section whose keys apply to consumers only.</summary>
    public const string ConsumerSection = "Consumer";

    /// <summary>Settings for every client, by librdkafka name.</summary>
    public Dictionary<string, string> Common { get; } = new(StringComparer.Ordinal);

    /// <summary>Settings for producers only, by librdkafka name; they override <see cref="Common"/>.</summary>
    public Dictionary<string, string> Producer { get; } = new(StringComparer.Ordinal);

    /// <summary>Settings for consumers only, by librdkafka name; they override <see cref="Common"/>.</summary>
    public Dictionary<string, string> Consumer { get; } = new(StringComparer.Ordinal);

    /// <summary>The brokers to connect to ("bootstrap.servers"). The default is "localhost:9092".</summary>
    public string BootstrapServers
    {
        get => Common.TryGetValue("bootstrap.servers", out string? servers) ? servers : "localhost:9092";
        set => Common["bootstrap.servers"] = value;
    }

    /// <summary>
    /// Adds settings from configuration pairs whose keys are relative to the "Kafka" section
    /// (e.g. "BootstrapServers", "sasl.username", "Producer:LingerMs"). Pairs without a value (section nodes) are skipped.
    /// </summary>
    public KafkaOptions Load(IEnumerable<KeyValuePair<string, string?>> pairs)
    {
        foreach (var (key, value) in pairs)
        {
            if (value is null || key.Length == 0) continue;
            int colon = key.IndexOf(':');
            if (colon < 0) { Common[ToLibrdkafkaName(key)] = value; continue; }
            string scope = key[..colon], name = ToLibrdkafkaName(key[(colon + 1)..]);
            if (scope.Equals(ProducerSection, StringComparison.OrdinalIgnoreCase)) Producer[name] = value;
            else if (scope.Equals(ConsumerSection, StringComparison.OrdinalIgnoreCase)) Consumer[name] = value;
            else throw new ArgumentException($"Kafka:{key}: only Kafka:Producer:* and Kafka:Consumer:* may be nested.", nameof(pairs));
        }
        return this;
    }

    /// <summary>A producer configuration: the common settings, then the producer-only ones.</summary>
    public ProducerConfig CreateProducerConfig() => new(Merge(Producer));

    /// <summary>A consumer configuration for <paramref name="groupId"/>: the common settings, then the consumer-only ones.</summary>
    public ConsumerConfig CreateConsumerConfig(string groupId)
    {
        var settings = Merge(Consumer);
        settings.TryAdd("group.id", groupId);
        return new ConsumerConfig(settings);
    }

    /// <summary>An admin client configuration: the common settings only.</summary>
    public AdminClientConfig CreateAdminConfig() => new(Merge(new Dictionary<string, string>()));

    /// <summary>
    /// Turns a configuration key into librdkafka's name: dotted names are kept (lower-cased), PascalCase names are split
    /// at each capital ("SaslMechanism" → "sasl.mechanism", "BootstrapServers" → "bootstrap.servers").
    /// </summary>
    public static string ToLibrdkafkaName(string key)
    {
        if (key.Contains('.') || key.Contains('_')) return key.ToLowerInvariant();
        var name = new StringBuilder(key.Length + 4);
        for (int i = 0; i < key.Length; i++)
        {
            char c = key[i];
            // A capital starts a new word unless it continues an acronym ("SslCaLocation" has none; "SASLMechanism" keeps "sasl").
            bool startsWord = char.IsUpper(c) && i > 0 && (char.IsLower(key[i - 1]) || (i + 1 < key.Length && char.IsLower(key[i + 1]) && char.IsUpper(key[i - 1])));
            if (startsWord) name.Append('.');
            name.Append(char.ToLowerInvariant(c));
        }
        return name.ToString();
    }

    private Dictionary<string, string> Merge(Dictionary<string, string> specific)
    {
        var merged = new Dictionary<string, string>(Common, StringComparer.Ordinal);
        foreach (var (key, value) in specific) merged[key] = value;
        merged.TryAdd("bootstrap.servers", BootstrapServers);
        return merged;
    }
}
