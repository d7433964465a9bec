using System.Text;
using OpenTelemetry.Metrics;

namespace EcgStream.Detector.Telemetry;

/// <summary>Turns OpenTelemetry instrument names, units and tag keys into Prometheus names, following the OpenTelemetry
/// "Prometheus and OpenMetrics compatibility" rules: invalid characters become '_', the unit becomes a suffix
/// (s → _seconds, By → _bytes, {beat} → nothing), and monotonic counters end in _total.</summary>
public static class PrometheusNaming
{
    /// <summary>UCUM units mapped to the word Prometheus names carry; units not listed are sanitised and used as they are.</summary>
    private static readonly Dictionary<string, string> UnitWords = new(StringComparer.Ordinal)
    {
        ["d"] = "days", ["h"] = "hours", ["min"] = "minutes", ["s"] = "seconds", ["ms"] = "milliseconds",
        ["us"] = "microseconds", ["ns"] = "nanoseconds", ["By"] = "bytes", ["KiBy"] = "kibibytes", ["MiBy"] = "mebibytes",
        ["GiBy"] = "gibibytes", ["KBy"] = "kilobytes", ["MBy"] = "megabytes", ["GBy"] = "gigabytes", ["bit"] = "bits",
        ["m"] = "meters", ["V"] = "volts", ["A"] = "amperes", ["J"] = "joules", ["W"] = "watts", ["g"] = "grams",
        ["Cel"] = "celsius", ["Hz"] = "hertz", ["%"] = "percent",
    };

    /// <summary>Suffixes Prometheus reserves for the series of histograms and summaries.</summary>
    private static readonly string[] ReservedSuffixes = ["_count", "_sum", "_bucket"];

    /// <summary>The Prometheus metric family name of an OpenTelemetry metric (for histograms, without _bucket/_sum/_count).</summary>
    public static string MetricName(string instrumentName, string? unit, MetricType type)
    {
        string name = Sanitize(instrumentName);
        string unitSuffix = UnitSuffix(unit, type);
        if (unitSuffix.Length > 0 && !name.EndsWith("_" + unitSuffix, StringComparison.Ordinal))
            name = name + "_" + unitSuffix;
        if (IsMonotonicSum(type) && !name.EndsWith("_total", StringComparison.Ordinal))
            name += "_total";
        // _count, _sum and _bucket belong to histogram series; a gauge such as dotnet.timer.count would read as one.
        if (type != MetricType.Histogram && ReservedSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.Ordinal)))
            name += "_current";
        return name;
    }

    /// <summary>A valid Prometheus label name for a tag key (dots and other characters become '_'). Collapsing repeated '_' also
    /// keeps names out of the "__" prefix Prometheus reserves for itself.</summary>
    public static string LabelName(string tagKey) => Sanitize(tagKey);

    /// <summary>True for metric types Prometheus calls counters.</summary>
    public static bool IsMonotonicSum(MetricType type) => type is MetricType.LongSum or MetricType.DoubleSum;

    /// <summary>Replaces characters outside [a-zA-Z0-9_] with '_', collapses repeated '_', and prefixes a leading digit with '_'.</summary>
    public static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length + 1);
        foreach (char c in name)
        {
            bool valid = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';
            char mapped = valid ? c : '_';
            if (mapped == '_' && builder.Length > 0 && builder[^1] == '_') continue;
            builder.Append(mapped);
        }
        if (builder.Length == 0 || char.IsAsciiDigit(builder[0])) builder.Insert(0, '_');
        return builder.ToString();
    }

    private static string UnitSuffix(string? unit, MetricType type)
    {
        if (string.IsNullOrEmpty(unit)) return string.Empty;
        // Annotations in braces ({beat}, {request}) name what is counted; Prometheus names leave them out.
        string stripped = StripAnnotations(unit);
        if (stripped.Length == 0) return string.Empty;
        // A dimensionless gauge is a ratio; a dimensionless counter counts things and gets no suffix.
        if (stripped == "1") return type is MetricType.LongGauge or MetricType.DoubleGauge ? "ratio" : string.Empty;
        int slash = stripped.IndexOf('/');
        if (slash > 0)
            return Sanitize(Word(stripped[..slash]) + "_per_" + PerUnitWord(stripped[(slash + 1)..])).Trim('_');
        return Sanitize(Word(stripped)).Trim('_');
    }

    private static string Word(string unit) => UnitWords.TryGetValue(unit, out var word) ? word : unit;

    private static string PerUnitWord(string unit) => unit switch
    {
        "s" => "second", "m" => "meter", "min" => "minute", "h" => "hour", "d" => "day", "w" => "week", "mo" => "month", "y" => "year",
        _ => Word(unit),
    };

    private static string StripAnnotations(string unit)
    {
        var builder = new StringBuilder(unit.Length);
        int depth = 0;
        foreach (char c in unit)
        {
            if (c == '{') depth++;
            else if (c == '}' && depth > 0) depth--;
            else if (depth == 0) builder.Append(c);
        }
        return builder.ToString().Trim();
    }
}
