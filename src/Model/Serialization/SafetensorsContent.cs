namespace EcgStream.Model.Serialization;

/// <summary>Everything in a safetensors file: the "__metadata__" string map and the tensors by name, in data order.</summary>
/// <param name="Metadata">The "__metadata__" entries; empty when the file has none.</param>
/// <param name="Tensors">Every tensor, keyed by name.</param>
public sealed record SafetensorsContent(IReadOnlyDictionary<string, string> Metadata, IReadOnlyDictionary<string, SafetensorsTensor> Tensors);
