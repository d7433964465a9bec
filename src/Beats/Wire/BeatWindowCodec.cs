using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Unicode;
using EcgStream.Beats.Ecg5000;

namespace EcgStream.Beats.Wire;

/// <summary>
/// Reads and writes <see cref="BeatWindow"/> JSON (schemas/beat-window.schema.json). Parsing is strict and never throws:
/// a message that cannot be scored yields a <see cref="BeatWindowError"/> whose reason goes to the dead-letter topic.
/// Unknown fields are ignored so producers may add fields without breaking detectors.
/// </summary>
public sealed class BeatWindowCodec
{
    /// <summary>Samples per window of the ECG5000 model.</summary>
    public const int DefaultSampleCount = 140;

    /// <summary>Default largest accepted message: 64 KiB, far above a 140-sample window (about 2 KiB).</summary>
    public const int DefaultMaxMessageBytes = 64 * 1024;

    /// <summary>Longest accepted patient or beat id, in characters.</summary>
    public const int MaxIdLength = 128;

    /// <summary>Deepest accepted JSON nesting; deeper is invalid JSON. A beat window is two levels deep, so this leaves room
    /// for small unknown objects while a hostile "[[[[..." costs the reader a few frames, not a stack.</summary>
    public const int MaxDepth = 8;

    [Flags]
    private enum Field
    {
        None = 0, PatientId = 1, BeatId = 2, Sequence = 4, Timestamp = 8, Samples = 16, SampleRateHz = 32, Label = 64,
        Required = PatientId | BeatId | Sequence | Timestamp | Samples,
    }

    /// <summary>Creates a codec that accepts windows of <paramref name="expectedSampleCount"/> samples in messages of at most <paramref name="maxMessageBytes"/> bytes.</summary>
    public BeatWindowCodec(int expectedSampleCount = DefaultSampleCount, int maxMessageBytes = DefaultMaxMessageBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(expectedSampleCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageBytes, 64);
        ExpectedSampleCount = expectedSampleCount;
        MaxMessageBytes = maxMessageBytes;
    }

    /// <summary>Number of samples every window must hold.</summary>
    public int ExpectedSampleCount { get; }

    /// <summary>Largest accepted message value, in bytes.</summary>
    public int MaxMessageBytes { get; }

    /// <summary>
    /// Parses a message value. Precedence of errors: size first, then invalid UTF-8 or malformed JSON anywhere in the
    /// message, then the first invalid field in document order, then missing fields, then a key that is not the patient id.
    /// Work and allocation are bounded by <see cref="MaxMessageBytes"/> and <see cref="ExpectedSampleCount"/>, whatever the input.
    /// </summary>
    /// <param name="value">The message value (UTF-8 JSON).</param>
    /// <param name="key">The message key; must equal the patient id.</param>
    /// <param name="window">The beat, when the message is valid.</param>
    /// <param name="error">Why the message is not valid, otherwise default.</param>
    public bool TryParse(ReadOnlySpan<byte> value, string? key, [NotNullWhen(true)] out BeatWindow? window, out BeatWindowError error)
    {
        window = null;
        if (value.Length > MaxMessageBytes)
            return Fail(DeadLetterReason.Oversized, $"message is {value.Length} bytes, the limit is {MaxMessageBytes}", out error);
        if (value.IsEmpty) return Fail(DeadLetterReason.InvalidJson, "empty message", out error);
        // The reader checks UTF-8 only in the strings it decodes; bad bytes in a skipped field would otherwise pass.
        if (!Utf8.IsValid(value)) return Fail(DeadLetterReason.InvalidJson, "the message is not valid UTF-8", out error);

        string? patientId = null, beatId = null;
        long sequence = 0;
        DateTimeOffset timestamp = default;
        double? sampleRateHz = null;
        BeatClass? label = null;
        float[]? samples = null;
        var seen = Field.None;
        BeatWindowError? firstInvalid = null;
        try
        {
            var reader = new Utf8JsonReader(value, new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return Fail(DeadLetterReason.InvalidJson, "the message is not a JSON object", out error);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = FieldOf(ref reader);
                if (field == Field.None) { reader.Skip(); continue; }
                reader.Read();
                if ((seen & field) != 0) { firstInvalid ??= new(DeadLetterReason.InvalidField, $"field '{NameOf(field)}' appears twice"); reader.Skip(); continue; }
                seen |= field;
                BeatWindowError? invalid = field switch
                {
                    Field.PatientId => ReadId(ref reader, "patientId", out patientId),
                    Field.BeatId => ReadId(ref reader, "beatId", out beatId),
                    Field.Sequence => ReadSequence(ref reader, out sequence),
                    Field.Timestamp => ReadTimestamp(ref reader, out timestamp),
                    Field.SampleRateHz => ReadSampleRate(ref reader, out sampleRateHz),
                    Field.Label => ReadLabel(ref reader, out label),
                    _ => ReadSamples(ref reader, out samples),
                };
                firstInvalid ??= invalid;
            }
            // Anything after the object (a second value, garbage) makes the reader throw here.
            if (reader.Read()) return Fail(DeadLetterReason.InvalidJson, "content after the JSON object", out error);
        }
        catch (JsonException e)
        {
            return Fail(DeadLetterReason.InvalidJson, FirstLine(e.Message), out error);
        }
        catch (InvalidOperationException e)
        {
            // Thrown by GetString for strings that are not valid UTF-8.
            return Fail(DeadLetterReason.InvalidJson, FirstLine(e.Message), out error);
        }

        if (firstInvalid is { } bad) { error = bad; return false; }
        var missing = Field.Required & ~seen;
        if (missing != Field.None)
            return Fail(DeadLetterReason.MissingField, $"missing required field '{NameOf(LowestFlag(missing))}'", out error);
        if (key != patientId)
            return Fail(DeadLetterReason.KeyMismatch, key is null ? "the message has no key" : "the message key is not the beat's patientId", out error);

        window = new BeatWindow(patientId!, beatId!, sequence, timestamp, samples!) { SampleRateHz = sampleRateHz, Label = label };
        error = default;
        return true;
    }

    /// <summary>Writes <paramref name="beat"/> as JSON to <paramref name="destination"/>.</summary>
    public static void Serialize(BeatWindow beat, IBufferWriter<byte> destination)
    {
        using var writer = new Utf8JsonWriter(destination);
        writer.WriteStartObject();
        writer.WriteString("patientId"u8, beat.PatientId);
        writer.WriteString("beatId"u8, beat.BeatId);
        writer.WriteNumber("sequence"u8, beat.Sequence);
        writer.WriteString("timestamp"u8, beat.Timestamp.ToUniversalTime());
        if (beat.SampleRateHz is { } rate) writer.WriteNumber("sampleRateHz"u8, rate);
        if (beat.Label is { } label) writer.WriteNumber("label"u8, (int)label);
        writer.WriteStartArray("samples"u8);
        foreach (float sample in beat.Samples) writer.WriteNumberValue(sample);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Returns <paramref name="beat"/> as UTF-8 JSON bytes, ready to be a message value.</summary>
    public static byte[] Serialize(BeatWindow beat)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + beat.Samples.Length * 12);
        Serialize(beat, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static Field FieldOf(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("patientId"u8)) return Field.PatientId;
        if (reader.ValueTextEquals("beatId"u8)) return Field.BeatId;
        if (reader.ValueTextEquals("sequence"u8)) return Field.Sequence;
        if (reader.ValueTextEquals("timestamp"u8)) return Field.Timestamp;
        if (reader.ValueTextEquals("samples"u8)) return Field.Samples;
        if (reader.ValueTextEquals("sampleRateHz"u8)) return Field.SampleRateHz;
        if (reader.ValueTextEquals("label"u8)) return Field.Label;
        return Field.None;
    }

    private static string NameOf(Field field) => field switch
    {
        Field.PatientId => "patientId",
        Field.BeatId => "beatId",
        Field.Sequence => "sequence",
        Field.Timestamp => "timestamp",
        Field.Samples => "samples",
        Field.SampleRateHz => "sampleRateHz",
        _ => "label",
    };

    private static Field LowestFlag(Field fields) => (Field)((int)fields & -(int)fields);

    private static BeatWindowError? ReadId(ref Utf8JsonReader reader, string name, out string? id)
    {
        id = null;
        if (reader.TokenType != JsonTokenType.String) return WrongType(ref reader, name, "a string");
        id = reader.GetString();
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength)
            return new(DeadLetterReason.InvalidField, $"'{name}' must be 1 to {MaxIdLength} characters");
        return null;
    }

    private static BeatWindowError? ReadSequence(ref Utf8JsonReader reader, out long sequence)
    {
        sequence = 0;
        if (reader.TokenType != JsonTokenType.Number) return WrongType(ref reader, "sequence", "an integer");
        if (!reader.TryGetInt64(out sequence) || sequence < 0)
            return new(DeadLetterReason.InvalidField, "'sequence' must be an integer >= 0");
        return null;
    }

    private static BeatWindowError? ReadTimestamp(ref Utf8JsonReader reader, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (reader.TokenType != JsonTokenType.String) return WrongType(ref reader, "timestamp", "an ISO 8601 string");
        if (!reader.TryGetDateTimeOffset(out timestamp))
            return new(DeadLetterReason.InvalidField, "'timestamp' is not an ISO 8601 date and time");
        return null;
    }

    private static BeatWindowError? ReadSampleRate(ref Utf8JsonReader reader, out double? sampleRateHz)
    {
        sampleRateHz = null;
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.Number) return WrongType(ref reader, "sampleRateHz", "a number");
        if (!reader.TryGetDouble(out double rate) || !double.IsFinite(rate) || rate <= 0)
            return new(DeadLetterReason.InvalidField, "'sampleRateHz' must be a positive number");
        sampleRateHz = rate;
        return null;
    }

    private static BeatWindowError? ReadLabel(ref Utf8JsonReader reader, out BeatClass? label)
    {
        label = null;
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.Number) return WrongType(ref reader, "label", "an integer class 1..5");
        if (!reader.TryGetInt32(out int value) || !Enum.IsDefined((BeatClass)value))
            return new(DeadLetterReason.InvalidField, "'label' must be an ECG5000 class 1..5");
        label = (BeatClass)value;
        return null;
    }

    private BeatWindowError? ReadSamples(ref Utf8JsonReader reader, out float[]? samples)
    {
        samples = null;
        if (reader.TokenType != JsonTokenType.StartArray) return WrongType(ref reader, "samples", "an array of numbers");
        var values = new float[ExpectedSampleCount];
        int count = 0;
        BeatWindowError? invalid = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            // Every element is read to the end, even after an error, so malformed JSON later in the array still wins.
            float sample = 0f;
            if (reader.TokenType == JsonTokenType.Number)
            {
                // Numbers beyond float range ("1e999") parse as infinity, which is as unusable as NaN.
                if (!reader.TryGetDouble(out double wide) || !float.IsFinite(sample = (float)wide))
                    invalid ??= new(DeadLetterReason.NonFiniteSample, $"sample {count} is not a finite float");
            }
            else if (reader.TokenType == JsonTokenType.String && IsNamedNonFinite(ref reader))
                invalid ??= new(DeadLetterReason.NonFiniteSample, $"sample {count} is NaN or infinite");
            else
            {
                invalid ??= new(DeadLetterReason.InvalidField, $"sample {count} is not a number");
                reader.Skip();
            }
            if (count < values.Length) values[count] = sample;
            count++;
        }
        if (invalid is not null) return invalid;
        if (count != ExpectedSampleCount)
            return new(DeadLetterReason.WrongSampleCount, $"{count} samples, expected {ExpectedSampleCount}");
        samples = values;
        return null;
    }

    private static bool IsNamedNonFinite(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("NaN"u8) || reader.ValueTextEquals("Infinity"u8) || reader.ValueTextEquals("-Infinity"u8);

    private static BeatWindowError WrongType(ref Utf8JsonReader reader, string name, string expected)
    {
        var token = reader.TokenType;
        reader.Skip();
        return new(DeadLetterReason.InvalidField, $"'{name}' must be {expected}, not {token}");
    }

    private static bool Fail(DeadLetterReason reason, string detail, out BeatWindowError error)
    {
        error = new BeatWindowError(reason, detail);
        return false;
    }

    private static string FirstLine(string message)
    {
        int end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
