using EcgStream.Detector.Telemetry;

namespace EcgStream.Detector.Tests.Telemetry;

public sealed class RecentAnomaliesTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(3, 2)]
    [InlineData(12, 40)]
    public void Since_ReturnsNewestFirst_KeepingAtMostCapacity(int capacity, int added)
    {
        var ring = new RecentAnomalies(capacity);

        for (int i = 1; i <= added; i++) ring.Add(Anomaly(i));
        var kept = ring.Since();

        var expected = Enumerable.Range(1, added).Reverse().Take(capacity).Select(i => (long)i).ToArray();
        Assert.Equal(expected, kept.Select(a => a.Sequence).ToArray());
        Assert.Equal(expected.Select(i => i.ToString()), kept.Select(a => a.Anomaly.BeatId));
    }

    [Fact]
    public void Since_ReturnsOnlyNewer_WhenGivenASequence()
    {
        var ring = new RecentAnomalies(10);
        for (int i = 1; i <= 6; i++) ring.Add(Anomaly(i));

        var newer = ring.Since(afterSequence: 4);

        Assert.Equal([6L, 5L], newer.Select(a => a.Sequence));
    }

    [Fact]
    public void Add_KeepsEveryAnomalyCounted_WhenCalledFromManyThreads()
    {
        var ring = new RecentAnomalies(8);

        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => ring.Add(Anomaly(i)));
        var kept = ring.Since();

        Assert.Equal(4000, ring.TotalAdded);
        Assert.Equal([4000L, 3999, 3998, 3997, 3996, 3995, 3994, 3993], kept.Select(a => a.Sequence));
    }

    [Fact]
    public void Constructor_Rejects_ZeroCapacity()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecentAnomalies(0));
    }

    private static AnomalySnapshot Anomaly(int id) => new()
    {
        BeatId = id.ToString(),
        Source = "ecg.beats[0]@" + id,
        DetectedAt = DateTimeOffset.UnixEpoch.AddSeconds(id),
        Score = 40f,
        Threshold = 25f,
        ModelVersion = "test",
        Samples = [0f, 1f],
        Reconstruction = [0f, 0.5f],
    };
}
