using System.Text.Json.Serialization;

namespace EcgStream.Beats.Wire;

/// <summary>
/// Source-generated JSON for the detector's output records: camelCase names, nulls written, byte arrays as base64.
/// Use <c>JsonSerializer.SerializeToUtf8Bytes(x, WireJsonContext.Default.AnomalyEvent)</c> and the matching Deserialize.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AnomalyEvent))]
[JsonSerializable(typeof(ScoredBeat))]
[JsonSerializable(typeof(DeadLetter))]
public sealed partial class WireJsonContext : JsonSerializerContext;
