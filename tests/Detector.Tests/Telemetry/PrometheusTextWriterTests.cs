using System.Diagnostics.Metrics;
using EcgStream.Detector.Telemetry;

namespace EcgStream.Detector.Tests.Telemetry;

public sealed class PrometheusTextWriterTests
{
    [Fact]
    public void Write_EmitsCounterWithTotalSuffix_HelpAndType()
    {
        string meterName = MetricsScrape.UniqueMeterName();
        using var scrape = new MetricsScrape(meterName);
        using var meter = new Meter(meterName);
        meter.CreateCounter<long>("test.beats.scored", "{beat}", "Beats scored.").Add(7);

        string text = scrape.Text();

        Assert.Equal(
            "# HELP test_beats_scored_total Beats scored.\n# TYPE test_beats_scored_total counter\ntest_beats_scored_total 7\n",
            text);
    }

    [Fact]
    public void Write_EmitsCumulativeBuckets_EndingAtInfEqualToCount()
    {
        string meterName = MetricsScrape.UniqueMeterName();
        using var scrape = new MetricsScrape(meterName);
        using var meter = new Meter(meterName);
        var histogram = meter.CreateHistogram("test.latency", "s", "Latency.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.01, 0.1] });
        foreach (double v in new[] { 0.0005, 0.001, 0.005, 0.05, 0.05, 3.0 }) histogram.Record(v);

        string[] lines = scrape.Text().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(
        [
            "# HELP test_latency_seconds Latency.",
            "# TYPE test_latency_seconds histogram",
            "test_latency_seconds_bucket{le=\"0.001\"} 2",
            "test_latency_seconds_bucket{le=\"0.01\"} 3",
            "test_latency_seconds_bucket{le=\"0.1\"} 5",
            "test_latency_seconds_bucket{le=\"+Inf\"} 6",
            "test_latency_seconds_sum 3.1065",
            "test_latency_seconds_count 6",
        ], lines);
    }

    [Fact]
    public void Write_EscapesLabelValues_BackslashQuoteAndNewline()
    {
        string meterName = MetricsScrape.UniqueMeterName();
        using var scrape = new MetricsScrape(meterName);
        using var meter = new Meter(meterName);
        meter.CreateCounter<long>("test.errors", null, "Errors.").Add(1, new KeyValuePair<string, object?>("reason", "a\\b\"c\nd"));

        string text = scrape.Text();

        Assert.Contains("test_errors_total{reason=\"a\\\\b\\\"c\\nd\"} 1\n", text);
    }

    [Fact]
    public void Write_EscapesHelp_BackslashAndNewline()
    {
        string meterName = MetricsScrape.UniqueMeterName();
        using var scrape = new MetricsScrape(meterName);
        using var meter = new Meter(meterName);
        meter.CreateObservableGauge("test.depth", () => 3, null, "Line one\\\nline two");

        string text = scrape.Text();

        Assert.StartsWith("# HELP test_depth Line one\\\\\\nline two\n# TYPE test_depth gauge\ntest_depth 3\n", text);
    }

    [Fact]
    public void Write_SortsLabelsAndSanitisesKeys_ForTaggedGauge()
    {
        string meterName = MetricsScrape.UniqueMeterName();
        using var scrape = new MetricsScrape(meterName);
        using var meter = new Meter(meterName);
        meter.CreateObservableGauge("test.lag", () => new Measurement<long>(42,
            new KeyValuePair<string, object?>("topic", "ecg.beats"), new KeyValuePair<string, object?>("kafka.partition", 3)), null, "Lag.");

        string text = scrape.Text();

        Assert.Contains("test_lag{kafka_partition=\"3\",topic=\"ecg.beats\"} 42\n", text);
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-7, "1E-07")]
    [InlineData(12345678.5, "12345678.5")]
    public void FormatValue_UsesPrometheusSpelling_ForSpecialAndOrdinaryValues(double value, string expected)
    {
        Assert.Equal(expected, PrometheusTextWriter.FormatValue(value));
    }
}
