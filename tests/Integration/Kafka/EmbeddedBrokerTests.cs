using Confluent.Kafka;
using EcgStream.Kafka;
using EcgStream.Kafka.Embedded;

namespace EcgStream.Integration.Kafka;

public sealed class EmbeddedBrokerTests
{
    [Fact]
    public async Task EmbeddedBroker_DeliversMessage_FromProducerToConsumer()
    {
        using var broker = EmbeddedBroker.Start();
        broker.CreateTopic("roundtrip", partitions: 2);
        var options = new KafkaOptions { BootstrapServers = broker.BootstrapServers };
        using var producer = new ProducerBuilder<string, string>(options.CreateProducerConfig()).Build();
        var consumerConfig = options.CreateConsumerConfig("roundtrip-test");
        consumerConfig.AutoOffsetReset = AutoOffsetReset.Earliest;
        using var consumer = new ConsumerBuilder<string, string>(consumerConfig).Build();

        var delivery = await producer.ProduceAsync("roundtrip", new Message<string, string> { Key = "patient-1", Value = "beat" });
        consumer.Subscribe("roundtrip");
        ConsumeResult<string, string>? record = null;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (record is null && DateTime.UtcNow < deadline) record = consumer.Consume(TimeSpan.FromMilliseconds(200));
        consumer.Close();

        Assert.Equal(PersistenceStatus.Persisted, delivery.Status);
        Assert.NotNull(record);
        Assert.Equal("patient-1", record.Message.Key);
        Assert.Equal("beat", record.Message.Value);
        Assert.Equal(delivery.TopicPartitionOffset, record.TopicPartitionOffset);
    }

    [Fact]
    public void KafkaNativeLibrary_LoadsTheBundledLibrary_NotTheSystemOne()
    {
        string version = KafkaNativeLibrary.EnsureLoaded();

        Assert.Equal("2.16.0", version);
        Assert.StartsWith(AppContext.BaseDirectory, KafkaNativeLibrary.LoadedPath);
        Assert.Contains(Path.GetFileName(KafkaNativeLibrary.LoadedPath)!, KafkaNativeLibrary.LoadedBuild);
    }

    [Fact]
    public void EmbeddedBroker_ListsEveryBroker_InBootstrapServers()
    {
        using var broker = EmbeddedBroker.Start(brokerCount: 3);

        string[] brokers = broker.BootstrapServers.Split(',');

        Assert.Equal(3, brokers.Length);
        Assert.All(brokers, b => Assert.Matches(@"^[\w.\-]+:\d+$", b));
    }

    [Theory]
    [InlineData("BootstrapServers", "bootstrap.servers")]
    [InlineData("SaslMechanism", "sasl.mechanism")]
    [InlineData("SslCaLocation", "ssl.ca.location")]
    [InlineData("sasl.username", "sasl.username")]
    [InlineData("EnableIdempotence", "enable.idempotence")]
    public void KafkaOptions_MapsKey_ToLibrdkafkaName(string key, string expected)
    {
        Assert.Equal(expected, KafkaOptions.ToLibrdkafkaName(key));
    }

    [Fact]
    public void KafkaOptions_AppliesScopedSettings_OnlyToTheirClientKind()
    {
        var options = new KafkaOptions().Load(
        [
            new("BootstrapServers", "b:9092"), new("SecurityProtocol", "sasl_ssl"),
            new("Producer:LingerMs", "7"), new("Consumer:FetchWaitMaxMs", "3"), new("Producer", null),
        ]);

        var producer = options.CreateProducerConfig();
        var consumer = options.CreateConsumerConfig("g");

        Assert.Equal("b:9092", producer.BootstrapServers);
        Assert.Equal("sasl_ssl", consumer.Get("security.protocol"));
        Assert.Equal(7, producer.LingerMs);
        Assert.Null(producer.Get("fetch.wait.max.ms"));
        Assert.Equal(3, consumer.FetchWaitMaxMs);
        Assert.Equal("g", consumer.GroupId);
    }
}
