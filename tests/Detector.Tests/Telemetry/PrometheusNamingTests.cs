using EcgStream.Detector.Telemetry;
using OpenTelemetry.Metrics;

namespace EcgStream.Detector.Tests.Telemetry;

public sealed class PrometheusNamingTests
{
    [Theory]
    [InlineData("ecgstream.beats.scored", "{beat}", MetricType.LongSum, "ecgstream_beats_scored_total")]
    [InlineData("ecgstream.end_to_end.latency", "s", MetricType.Histogram, "ecgstream_end_to_end_latency_seconds")]
    [InlineData("dotnet.gc.heap.total_allocated", "By", MetricType.LongSum, "dotnet_gc_heap_total_allocated_bytes_total")]
    [InlineData("ecgstream.channel.depth", "{beat}", MetricType.LongGauge, "ecgstream_channel_depth")]
    [InlineData("cpu.utilization", "1", MetricType.DoubleGauge, "cpu_utilization_ratio")]
    [InlineData("requests", "1", MetricType.LongSum, "requests_total")]
    [InlineData("throughput", "By/s", MetricType.DoubleGauge, "throughput_bytes_per_second")]
    [InlineData("wait_seconds", "s", MetricType.Histogram, "wait_seconds")]
    [InlineData("errors_total", null, MetricType.LongSum, "errors_total")]
    [InlineData("queue.items", "{item}", MetricType.LongSumNonMonotonic, "queue_items")]
    [InlineData("dotnet.timer.count", "{timer}", MetricType.LongSumNonMonotonic, "dotnet_timer_count_current")]
    [InlineData("dotnet.gc.count", "{collection}", MetricType.LongSum, "dotnet_gc_count_total")]
    public void MetricName_FollowsPrometheusConventions_ForUnitAndType(string instrument, string? unit, MetricType type, string expected)
    {
        string name = PrometheusNaming.MetricName(instrument, unit, type);

        Assert.Equal(expected, name);
    }

    [Theory]
    [InlineData("gc.heap.generation", "gc_heap_generation")]
    [InlineData("9lives", "_9lives")]
    [InlineData("a--b..c", "a_b_c")]
    [InlineData("__reserved", "_reserved")]
    public void LabelName_IsValid_ForAnyTagKey(string key, string expected)
    {
        string label = PrometheusNaming.LabelName(key);

        Assert.Equal(expected, label);
    }
}
