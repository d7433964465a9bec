using System.Text;
using EcgStream.Beats.Wire;
using FsCheck;
using FsCheck.Fluent;
using static EcgStream.Beats.Wire.DeadLetterReason;

namespace EcgStream.TestSupport;

/// <summary>
/// FsCheck generators of hostile messages for the default codec (140 samples, 64 KiB). Each family breaks the valid
/// baseline in exactly one way, chosen at random (where, how much, with what), so the expected reason is known.
/// </summary>
public static class HostileMessageGen
{
    /// <summary>Largest message the detector accepts by default; the oversized family goes past it.</summary>
    private const int MaxMessageBytes = BeatWindowCodec.DefaultMaxMessageBytes;

    /// <summary>Any hostile message, from every family with equal weight.</summary>
    public static Gen<HostileMessage> Any { get; } = Gen.OneOf(
        RandomBytes(), Truncated(), DeeplyNested(), InvalidUtf8(), MissingField(), DuplicateField(), WrongType(),
        WrongSampleCount(), NonFiniteSample(), Oversized(), WrongKey());

    /// <summary>Valid beat windows with random ids, sequence and finite samples: the codec must accept every one.</summary>
    public static Gen<BeatWindow> ValidBeats { get; } =
        from patient in Id()
        from beat in Id()
        from sequence in Gen.Choose(0, int.MaxValue)
        from millis in Gen.Choose(0, int.MaxValue)
        from samples in Gen.ArrayOf(FiniteFloat(), HostileJson.SampleCount)
        select new BeatWindow(patient, beat, sequence, DateTimeOffset.UnixEpoch.AddMilliseconds(millis * 1000L), samples);

    /// <summary>Random bytes whose first non-blank byte is not '{': never a JSON object.</summary>
    private static Gen<HostileMessage> RandomBytes() =>
        from length in Gen.Choose(0, 4096)
        from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length)
        where bytes.SkipWhile(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n').FirstOrDefault() != (byte)'{'
        select Message($"{length} random bytes", bytes, InvalidJson);

    /// <summary>The baseline cut short anywhere.</summary>
    private static Gen<HostileMessage> Truncated() =>
        from length in Gen.Choose(0, HostileJson.Valid.Length - 1)
        select Message($"truncated to {length} characters", HostileJson.Valid[..length], InvalidJson);

    /// <summary>An unknown field nested deeper than the limit, with arrays or objects.</summary>
    private static Gen<HostileMessage> DeeplyNested() =>
        from depth in Gen.Choose(BeatWindowCodec.MaxDepth, 3000)
        from objects in Gen.Elements(true, false)
        select Message($"{depth} nested {(objects ? "objects" : "arrays")}", HostileJson.WithExtraFirst("x", HostileJson.Nested(depth, objects)), InvalidJson);

    /// <summary>An invalid UTF-8 sequence inserted at any byte position.</summary>
    private static Gen<HostileMessage> InvalidUtf8()
    {
        byte[] valid = Encoding.UTF8.GetBytes(HostileJson.Valid);
        byte[][] sequences = [[0xFF], [0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF5, 0x80, 0x80, 0x80], [0xF0, 0x9F, 0x98]];
        return from at in Gen.Choose(0, valid.Length)
               from bad in Gen.Elements(sequences)
               select Message($"invalid UTF-8 {Convert.ToHexString(bad)} at byte {at}", [.. valid[..at], .. bad, .. valid[at..]], InvalidJson);
    }

    /// <summary>One required field left out.</summary>
    private static Gen<HostileMessage> MissingField() =>
        from field in Gen.Elements(HostileJson.RequiredFields)
        select Message($"no {field}", HostileJson.Without(field), DeadLetterReason.MissingField);

    /// <summary>One known field written twice.</summary>
    private static Gen<HostileMessage> DuplicateField() =>
        from field in Gen.Elements(HostileJson.Fields.ToArray())
        select Message($"{field.Name} twice", HostileJson.WithExtraFirst(field.Name, field.Raw), InvalidField);

    /// <summary>One field's value replaced by a value of the wrong type or out of range.</summary>
    private static Gen<HostileMessage> WrongType()
    {
        string[] notString = ["42", "true", "null", "[]", "{}", "[\"p\"]", "\"\"", $"\"{new string('i', 129)}\""];
        (string Field, string[] Values)[] choices =
        [
            ("patientId", notString), ("beatId", notString),
            ("sequence", ["\"7\"", "true", "null", "[]", "{}", "1.5", "-1", "1e30", "9223372036854775808"]),
            ("timestamp", ["42", "true", "null", "[]", "\"\"", "\"2024-13-45\"", "\"not a time\""]),
            ("sampleRateHz", ["0", "-140", "\"140\"", "true", "[]", "1e999"]),
            ("label", ["0", "6", "1.5", "\"Normal\"", "true", "[]"]),
            ("samples", ["\"x\"", "1", "null", "{}", "true", "[[1]]", "[null]", "[\"1\"]", "[{}]"]),
        ];
        return from choice in Gen.Elements(choices)
               from raw in Gen.Elements(choice.Values)
               select Message($"{choice.Field} = {raw[..Math.Min(raw.Length, 20)]}", HostileJson.With(choice.Field, raw), InvalidField);
    }

    /// <summary>Any number of finite samples but the expected one, up to what fits the size limit.</summary>
    private static Gen<HostileMessage> WrongSampleCount() =>
        from count in Gen.Choose(0, 20_000).Where(n => n != HostileJson.SampleCount)
        select Message($"{count} samples", HostileJson.With("samples", HostileJson.SamplesJson(Enumerable.Repeat("0", count))), DeadLetterReason.WrongSampleCount);

    /// <summary>One sample, anywhere, NaN or infinite (named, or a number beyond float range).</summary>
    private static Gen<HostileMessage> NonFiniteSample() =>
        from at in Gen.Choose(0, HostileJson.SampleCount - 1)
        from raw in Gen.Elements("\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "1e999", "-1e999", "3.5e38", "-1e39", "1e308")
        select Message($"sample {at} = {raw}", HostileJson.With("samples",
            HostileJson.SamplesJson(Enumerable.Range(0, HostileJson.SampleCount).Select(i => i == at ? raw : HostileJson.Sample(i)))), DeadLetterReason.NonFiniteSample);

    /// <summary>An otherwise valid message padded past the size limit.</summary>
    private static Gen<HostileMessage> Oversized() =>
        from padding in Gen.Choose(MaxMessageBytes, 4 * MaxMessageBytes)
        select Message($"{padding} bytes of padding", HostileJson.WithExtraFirst("padding", $"\"{new string('x', padding)}\""), DeadLetterReason.Oversized);

    /// <summary>A valid value under a key that is not its patient: none, empty, or any other text.</summary>
    private static Gen<HostileMessage> WrongKey() =>
        from key in Gen.OneOf(Gen.Constant<string?>(null), Gen.Constant<string?>(""), ArbMap.Default.GeneratorFor<string>().Select(s => (string?)s))
        where key != HostileJson.PatientId
        select new HostileMessage($"key '{key?[..Math.Min(key.Length, 20)]}'", key is null ? null : Encoding.UTF8.GetBytes(key),
            Encoding.UTF8.GetBytes(HostileJson.Valid), KeyMismatch);

    private static HostileMessage Message(string name, string json, DeadLetterReason reason) => Message(name, Encoding.UTF8.GetBytes(json), reason);

    private static HostileMessage Message(string name, byte[] value, DeadLetterReason reason) => new(name, HostileJson.Key, value, reason);

    /// <summary>Ids of 1 to 128 characters, any letters.</summary>
    private static Gen<string> Id() =>
        from length in Gen.Choose(1, 128)
        from chars in Gen.ArrayOf(Gen.Elements("abcXYZ019-_ .:/éß漢😀".EnumerateRunes().Select(r => r.ToString()).ToArray()), length)
        let id = string.Concat(chars)
        select id.Length > 128 ? id[..128].TrimEnd('\ud83d') : id;

    /// <summary>Finite floats across the whole range, zero and subnormals included.</summary>
    private static Gen<float> FiniteFloat() =>
        Gen.OneOf(
            Gen.Choose(-100_000, 100_000).Select(n => n / 1000f),
            Gen.Choose(int.MinValue, int.MaxValue).Select(BitConverter.Int32BitsToSingle).Where(float.IsFinite),
            Gen.Elements(0f, -0f, float.MaxValue, float.MinValue, float.Epsilon, 1e-40f));
}
