using System.Text.Json.Serialization;

namespace EcgStream.Beats.Wire;

/// <summary>
/// A message that could not be scored, as published on the dead-letter topic (schemas/dead-letter.schema.json):
/// the original key and value byte for byte (base64) with the reason. Key = the original key bytes; the header
/// "dlq.reason" repeats <see cref="Reason"/> so tools can filter without parsing.
/// </summary>
/// <param name="Reason">Why it could not be scored.</param>
/// <param name="Detail">One line for people; never holds sample values or the patient id.</param>
/// <param name="Source">Where the original message was read.</param>
/// <param name="DeadLetteredAt">When the detector gave up on it.</param>
/// <param name="OriginalKey">The original key bytes, or null when it had none.</param>
/// <param name="OriginalValue">The original value bytes (empty when it had none).</param>
public sealed record DeadLetter(
    [property: JsonConverter(typeof(JsonStringEnumConverter<DeadLetterReason>))] DeadLetterReason Reason,
    string Detail, SourcePosition Source, DateTimeOffset DeadLetteredAt, byte[]? OriginalKey, byte[] OriginalValue)
{
    /// <summary>Name of the header that carries <see cref="Reason"/>.</summary>
    public const string ReasonHeader = "dlq.reason";
}
