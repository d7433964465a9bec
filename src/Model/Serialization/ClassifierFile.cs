using System.Globalization;
using System.Text.Json;
using EcgStream.Model.Classification;

namespace EcgStream.Model.Serialization;

/// <summary>
/// Saves and loads <see cref="ClassifierModel"/>s as safetensors. Tensors carry the PyTorch twin's state_dict names
/// (scripts/classifier_models.py), so a file loads there with load_state_dict(strict=True). Metadata keys: kind = "classifier",
/// architecture ("conv1d", "lstm", "conv1d-lstm"), format_version, model_version, sequence_length, class_count, class_names
/// (a JSON array), normalisation_mean, normalisation_scale, "provenance.&lt;key&gt;" per provenance entry, and format = "pt".
/// A plain state_dict without our metadata loads too when its tensor names match one architecture exactly.
/// </summary>
public static class ClassifierFile
{
    /// <summary>The metadata value of "kind" in a classifier file.</summary>
    public const string Kind = "classifier";

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically: a temporary file in the same folder, then a rename.</summary>
    public static void Save(string path, ClassifierModel model)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(model.Parameters);
        ArgumentNullException.ThrowIfNull(model.Metadata);
        if (model.Metadata.ClassNames.Count != model.Parameters.ClassCount)
        {
            throw new ArgumentException($"The metadata names {model.Metadata.ClassNames.Count} classes but the network has {model.Parameters.ClassCount}.", nameof(model));
        }
        ModelFileFormat.SaveAtomically(path, model.Parameters.Tensors(), MetadataOf(model));
    }

    /// <summary>
    /// Reads a classifier file. Throws <see cref="ModelFileException"/> naming the file and the tensor or key for anything it
    /// cannot use: an autoencoder file, an unknown architecture, a missing, extra or misshapen tensor, a newer format.
    /// </summary>
    public static ClassifierModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var content = SafetensorsReader.Read(path);
        var metadata = content.Metadata;
        if (metadata.TryGetValue("kind", out string? kind) && kind != Kind)
        {
            throw new ModelFileException(path, $"metadata kind \"{kind}\": this is not a beat classifier file (kind \"{Kind}\")");
        }
        if (kind is null && content.Tensors.ContainsKey("encoder.rnn1.weight_ih_l0"))
        {
            throw new ModelFileException(path, "this is an LSTM autoencoder model file, not a beat classifier file (load it with ModelFile.Load)");
        }
        int formatVersion = ModelFileFormat.ReadInt(path, metadata, "format_version", ClassifierMetadata.CurrentFormatVersion);
        if (formatVersion > ClassifierMetadata.CurrentFormatVersion)
        {
            throw new ModelFileException(path, $"format_version {formatVersion} is newer than this program reads ({ClassifierMetadata.CurrentFormatVersion}); update the program");
        }
        if (formatVersion < 1) throw new ModelFileException(path, $"format_version {formatVersion} is not a valid version");

        var architecture = ArchitectureOf(path, content);
        int sequenceLength = ModelFileFormat.ReadInt(path, metadata, "sequence_length", 140);
        int classCount = ModelFileFormat.ReadInt(path, metadata, "class_count", content.Tensors.TryGetValue("fc.bias", out var fcBias) && fcBias.Shape.Length == 1 ? (int)fcBias.Shape[0] : 5);
        ClassifierParameters parameters;
        try
        {
            parameters = new ClassifierParameters(architecture, sequenceLength, classCount);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ModelFileException(path, $"{ClassifierArchitectureNames.Name(architecture)} with sequence_length {sequenceLength} and class_count {classCount} is not valid: {e.Message}", e);
        }
        ModelFileFormat.CopyTensors(path, content, parameters.Tensors(), $"the {ClassifierArchitectureNames.Name(architecture)} classifier");
        return new ClassifierModel(parameters, MetadataFrom(path, metadata, formatVersion, classCount));
    }

    private static ClassifierArchitecture ArchitectureOf(string path, SafetensorsContent content)
    {
        if (content.Metadata.TryGetValue("architecture", out string? name))
        {
            return ClassifierArchitectureNames.TryParse(name, out var architecture)
                ? architecture
                : throw new ModelFileException(path, $"metadata architecture \"{name}\" is not one of {string.Join(", ", ClassifierArchitectureNames.All)}");
        }

        // A plain state_dict (e.g. saved from the PyTorch twin): the architecture whose tensor names it holds exactly.
        foreach (var candidate in Enum.GetValues<ClassifierArchitecture>())
        {
            var names = new ClassifierParameters(candidate).Tensors().Select(t => t.Name);
            if (names.ToHashSet().SetEquals(content.Tensors.Keys)) return candidate;
        }
        throw new ModelFileException(path, $"metadata architecture: missing, and the tensors match none of {string.Join(", ", ClassifierArchitectureNames.All)}");
    }

    private static Dictionary<string, string> MetadataOf(ClassifierModel model)
    {
        var m = model.Metadata;
        var p = model.Parameters;
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "pt",
            ["kind"] = Kind,
            ["architecture"] = ClassifierArchitectureNames.Name(p.Architecture),
            ["format_version"] = m.FormatVersion.ToString(CultureInfo.InvariantCulture),
            ["model_version"] = m.ModelVersion,
            ["sequence_length"] = p.SequenceLength.ToString(CultureInfo.InvariantCulture),
            ["class_count"] = p.ClassCount.ToString(CultureInfo.InvariantCulture),
            ["class_names"] = JsonSerializer.Serialize(m.ClassNames),
            ["normalisation_mean"] = m.Normalisation.Mean.ToString("R", CultureInfo.InvariantCulture),
            ["normalisation_scale"] = m.Normalisation.Scale.ToString("R", CultureInfo.InvariantCulture),
        };
        ModelFileFormat.AddProvenance(metadata, m.Provenance);
        return metadata;
    }

    private static ClassifierMetadata MetadataFrom(string path, IReadOnlyDictionary<string, string> metadata, int formatVersion, int classCount)
    {
        var defaults = new ClassifierMetadata();
        IReadOnlyList<string> classNames = classCount == defaults.ClassNames.Count ? defaults.ClassNames : Enumerable.Range(0, classCount).Select(i => $"class {i}").ToArray();
        if (metadata.TryGetValue("class_names", out string? namesText))
        {
            string[]? names;
            try
            {
                names = JsonSerializer.Deserialize<string[]>(namesText);
            }
            catch (JsonException e)
            {
                throw new ModelFileException(path, $"metadata class_names \"{namesText}\" is not a JSON array of strings", e);
            }
            if (names is null || names.Length != classCount || names.Any(n => n is null))
            {
                throw new ModelFileException(path, $"metadata class_names \"{namesText}\" must name each of the {classCount} classes");
            }
            classNames = names;
        }
        float mean = ModelFileFormat.ReadFloat(path, metadata, "normalisation_mean", defaults.Normalisation.Mean);
        float scale = ModelFileFormat.ReadFloat(path, metadata, "normalisation_scale", defaults.Normalisation.Scale);
        if (!float.IsFinite(mean)) throw new ModelFileException(path, $"metadata normalisation_mean {mean} is not finite");
        if (!(scale > 0) || !float.IsFinite(scale)) throw new ModelFileException(path, $"metadata normalisation_scale {scale} must be positive and finite");
        return new ClassifierMetadata
        {
            FormatVersion = formatVersion,
            ModelVersion = metadata.GetValueOrDefault("model_version", defaults.ModelVersion),
            Normalisation = mean == 0f && scale == 1f ? Normalisation.None : new Normalisation(mean, scale),
            ClassNames = classNames,
            Provenance = ModelFileFormat.ProvenanceFrom(metadata),
        };
    }
}
