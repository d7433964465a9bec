using System.Globalization;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace EcgStream.Detector.Telemetry;

/// <summary>Writes a batch of OpenTelemetry metrics in the Prometheus text exposition format 0.0.4: per family a HELP and a
/// TYPE line, then its samples; histograms as cumulative _bucket{le} series ending at +Inf, then _sum and _count.
/// Families whose names collide (two meters with the same instrument) are merged so each family appears once.</summary>
public static class PrometheusTextWriter
{
    /// <summary>Content type of the format written.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Formats <paramref name="metrics"/>; exponential histograms, which Prometheus 0.0.4 cannot express, are left out.</summary>
    public static string Write(in Batch<Metric> metrics)
    {
        var families = new Dictionary<string, Family>(StringComparer.Ordinal);
        var order = new List<Family>();
        foreach (var metric in metrics)
        {
            if (TypeName(metric.MetricType) is not { } typeName) continue;
            string name = PrometheusNaming.MetricName(metric.Name, metric.Unit, metric.MetricType);
            if (!families.TryGetValue(name, out var family))
            {
                string help = string.IsNullOrWhiteSpace(metric.Description) ? $"{metric.Name} ({metric.Unit})" : metric.Description;
                family = new Family(name, typeName, help, new StringBuilder());
                families.Add(name, family);
                order.Add(family);
            }
            else if (family.Type != typeName)
            {
                // The same name with another type would be an invalid exposition; the first one registered wins.
                continue;
            }
            WriteSamples(family.Samples, name, metric);
        }

        var text = new StringBuilder();
        foreach (var family in order)
        {
            text.Append("# HELP ").Append(family.Name).Append(' ').Append(EscapeHelp(family.Help)).Append('\n');
            text.Append("# TYPE ").Append(family.Name).Append(' ').Append(family.Type).Append('\n');
            text.Append(family.Samples);
        }
        return text.ToString();
    }

    /// <summary>Escapes a label value: backslash, double quote and line feed.</summary>
    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    /// <summary>Escapes HELP text: backslash and line feed.</summary>
    public static string EscapeHelp(string help) =>
        help.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    /// <summary>Formats a sample value: shortest round-trip form, and NaN, +Inf, -Inf as Prometheus spells them.</summary>
    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string? TypeName(MetricType type) => type switch
    {
        MetricType.LongSum or MetricType.DoubleSum => "counter",
        MetricType.LongGauge or MetricType.DoubleGauge or MetricType.LongSumNonMonotonic or MetricType.DoubleSumNonMonotonic => "gauge",
        MetricType.Histogram => "histogram",
        _ => null,
    };

    private static void WriteSamples(StringBuilder samples, string name, Metric metric)
    {
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            string labels = Labels(point.Tags);
            switch (metric.MetricType)
            {
                case MetricType.LongSum or MetricType.LongSumNonMonotonic:
                    Sample(samples, name, labels, point.GetSumLong());
                    break;
                case MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic:
                    Sample(samples, name, labels, point.GetSumDouble());
                    break;
                case MetricType.LongGauge:
                    Sample(samples, name, labels, point.GetGaugeLastValueLong());
                    break;
                case MetricType.DoubleGauge:
                    Sample(samples, name, labels, point.GetGaugeLastValueDouble());
                    break;
                case MetricType.Histogram:
                    WriteHistogram(samples, name, labels, point);
                    break;
            }
        }
    }

    private static void WriteHistogram(StringBuilder samples, string name, string labels, in MetricPoint point)
    {
        // OpenTelemetry counts per bucket; Prometheus buckets are cumulative (le = "less than or equal").
        long cumulative = 0;
        bool wroteInfinity = false;
        foreach (var bucket in point.GetHistogramBuckets())
        {
            cumulative += bucket.BucketCount;
            wroteInfinity |= double.IsPositiveInfinity(bucket.ExplicitBound);
            string le = "le=\"" + FormatValue(bucket.ExplicitBound) + "\"";
            Sample(samples, name + "_bucket", labels.Length == 0 ? "{" + le + "}" : labels[..^1] + "," + le + "}", cumulative);
        }
        long count = point.GetHistogramCount();
        if (!wroteInfinity)
            Sample(samples, name + "_bucket", labels.Length == 0 ? "{le=\"+Inf\"}" : labels[..^1] + ",le=\"+Inf\"}", count);
        Sample(samples, name + "_sum", labels, point.GetHistogramSum());
        Sample(samples, name + "_count", labels, count);
    }

    private static string Labels(ReadOnlyTagCollection tags)
    {
        if (tags.Count == 0) return string.Empty;
        var pairs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags)
            pairs[PrometheusNaming.LabelName(tag.Key)] = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? string.Empty;
        return "{" + string.Join(",", pairs.Select(p => p.Key + "=\"" + EscapeLabelValue(p.Value) + "\"")) + "}";
    }

    private static void Sample(StringBuilder samples, string name, string labels, double value) =>
        samples.Append(name).Append(labels).Append(' ').Append(FormatValue(value)).Append('\n');

    private static void Sample(StringBuilder samples, string name, string labels, long value) =>
        samples.Append(name).Append(labels).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');

    /// <summary>One metric family being written: its name, Prometheus type, help text and sample lines.</summary>
    private sealed record Family(string Name, string Type, string Help, StringBuilder Samples);
}
