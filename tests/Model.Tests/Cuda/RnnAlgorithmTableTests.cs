using EcgStream.Model.Cuda;

namespace EcgStream.Model.Tests.Cuda;

public sealed class RnnAlgorithmTableTests
{
    private const CudaRnnAlgorithm Standard = CudaRnnAlgorithm.Standard;
    private const CudaRnnAlgorithm Persist = CudaRnnAlgorithm.PersistStatic;
    private const CudaRnnAlgorithm SmallH = CudaRnnAlgorithm.PersistStaticSmallH;

    // Standard is flat near 5 ms up to 1024 beats; small-h wins small batches and loses at 8192, as the issue expects.
    private static readonly RnnAlgorithmMeasurement[] Typical =
    [
        new(Standard, 1, 5.1), new(Persist, 1, 1.9), new(SmallH, 1, 0.4),
        new(Standard, 8, 5.2), new(Persist, 8, 2.0), new(SmallH, 8, 0.5),
        new(Standard, 64, 5.3), new(Persist, 64, 2.4), new(SmallH, 64, 0.9),
        new(Standard, 256, 5.6), new(Persist, 256, 4.0), new(SmallH, 256, 2.1),
        new(Standard, 1024, 7.9), RnnAlgorithmMeasurement.Unsupported(Persist, 1024), new(SmallH, 1024, 6.0),
        new(Standard, 8192, 28.0), RnnAlgorithmMeasurement.Unsupported(Persist, 8192), new(SmallH, 8192, 41.0),
    ];

    [Fact]
    public void Build_ChoosesFastestAlgorithm_PerBucket()
    {
        var table = RnnAlgorithmTable.Build(Typical);

        Assert.Equal([1, 8, 64, 256, 1024, 8192], table.Buckets);
        Assert.Equal(SmallH, table.AlgorithmFor(1));
        Assert.Equal(SmallH, table.AlgorithmFor(64));
        Assert.Equal(SmallH, table.AlgorithmFor(1024));
        Assert.Equal(Standard, table.AlgorithmFor(8192));
    }

    [Fact]
    public void Build_PrefersLowerEnumValue_WhenTimesTie()
    {
        RnnAlgorithmMeasurement[] measurements = [new(SmallH, 64, 1.0), new(Persist, 64, 1.0), new(Standard, 64, 1.0)];

        var table = RnnAlgorithmTable.Build(measurements);

        Assert.Equal(Standard, table.AlgorithmFor(64));
    }

    [Fact]
    public void Build_IgnoresUnsupported_EvenWhenListedFirst()
    {
        RnnAlgorithmMeasurement[] measurements = [RnnAlgorithmMeasurement.Unsupported(SmallH, 8), new(Standard, 8, 9.0), new(Persist, 8, 3.0)];

        var table = RnnAlgorithmTable.Build(measurements);

        Assert.Equal(Persist, table.AlgorithmFor(8));
    }

    [Fact]
    public void Build_ChoosesStandard_WhenEveryAlgorithmIsUnsupported()
    {
        RnnAlgorithmMeasurement[] measurements = [RnnAlgorithmMeasurement.Unsupported(SmallH, 1), RnnAlgorithmMeasurement.Unsupported(Persist, 1)];

        var table = RnnAlgorithmTable.Build(measurements);

        Assert.Equal(Standard, table.AlgorithmFor(1));
        Assert.Contains("no algorithm supported", table.ToLogText());
    }

    [Fact]
    public void Build_Throws_WhenThereAreNoMeasurements()
    {
        var e = Assert.Throws<ArgumentException>(() => RnnAlgorithmTable.Build([]));

        Assert.Contains("at least one measurement", e.Message);
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(-8, 1.0)]
    [InlineData(8, double.NaN)]
    [InlineData(8, double.PositiveInfinity)]
    [InlineData(8, -0.5)]
    public void Build_Throws_ForBadBucketOrTime(int bucket, double milliseconds)
    {
        RnnAlgorithmMeasurement[] measurements = [new(Standard, bucket, milliseconds)];

        Assert.Throws<ArgumentException>(() => RnnAlgorithmTable.Build(measurements));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 8)]
    [InlineData(8, 8)]
    [InlineData(9, 64)]
    [InlineData(64, 64)]
    [InlineData(65, 256)]
    [InlineData(1024, 1024)]
    [InlineData(1025, 8192)]
    [InlineData(8192, 8192)]
    [InlineData(8193, 8192)]
    [InlineData(65536, 8192)]
    public void BucketOf_ReturnsSmallestBucketAtLeastBatch_OrLargest(int batch, int expected)
    {
        var table = RnnAlgorithmTable.Build(Typical);

        Assert.Equal(expected, table.BucketOf(batch));
    }

    [Fact]
    public void AlgorithmFor_UsesTheBatchsBucket_AtBucketEdges()
    {
        RnnAlgorithmMeasurement[] measurements = [new(SmallH, 8, 1.0), new(Standard, 8, 2.0), new(SmallH, 64, 3.0), new(Standard, 64, 2.0)];
        var table = RnnAlgorithmTable.Build(measurements);

        Assert.Equal(SmallH, table.AlgorithmFor(8));
        Assert.Equal(Standard, table.AlgorithmFor(9));
        Assert.Equal(SmallH, table.AlgorithmFor(1));
        Assert.Equal(Standard, table.AlgorithmFor(1000));
    }

    [Fact]
    public void BucketOf_Throws_ForBatchBelowOne()
    {
        var table = RnnAlgorithmTable.Build(Typical);

        Assert.Throws<ArgumentOutOfRangeException>(() => table.BucketOf(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.AlgorithmFor(-1));
    }

    [Fact]
    public void ToLogText_WritesOneLinePerBucket_WithChoiceAndTime()
    {
        var table = RnnAlgorithmTable.Build(Typical);

        string[] lines = table.ToLogText().Split('\n');

        Assert.Equal(6, lines.Length);
        Assert.Equal("rnn auto: batch ≤ 1: small-h (0.4 ms)", lines[0]);
        Assert.Equal("rnn auto: batch ≤ 8192: standard (28 ms)", lines[5]);
    }

    [Fact]
    public void DefaultBuckets_AreTheIssuesBatchSizes()
    {
        Assert.Equal([1, 8, 64, 256, 1024, 8192], RnnAlgorithmTable.DefaultBuckets);
    }
}
