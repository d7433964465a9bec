using Confluent.Kafka;
using EcgStream.Ingest.Replay;
using EcgStream.Ingest.Rhythm;
using EcgStream.Ingest.Sources;
using EcgStream.Tools.Stack;

namespace EcgStream.Tools.Tests.Stack;

public sealed class LocalStackTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Start_CreatesEveryTopicTheDetectorUses_WithTheGivenPartitions(int partitions)
    {
        await using var stack = LocalStack.Start(partitions);

        using var admin = new AdminClientBuilder(stack.Kafka.CreateAdminConfig()).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        foreach (string topic in new[] { stack.Topics.Beats, stack.Topics.Anomalies, stack.Topics.Scores!, stack.Topics.DeadLetters })
            Assert.Equal(partitions, metadata.Topics.Single(t => t.Topic == topic).Partitions.Count);
    }

    [Fact]
    public async Task CreateReplayer_SendsBeatsToTheBeatsTopic_AndTheBrokerAcknowledgesEach()
    {
        await using var stack = LocalStack.Start(partitions: 2);
        var replayer = stack.CreateReplayer("test");
        var schedule = new BeatSchedule(new SyntheticBeatSource(0.2, seed: 5), patients: 3, seed: 5);

        replayer.Run(schedule, ReplayPace.Max, limit: 25, CancellationToken.None);

        Assert.Equal((25, 25, 0), (replayer.Counters.Sent, replayer.Counters.Delivered, replayer.Counters.Failed));
    }

    [Fact]
    public async Task CreateReplayer_SendsItsFullLimit_WhenAnEarlierReplayerHasSentBeats()
    {
        await using var stack = LocalStack.Start(partitions: 2);
        var schedule = new BeatSchedule(new SyntheticBeatSource(0.2, seed: 5), patients: 3, seed: 5);
        stack.CreateReplayer("test").Run(schedule, ReplayPace.Max, limit: 30, CancellationToken.None);
        var second = stack.CreateReplayer("test");

        second.Run(schedule, ReplayPace.Max, limit: 10, CancellationToken.None);

        Assert.Equal((10, 10), (second.Counters.Sent, second.Counters.Delivered));
    }

    [Fact]
    public async Task ReadScores_ReturnsNothing_WhenTheDetectorHasDecidedNothing()
    {
        await using var stack = LocalStack.Start(partitions: 1);
        var reader = stack.ReadScores();

        var decision = reader.Read(TimeSpan.FromMilliseconds(500));

        Assert.Null(decision);
    }
}
