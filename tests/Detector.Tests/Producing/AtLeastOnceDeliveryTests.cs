using System.Threading.Channels;
using Confluent.Kafka;
using EcgStream.Detector.Pipeline;
using EcgStream.Detector.Producing;
using EcgStream.Detector.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EcgStream.Detector.Tests.Producing;

public sealed class AtLeastOnceDeliveryTests : IDisposable
{
    private static readonly TopicPartitionOffset Position = new("ecg.beats", 0, 42);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly Channel<TopicPartitionOffset> _done = Channel.CreateUnbounded<TopicPartitionOffset>();
    private readonly DrainDeadline _drain = new(Options.Create(new DeliveryOptions { DrainTimeout = TimeSpan.FromMilliseconds(300) }), TimeProvider.System);
    private readonly StoppingLifetime _lifetime = new();

    private AtLeastOnceDelivery Create() => new(NoBroker.Producer, _drain,
        new DetectorMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()), NullLogger<AtLeastOnceDelivery>.Instance, _lifetime);

    private static OutputRecord Record() => new("ecg.anomalies", new Message<byte[]?, byte[]> { Key = "patient-1"u8.ToArray(), Value = "{}"u8.ToArray() });

    private static BeatEnvelope Beat(int epoch) => new() { Position = Position, Epoch = epoch, ConsumedTimestamp = 0 };

    private List<TopicPartitionOffset> Done()
    {
        var done = new List<TopicPartitionOffset>();
        while (_done.Reader.TryRead(out var position)) done.Add(position);
        return done;
    }

    [Fact]
    public async Task AtLeastOnceDelivery_MarksABeatDone_AtOnce_WhenItNeedsNoWrite()
    {
        var delivery = Create();

        await delivery.WriteAsync(Position, [], _done.Writer);

        Assert.Equal([Position], Done());
        _drain.Start();
        await delivery.CloseAsync(_done.Writer);
    }

    [Fact]
    public async Task AtLeastOnceDelivery_LeavesABeatUndone_WhenTheDrainEndsBeforeItsWritesAreAcknowledged()
    {
        var delivery = Create();
        await delivery.WriteAsync(Position, [Record(), Record()], _done.Writer);

        _drain.Start();
        await delivery.CloseAsync(_done.Writer);

        Assert.Empty(Done());
        Assert.True(_drain.RanOut);
        Assert.True(_done.Reader.Completion.IsCompleted);
        Assert.False(_lifetime.StopRequested);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public async Task AtLeastOnceDelivery_AdmitsEveryBeat_WhateverItsEpoch(int epoch)
    {
        var delivery = Create();

        bool admitted = await delivery.BeginBatchAsync() && delivery.Admit(Beat(epoch));

        Assert.True(admitted);
        _drain.Start();
        await delivery.CloseAsync(_done.Writer);
    }

    [Fact]
    public async Task AtLeastOnceDelivery_NeverRewinds_AndHasNothingToSettle()
    {
        var delivery = Create();
        using var consumer = NoBroker.Consumer();

        Assert.Null(delivery.RequestedRewind(consumer));
        Assert.Null(delivery.RewindOnLeave(consumer, [Position.TopicPartition]));
        Assert.Null(delivery.SettleWithin);
        _drain.Start();
        await delivery.CloseAsync(_done.Writer);
    }

    public void Dispose() => _services.Dispose();
}
