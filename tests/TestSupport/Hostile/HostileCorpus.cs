using System.Text;
using EcgStream.Beats.Wire;
using static EcgStream.Beats.Wire.DeadLetterReason;

namespace EcgStream.TestSupport;

/// <summary>
/// Hand-picked hostile messages for a detector with the default codec (140 samples, 64 KiB): each names the one thing
/// wrong with it and the reason it must be dead-lettered with. Used by the codec tests and, through the real broker,
/// by the bad-input integration test.
/// </summary>
public static class HostileCorpus
{
    /// <summary>Every case, in a fixed order; random parts come from a fixed seed.</summary>
    public static IReadOnlyList<HostileMessage> All { get; } = Build().ToList();

    private static IEnumerable<HostileMessage> Build()
    {
        var random = new Random(20261125);
        byte[] key = HostileJson.Key;
        HostileMessage Text(string name, string json, DeadLetterReason reason) => new(name, key, Encoding.UTF8.GetBytes(json), reason);
        byte[] Bytes(int length) { var b = new byte[length]; random.NextBytes(b); b[0] = 0xFF; return b; }

        // Not JSON, or not an object.
        yield return new("random bytes 1 KiB", key, Bytes(1024), InvalidJson);
        yield return new("random bytes 60 KiB", key, Bytes(60 * 1024), InvalidJson);
        yield return new("empty value", key, [], InvalidJson);
        yield return new("tombstone (null value)", key, null, InvalidJson);
        yield return Text("whitespace only", " \t\r\n ", InvalidJson);
        yield return Text("JSON null", "null", InvalidJson);
        yield return Text("JSON array", "[1,2,3]", InvalidJson);
        yield return Text("JSON string", "\"beat\"", InvalidJson);
        yield return Text("JSON number", "140", InvalidJson);
        yield return Text("truncated in half", HostileJson.Valid[..(HostileJson.Valid.Length / 2)], InvalidJson);
        yield return Text("truncated by one byte", HostileJson.Valid[..^1], InvalidJson);
        yield return Text("two objects", HostileJson.Valid + HostileJson.Valid, InvalidJson);
        yield return Text("trailing comma", HostileJson.Valid[..^1] + ",}", InvalidJson);
        yield return Text("comment", "/* beat */" + HostileJson.Valid, InvalidJson);
        yield return Text("single quotes", HostileJson.Valid.Replace('"', '\''), InvalidJson);
        yield return Text("bare NaN literal", HostileJson.With("samples", HostileJson.SamplesJson(Enumerable.Repeat("NaN", 140))), InvalidJson);
        yield return Text("raw control character in a string", HostileJson.With("beatId", "\"beat\u0001\""), InvalidJson);
        yield return new("byte order mark", key, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(HostileJson.Valid)], InvalidJson);
        yield return new("NUL bytes", key, new byte[512], InvalidJson);

        // Nesting: limited depth, whatever the field.
        yield return Text("10000 nested arrays alone", HostileJson.Nested(10_000, objects: false), InvalidJson);
        yield return Text("nested arrays in an unknown field", HostileJson.WithExtraFirst("x", HostileJson.Nested(100, objects: false)), InvalidJson);
        yield return Text("nested objects in an unknown field", HostileJson.WithExtraFirst("x", HostileJson.Nested(100, objects: true)), InvalidJson);
        yield return Text("nested arrays as samples", HostileJson.With("samples", HostileJson.Nested(50, objects: false)), InvalidJson);
        yield return Text("unclosed nesting", HostileJson.WithExtraFirst("x", new string('[', 5000))[..5010], InvalidJson);

        // Invalid UTF-8, in a field that is read and in one that is skipped.
        yield return new("invalid UTF-8 in patientId", key, Splice(HostileJson.Valid, "patient-", [0xFF, 0xFE]), InvalidJson);
        yield return new("invalid UTF-8 in an unknown field", key, Splice(HostileJson.WithExtraFirst("note", "\"abc\""), "ab", [0xC3, 0x28]), InvalidJson);
        yield return new("overlong UTF-8 encoding", key, Splice(HostileJson.Valid, "beat-", [0xC0, 0xAF]), InvalidJson);
        yield return new("UTF-8 encoded surrogate", key, Splice(HostileJson.Valid, "beat-", [0xED, 0xA0, 0x80]), InvalidJson);
        yield return new("truncated UTF-8 sequence at the end", key, [.. Encoding.UTF8.GetBytes(HostileJson.Valid), 0xE2, 0x82], InvalidJson);
        yield return Text("lone surrogate escape in patientId", HostileJson.With("patientId", "\"\\ud800\""), InvalidJson);

        // Missing and duplicate fields.
        yield return Text("empty object", "{}", MissingField);
        foreach (string field in HostileJson.RequiredFields)
            yield return Text($"no {field}", HostileJson.Without(field), MissingField);
        yield return Text("patientId twice", HostileJson.WithExtraFirst("patientId", $"\"{HostileJson.PatientId}\""), InvalidField);
        yield return Text("samples twice", HostileJson.WithExtraFirst("samples", HostileJson.Fields[^1].Raw), InvalidField);

        // Wrong types and values out of range.
        yield return Text("patientId a number", HostileJson.With("patientId", "42"), InvalidField);
        yield return Text("patientId empty", HostileJson.With("patientId", "\"\""), InvalidField);
        yield return Text("patientId 10000 characters", HostileJson.With("patientId", $"\"{new string('p', 10_000)}\""), InvalidField);
        yield return Text("beatId null", HostileJson.With("beatId", "null"), InvalidField);
        yield return Text("beatId an object", HostileJson.With("beatId", "{\"id\":1}"), InvalidField);
        yield return Text("sequence a string", HostileJson.With("sequence", "\"7\""), InvalidField);
        yield return Text("sequence negative", HostileJson.With("sequence", "-1"), InvalidField);
        yield return Text("sequence fractional", HostileJson.With("sequence", "7.5"), InvalidField);
        yield return Text("sequence beyond Int64", HostileJson.With("sequence", "99999999999999999999999"), InvalidField);
        yield return Text("timestamp a number", HostileJson.With("timestamp", "1717243200"), InvalidField);
        yield return Text("timestamp not a date", HostileJson.With("timestamp", "\"yesterday\""), InvalidField);
        yield return Text("sampleRateHz zero", HostileJson.With("sampleRateHz", "0"), InvalidField);
        yield return Text("label out of range", HostileJson.With("label", "9"), InvalidField);
        yield return Text("samples a string", HostileJson.With("samples", "\"0.1,0.2\""), InvalidField);
        yield return Text("samples an object", HostileJson.With("samples", "{\"0\":0.1}"), InvalidField);
        yield return Text("a sample null", HostileJson.With("samples", Samples(140, 3, "null")), InvalidField);
        yield return Text("a sample a string", HostileJson.With("samples", Samples(140, 3, "\"0.5\"")), InvalidField);
        yield return Text("a sample true", HostileJson.With("samples", Samples(140, 139, "true")), InvalidField);

        // Wrong and huge sample counts.
        yield return Text("empty samples array", HostileJson.With("samples", "[]"), WrongSampleCount);
        yield return Text("139 samples", HostileJson.With("samples", Samples(139)), WrongSampleCount);
        yield return Text("141 samples", HostileJson.With("samples", Samples(141)), WrongSampleCount);
        yield return Text("30000 samples (fits the size limit)", HostileJson.With("samples", HostileJson.SamplesJson(Enumerable.Repeat("0", 30_000))), WrongSampleCount);
        yield return Text("400000 samples (over the size limit)", HostileJson.With("samples", HostileJson.SamplesJson(Enumerable.Repeat("0", 400_000))), Oversized);

        // Non-finite samples.
        yield return Text("a sample \"NaN\"", HostileJson.With("samples", Samples(140, 0, "\"NaN\"")), NonFiniteSample);
        yield return Text("a sample \"Infinity\"", HostileJson.With("samples", Samples(140, 70, "\"Infinity\"")), NonFiniteSample);
        yield return Text("a sample \"-Infinity\"", HostileJson.With("samples", Samples(140, 139, "\"-Infinity\"")), NonFiniteSample);
        yield return Text("a sample 1e999", HostileJson.With("samples", Samples(140, 5, "1e999")), NonFiniteSample);
        yield return Text("a sample beyond float range", HostileJson.With("samples", Samples(140, 5, "-3.5e38")), NonFiniteSample);

        // Very large messages.
        yield return Text("65 KiB of padding", HostileJson.WithExtraFirst("padding", $"\"{new string('x', 65 * 1024)}\""), Oversized);
        yield return Text("900 KB of padding", HostileJson.WithExtraFirst("padding", $"\"{new string('x', 900_000)}\""), Oversized);
        yield return new("900 KB of random bytes", key, Bytes(900_000), Oversized);

        // Keys that do not match the patient.
        yield return new("no key", null, Encoding.UTF8.GetBytes(HostileJson.Valid), KeyMismatch);
        yield return new("empty key", [], Encoding.UTF8.GetBytes(HostileJson.Valid), KeyMismatch);
        yield return new("another patient's key", "patient-other"u8.ToArray(), Encoding.UTF8.GetBytes(HostileJson.Valid), KeyMismatch);
        yield return new("key of invalid UTF-8", [0xFF, .. key], Encoding.UTF8.GetBytes(HostileJson.Valid), KeyMismatch);
        yield return new("key of 100 KB", Encoding.UTF8.GetBytes(new string('k', 100_000)), Encoding.UTF8.GetBytes(HostileJson.Valid), KeyMismatch);
    }

    /// <summary><paramref name="count"/> baseline samples, the one at <paramref name="at"/> replaced by <paramref name="raw"/>.</summary>
    private static string Samples(int count, int at = -1, string raw = "") =>
        HostileJson.SamplesJson(Enumerable.Range(0, count).Select(i => i == at ? raw : HostileJson.Sample(i % HostileJson.SampleCount)));

    /// <summary><paramref name="json"/> as UTF-8 with <paramref name="bytes"/> inserted after the first <paramref name="marker"/>.</summary>
    private static byte[] Splice(string json, string marker, byte[] bytes)
    {
        int at = Encoding.UTF8.GetByteCount(json[..(json.IndexOf(marker, StringComparison.Ordinal) + marker.Length)]);
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        return [.. utf8[..at], .. bytes, .. utf8[at..]];
    }
}
