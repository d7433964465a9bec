using System.Text.Json.Serialization;

namespace EcgStream.Beats.Wire;

/// <summary>
/// A message that could not be scored, as published on the dead-letter topic (schemas/dead-letter.schema.json):
/// the original key and value byte for byte (base64) with the reason. Key = the original key bytes; the header
/// "dlq.reason" repeats <see cref="Reason"/> so tools can filter without parsing. Key and value longer than
/// <see cref="MaxOriginalBytes"/> are cut to that length; <see cref="OriginalKeyLength"/> and
/// <see cref="OriginalValueLength"/> give their full lengths.
/// </summary>
/// <param name="Reason">Why it could not be scored.</param>
/// <param name="Detail">One line for people; never holds sample values or the patient id.</param>
/// <param name="Source">Where the original message was read.</param>
/// <param name="DeadLetteredAt">When the detector gave up on it.</param>
/// <param name="OriginalKey">The original key bytes (at most <see cref="MaxOriginalBytes"/>), or null when it had none.</param>
/// <param name="OriginalValue">The original value bytes (at most <see cref="MaxOriginalBytes"/>; empty when it had none).</param>
public sealed record DeadLetter(
    [property: JsonConverter(typeof(JsonStringEnumConverter<DeadLetterReason>))] DeadLetterReason Reason,
    string Detail, SourcePosition Source, DateTimeOffset DeadLetteredAt, byte[]? OriginalKey, byte[] OriginalValue)
{
    /// <summary>Name of the header that carries <see cref="Reason"/>.</summary>
    public const string ReasonHeader = "dlq.reason";

    /// <summary>
    /// Most bytes of the original key, and of the value, a dead letter carries: 128 KiB, twice the default message limit,
    /// so only oversized messages are cut. The key travels twice (as the record's key and in base64) and the value once in
    /// base64, so a dead letter stays under 0.5 MB, inside Kafka's default 1 MB message limit, whatever came in.
    /// </summary>
    public const int MaxOriginalBytes = 128 * 1024;

    /// <summary>Length of the original key in bytes; more than <see cref="OriginalKey"/> holds when it was cut. 0 without a key.</summary>
    public int OriginalKeyLength { get; init; }

    /// <summary>Length of the original value in bytes; more than <see cref="OriginalValue"/> holds when it was cut.</summary>
    public int OriginalValueLength { get; init; }

    /// <summary>The dead letter for a message of <paramref name="key"/> and <paramref name="value"/>, as kept when it was read.</summary>
    public static DeadLetter Of(BeatWindowError error, SourcePosition source, DateTimeOffset deadLetteredAt, KeptBytes key, KeptBytes value) =>
        new(error.Reason, error.Detail, source, deadLetteredAt, key.Bytes, value.Bytes ?? [])
        {
            OriginalKeyLength = key.Length,
            OriginalValueLength = value.Length,
        };
}
