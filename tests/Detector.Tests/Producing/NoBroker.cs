using Confluent.Kafka;

namespace EcgStream.Detector.Tests.Producing;

/// <summary>Real librdkafka clients pointed at a port nothing listens on: they queue writes and never get an answer.</summary>
internal static class NoBroker
{
    private const string Bootstrap = "127.0.0.1:1";

    /// <summary>A producer whose writes are never acknowledged.</summary>
    public static IProducer<byte[]?, byte[]> Producer() =>
        new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = Bootstrap })
            .SetLogHandler((_, _) => { })
            .SetErrorHandler((_, _) => { })
            .Build();

    /// <summary>A consumer that never gets an assignment.</summary>
    public static IConsumer<byte[]?, byte[]?> Consumer() =>
        new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig { BootstrapServers = Bootstrap, GroupId = "no-broker" })
            .SetLogHandler((_, _) => { })
            .SetErrorHandler((_, _) => { })
            .Build();
}
