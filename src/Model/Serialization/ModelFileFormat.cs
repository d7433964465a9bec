using System.Globalization;
using EcgStream.Model.Parameters;

namespace EcgStream.Model.Serialization;

/// <summary>
/// What our safetensors model files (<see cref="ModelFile"/>, <see cref="ClassifierFile"/>) have in common: the atomic
/// save, the checks on a tensor before its values are used, the metadata number formats, and the
/// "provenance.&lt;key&gt;" entries. Each file type keeps its own metadata keys and tensor names.
/// </summary>
internal static class ModelFileFormat
{
    /// <summary>Prefix of the metadata keys that hold provenance entries: "provenance.&lt;key&gt;" = value.</summary>
    private const string ProvenancePrefix = "provenance.";

    /// <summary>Writes <paramref name="tensors"/> and <paramref name="metadata"/> to <paramref name="path"/> atomically: a temporary file in the same folder, then a rename.</summary>
    public static void SaveAtomically(string path, IReadOnlyList<NamedTensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        string fullPath = Path.GetFullPath(path);
        string temporary = fullPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                SafetensorsWriter.Write(stream, tensors, metadata);
                stream.Flush(flushToDisk: true);
            }
            // Readers see either the old file or the new one, never a partial write.
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>The tensor named <paramref name="name"/>; throws naming the file and the tensor when it is missing.</summary>
    public static SafetensorsTensor Required(string path, SafetensorsContent content, string name) =>
        content.Tensors.TryGetValue(name, out var tensor) ? tensor : throw new ModelFileException(path, $"tensor {name}: missing");

    /// <summary>Copies the tensor named like <paramref name="destination"/> into it, after checking that it is F32, has the destination's shape and holds only finite values.</summary>
    public static void CopyTensor(string path, SafetensorsContent content, NamedTensor destination)
    {
        var tensor = Required(path, content, destination.Name);
        if (tensor.DType != "F32") throw new ModelFileException(path, $"tensor {tensor.Name}: dtype {tensor.DType}, expected F32");
        if (!tensor.Shape.SequenceEqual(destination.Shape.Select(s => (long)s)))
        {
            throw new ModelFileException(path, $"tensor {tensor.Name}: shape {tensor.ShapeText}, expected [{string.Join(", ", destination.Shape)}]");
        }
        float[] values = tensor.ToSingles();
        int bad = Array.FindIndex(values, v => !float.IsFinite(v));
        if (bad >= 0) throw new ModelFileException(path, $"tensor {tensor.Name}: value {values[bad]} at index {bad} is not finite");
        values.CopyTo(destination.Data, 0);
    }

    /// <summary>
    /// Copies every tensor of <paramref name="expected"/> from the file (as <see cref="CopyTensor"/>), then throws when the file
    /// holds a tensor not in it; the error says the tensor is not part of <paramref name="model"/> ("the dense autoencoder 140-64").
    /// </summary>
    public static void CopyTensors(string path, SafetensorsContent content, IReadOnlyList<NamedTensor> expected, string model)
    {
        foreach (var tensor in expected) CopyTensor(path, content, tensor);
        foreach (string name in content.Tensors.Keys)
        {
            if (!expected.Any(t => t.Name == name)) throw new ModelFileException(path, $"tensor {name}: unexpected tensor (not part of {model})");
        }
    }

    /// <summary>The integer at <paramref name="key"/> (invariant culture), or <paramref name="fallback"/> when the key is absent.</summary>
    public static int ReadInt(string path, IReadOnlyDictionary<string, string> metadata, string key, int fallback)
    {
        if (!metadata.TryGetValue(key, out string? text)) return fallback;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new ModelFileException(path, $"metadata {key} \"{text}\" is not an integer");
    }

    /// <summary>The float at <paramref name="key"/> (invariant culture, or Python's inf / -inf / nan), or <paramref name="fallback"/> when the key is absent.</summary>
    public static float ReadFloat(string path, IReadOnlyDictionary<string, string> metadata, string key, float fallback)
    {
        if (!metadata.TryGetValue(key, out string? text)) return fallback;
        // Python writes infinity as "inf"; .NET as "Infinity".
        string normalised = text.Trim().ToLowerInvariant() switch { "inf" or "+inf" => "Infinity", "-inf" => "-Infinity", "nan" => "NaN", _ => text };
        return float.TryParse(normalised, NumberStyles.Float, CultureInfo.InvariantCulture, out float value)
            ? value
            : throw new ModelFileException(path, $"metadata {key} \"{text}\" is not a number");
    }

    /// <summary>Adds each provenance entry to <paramref name="metadata"/> as "provenance.&lt;key&gt;" = value.</summary>
    public static void AddProvenance(Dictionary<string, string> metadata, IReadOnlyDictionary<string, string> provenance)
    {
        foreach (var (key, value) in provenance) metadata[ProvenancePrefix + key] = value;
    }

    /// <summary>The provenance entries of <paramref name="metadata"/>: every "provenance.&lt;key&gt;" = value, with the prefix removed.</summary>
    public static Dictionary<string, string> ProvenanceFrom(IReadOnlyDictionary<string, string> metadata) =>
        metadata.Where(e => e.Key.StartsWith(ProvenancePrefix, StringComparison.Ordinal))
            .ToDictionary(e => e.Key[ProvenancePrefix.Length..], e => e.Value);
}
