using System.Globalization;
using System.Text;

namespace EcgStream.TestSupport;

/// <summary>
/// A valid beat window as raw JSON fields, so hostile variants can change one field's text and nothing else. The
/// detector's codec expects 140 samples; <see cref="Samples"/> holds that many.
/// </summary>
public static class HostileJson
{
    /// <summary>Patient id (and message key) of the baseline beat.</summary>
    public const string PatientId = "patient-hostile";

    /// <summary>Samples per window, as the detector's model expects.</summary>
    public const int SampleCount = 140;

    /// <summary>The required fields of a beat window, in the order the baseline writes them.</summary>
    public static readonly string[] RequiredFields = ["patientId", "beatId", "sequence", "timestamp", "samples"];

    /// <summary>The baseline's fields as raw JSON text, in document order.</summary>
    public static IReadOnlyList<(string Name, string Raw)> Fields { get; } =
    [
        ("patientId", $"\"{PatientId}\""),
        ("beatId", "\"beat-hostile\""),
        ("sequence", "7"),
        ("timestamp", "\"2024-06-01T12:00:00.000Z\""),
        ("sampleRateHz", "140"),
        ("label", "1"),
        ("samples", SamplesJson(Enumerable.Range(0, SampleCount).Select(Sample))),
    ];

    /// <summary>The baseline key bytes.</summary>
    public static byte[] Key => Encoding.UTF8.GetBytes(PatientId);

    /// <summary>The baseline message, valid.</summary>
    public static string Valid => Object(Fields);

    /// <summary>Sample <paramref name="index"/> of the baseline: a smooth wave, finite.</summary>
    public static string Sample(int index) => Math.Round(Math.Sin(index / 9.0), 4).ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A JSON array of the given raw sample texts.</summary>
    public static string SamplesJson(IEnumerable<string> samples) => "[" + string.Join(",", samples) + "]";

    /// <summary>A JSON object of the given raw fields, written compactly in order.</summary>
    public static string Object(IEnumerable<(string Name, string Raw)> fields) =>
        "{" + string.Join(",", fields.Select(f => $"\"{f.Name}\":{f.Raw}")) + "}";

    /// <summary>The baseline with field <paramref name="name"/>'s value replaced by <paramref name="raw"/>.</summary>
    public static string With(string name, string raw) => Object(Fields.Select(f => f.Name == name ? (f.Name, raw) : f));

    /// <summary>The baseline without field <paramref name="name"/>.</summary>
    public static string Without(string name) => Object(Fields.Where(f => f.Name != name));

    /// <summary>The baseline with an extra field <paramref name="name"/> first, holding <paramref name="raw"/>.</summary>
    public static string WithExtraFirst(string name, string raw) => Object(Fields.Prepend((name, raw)));

    /// <summary><paramref name="depth"/> nested arrays (or objects), closed properly.</summary>
    public static string Nested(int depth, bool objects) => objects
        ? string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)
        : new string('[', depth) + new string(']', depth);
}
