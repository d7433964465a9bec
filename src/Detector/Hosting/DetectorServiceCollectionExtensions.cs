using Confluent.Kafka;
using EcgStream.Beats.Wire;
using EcgStream.Detector.Batching;
using EcgStream.Detector.Consuming;
using EcgStream.Detector.Producing;
using EcgStream.Detector.Scoring;
using EcgStream.Detector.Telemetry;
using EcgStream.Kafka;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EcgStream.Detector.Hosting;

/// <summary>Registers the detector pipeline and its options.</summary>
public static class DetectorServiceCollectionExtensions
{
    // Host shutdown timeout beyond the drain: time to commit offsets and close the Kafka clients.
    private static readonly TimeSpan ClientCloseAllowance = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Adds the options (validated on start), the Kafka clients, the model and engine, the pipeline stages and the
    /// <see cref="DetectorWorker"/>. Needs <c>AddDetectorTelemetry</c> for metrics, readiness and recent anomalies.
    /// </summary>
    public static IServiceCollection AddDetector(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KafkaOptions>()
            .Configure(o => o.Load(configuration.GetSection(KafkaOptions.SectionName).AsEnumerable(makePathsRelative: true)));
        services.AddOptions<TopicsOptions>().BindConfiguration(TopicsOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Beats) && !string.IsNullOrWhiteSpace(o.Anomalies) && !string.IsNullOrWhiteSpace(o.DeadLetters),
                "Topics:Beats, Topics:Anomalies and Topics:DeadLetters must be set")
            .Validate(o => o.Scores is null || o.Scores.Length > 0, "Topics:Scores must be a topic name or absent")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConsumerGroup), "Topics:ConsumerGroup must be set")
            .ValidateOnStart();
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.SectionName)
            .Validate(o => Enum.IsDefined(o.DeliveryGuarantee), "Detector:DeliveryGuarantee must be AtLeastOnce or ExactlyOnce")
            .Validate(o => o.TransactionInterval > TimeSpan.Zero && o.TransactionInterval <= TimeSpan.FromSeconds(10), "Detector:TransactionInterval must be above 0 and at most 10 s")
            .Validate(o => o.TransactionalId is null || o.TransactionalId.Length > 0, "Detector:TransactionalId must be a name or absent")
            .Validate(o => o.DrainTimeout >= TimeSpan.FromSeconds(1) && o.DrainTimeout <= TimeSpan.FromMinutes(10), "Detector:DrainTimeout must be 1 s..10 min")
            .ValidateOnStart();
        services.AddOptions<BatchingOptions>().BindConfiguration(BatchingOptions.SectionName)
            .Validate(o => o.MaxBatchSize is >= 1 and <= 4096, "Batching:MaxBatchSize must be 1..4096")
            .Validate(o => o.MaxDelay >= TimeSpan.Zero && o.MaxDelay <= TimeSpan.FromSeconds(1), "Batching:MaxDelay must be 0..1 s")
            .Validate(o => o.ChannelCapacity >= 1, "Batching:ChannelCapacity must be at least 1")
            .Validate(o => o.PauseAfter >= TimeSpan.Zero && o.PauseAfter <= TimeSpan.FromMinutes(1), "Batching:PauseAfter must be 0..60 s")
            .Validate(o => o.MaxMessageBytes is >= 1024 and <= 16 * 1024 * 1024, "Batching:MaxMessageBytes must be 1 KiB..16 MiB")
            .ValidateOnStart();
        services.AddOptions<EngineOptions>().BindConfiguration(EngineOptions.SectionName)
            .Validate(o => File.Exists(o.ModelPath), "Engine:ModelPath must name an existing model file")
            .Validate(o => Model.Inference.InferenceEngineFactory.TryParseDevice(o.Device, out _), $"Engine:Device must be one of {Model.Inference.InferenceEngineFactory.DeviceChoices}")
            .Validate(o => o.Threads >= 0, "Engine:Threads must be 0 (one per core) or more")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<KafkaClientFactory>();
        services.AddScoringModel();
        services.AddSingleton(sp => new BeatWindowCodec(
            sp.GetRequiredService<ScoringModel>().SamplesPerBeat, sp.GetRequiredService<IOptions<BatchingOptions>>().Value.MaxMessageBytes));
        // The host waits for the drain, plus time to commit and close the Kafka clients, before it gives up on the worker
        // (a longer shutdown timeout set in configuration is kept).
        services.AddOptions<HostOptions>().PostConfigure<IOptions<DeliveryOptions>>((host, delivery) =>
        {
            var needed = delivery.Value.DrainTimeout + ClientCloseAllowance;
            if (host.ShutdownTimeout < needed) host.ShutdownTimeout = needed;
        });
        services.AddSingleton<DrainDeadline>();
        services.AddSingleton<EngineActivity>();
        services.AddSingleton<IResultDelivery>(ChooseDelivery);
        services.AddSingleton<BeatConsumer>();
        services.AddSingleton<Batcher>();
        services.AddSingleton<Scorer>();
        services.AddSingleton<ResultRecords>();
        services.AddSingleton<ResultWriter>();
        services.AddHostedService<DetectorWorker>();
        return services;
    }

    // The one place the delivery guarantee is looked at: the consume loop and the result writer only see the interface.
    // The delivery is given a factory, not a producer: it owns its producer and disposes it when the writer's stage
    // ends, never the host (disposing a producer under a blocked transactional call hangs both).
    private static IResultDelivery ChooseDelivery(IServiceProvider services)
    {
        var clients = services.GetRequiredService<KafkaClientFactory>();
        return services.GetRequiredService<IOptions<DeliveryOptions>>().Value.IsExactlyOnce
            ? ActivatorUtilities.CreateInstance<TransactionalDelivery>(services, (Func<IProducer<byte[]?, byte[]>>)clients.CreateTransactionalProducer)
            : ActivatorUtilities.CreateInstance<AtLeastOnceDelivery>(services, (Func<IProducer<byte[]?, byte[]>>)clients.CreateProducer);
    }
}
