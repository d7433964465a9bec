using Confluent.Kafka;
using EcgStream.Beats.Tests.Wire;
using EcgStream.Beats.Wire;
using EcgStream.Detector.Producing;
using EcgStream.Detector.Telemetry;
using EcgStream.Integration.Streaming;
using FsCheck.Fluent;
using Microsoft.Extensions.DependencyInjection;

namespace EcgStream.Integration.Reliability.BadInput;

/// <summary>
/// The hostile corpus and FsCheck-generated hostile messages, between valid beats, through the embedded broker into the
/// real detector: every hostile message must come out on the dead-letter topic once, with its reason and its original
/// bytes; every valid beat must still be decided; the detector must stay up and count what it dead-lettered.
/// </summary>
public sealed class HostileInputEndToEndTests
{
    private const int ValidBeats = 200, Generated = 150;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Detector_DeadLettersEveryHostileMessageWithItsReason_AndKeepsScoring()
    {
        using var cluster = TestCluster.Embedded();
        using var stream = new ReliabilityStream(cluster, ValidBeats, partitions: 2);
        var hostile = HostileCorpus.All
            .Concat(HostileMessageGen.Any.Sample(30, new FsCheck.Rnd(20261125, 12345), Generated))
            .ToList();
        await using var detector = await InProcessDetector.StartAsync(stream.Settings(DeliveryGuarantee.AtLeastOnce));
        var app = detector.App;
        await stream.SendAsync(0, ValidBeats / 2, beatsPerSecond: 2000);
        var sent = SendHostile(cluster, stream.BeatsTopic, hostile);
        await stream.SendAsync(ValidBeats / 2, ValidBeats, beatsPerSecond: 2000);

        await stream.Decisions.WaitForAllAsync(Timeout);
        var letters = TopicReader.ReadJson(cluster.Options, stream.DeadLettersTopic, WireJsonContext.Default.DeadLetter, hostile.Count, Timeout);
        var totals = app.Services.GetRequiredService<DetectorMetrics>().Totals();

        Assert.Equal(hostile.Count, sent.Count);
        Assert.True(stream.Ledger.IsComplete, stream.Ledger.ToString());
        Assert.Empty(stream.Ledger.Duplicated());
        Assert.Equal(hostile.Count, letters.Count);
        Assert.Equal(hostile.Count, letters.Select(l => (l.Source.Partition, l.Source.Offset)).Distinct().Count());
        Assert.All(letters, letter =>
        {
            var original = sent[(letter.Source.Partition, letter.Source.Offset)];
            Assert.True(original.Reason == letter.Reason, $"{original}: dead-lettered as {letter.Reason} ({letter.Detail})");
            byte[] value = original.Value ?? [];
            Assert.Equal(value.Length, letter.OriginalValueLength);
            Assert.Equal(value.AsSpan(0, letter.OriginalValue.Length).ToArray(), letter.OriginalValue);
        });
        Assert.Equal(hostile.Count, totals.DeadLettered);
        Assert.Equal(ValidBeats, totals.Scored);
        Assert.False(app.Lifetime.ApplicationStopping.IsCancellationRequested, "the detector stopped itself");
    }

    /// <summary>Sends <paramref name="messages"/> as they are (null keys and values included); returns each by where it landed.</summary>
    private static Dictionary<(int Partition, long Offset), HostileMessage> SendHostile(TestCluster cluster, string topic, List<HostileMessage> messages)
    {
        var landed = new Dictionary<(int, long), HostileMessage>();
        var config = cluster.Options.CreateProducerConfig();
        // The largest corpus messages are about 900 KB; the default limit is 1,000,000 bytes, so leave headroom for the key.
        config.MessageMaxBytes = 2_000_000;
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(config).Build();
        foreach (var message in messages)
        {
            // A message the broker refused is missing from the result, which the caller's count check reports.
            producer.Produce(topic, new Message<byte[]?, byte[]?> { Key = message.Key, Value = message.Value }, report =>
            {
                if (!report.Error.IsError) lock (landed) landed[(report.Partition.Value, report.Offset.Value)] = message;
            });
        }
        while (producer.Flush(TimeSpan.FromSeconds(1)) > 0) { }
        return landed;
    }
}
