using System.Globalization;
using EcgStream.Model.Parameters;

namespace EcgStream.Model.Serialization;

/// <summary>
/// Saves and loads autoencoders as safetensors: <see cref="AutoencoderModel"/> (architecture "lstm-ae") and
/// <see cref="DenseAutoencoderModel"/> ("dense-ae"). Tensors carry PyTorch state_dict names, so a file loads
/// into the seed's nn.Module (or scripts/dense_autoencoder.py) with load_state_dict(strict=True), and a plain state_dict
/// saved by PyTorch loads here.
/// Metadata keys: architecture ("lstm-ae" or "dense-ae"; absent means "lstm-ae"), format_version, model_version,
/// sequence_length, features, embedding_size, hidden_size (lstm-ae), layer_sizes (dense-ae, e.g. "140-64-32-16"), threshold,
/// threshold_method, error_metric, normalisation_mean, normalisation_scale, "provenance.&lt;key&gt;" per provenance entry,
/// and format = "pt" (what safetensors' PyTorch loader expects).
/// </summary>
public static class ModelFile
{
    /// <summary>The metadata key naming the architecture.</summary>
    public const string ArchitectureKey = "architecture";

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically: a temporary file in the same folder, then a rename.</summary>
    public static void Save(string path, AutoencoderModel model)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(model);
        ModelFileFormat.SaveAtomically(path, model.Parameters.Tensors(), MetadataOf(model));
    }

    /// <summary>Writes a dense autoencoder to <paramref name="path"/> atomically, with architecture "dense-ae" and its layer_sizes.</summary>
    public static void Save(string path, DenseAutoencoderModel model)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(model);
        var metadata = MetadataOf(model);
        metadata["layer_sizes"] = model.Parameters.SizesText;
        ModelFileFormat.SaveAtomically(path, model.Parameters.Tensors(), metadata);
    }

    /// <summary>Writes a model of either architecture, as the Save overload for its type does.</summary>
    public static void Save(string path, IAutoencoderModel model)
    {
        switch (model)
        {
            case AutoencoderModel lstm: Save(path, lstm); break;
            case DenseAutoencoderModel dense: Save(path, dense); break;
            default: throw new ArgumentException($"Cannot save a {model?.GetType().Name ?? "null"}.", nameof(model));
        }
    }

    /// <summary>Reads a model file of either architecture; <see cref="Load(string)"/> and <see cref="LoadDense(string)"/> say what each checks.</summary>
    public static IAutoencoderModel LoadAny(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var content = SafetensorsReader.Read(path);
        return ArchitectureOf(path, content.Metadata) == AutoencoderArchitecture.DenseAe ? LoadDense(path, content) : Load(path, content);
    }

    /// <summary>
    /// Reads a dense-ae model file. The sizes come from metadata layer_sizes, else ECG5000's 140-64-32-16.
    /// Throws <see cref="ModelFileException"/> naming the file and the tensor or key for anything it cannot use,
    /// including a file of another architecture.
    /// </summary>
    public static DenseAutoencoderModel LoadDense(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return LoadDense(path, SafetensorsReader.Read(path));
    }

    /// <summary>
    /// Reads a model file. Without our metadata (a plain PyTorch state_dict) the sizes come from the tensor shapes, the
    /// sequence length is ECG5000's 140 and the metadata takes its defaults (threshold +∞).
    /// Throws <see cref="ModelFileException"/> naming the file and the tensor or key for anything it cannot use.
    /// </summary>
    public static AutoencoderModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Load(path, SafetensorsReader.Read(path));
    }

    private static AutoencoderModel Load(string path, SafetensorsContent content)
    {
        var metadata = content.Metadata;
        int formatVersion = CheckKindAndVersion(path, metadata, "an LSTM autoencoder");
        if (ArchitectureOf(path, metadata) != AutoencoderArchitecture.LstmAe)
        {
            throw new ModelFileException(path, $"metadata {ArchitectureKey} \"{metadata[ArchitectureKey]}\": this is not an LSTM autoencoder (load it with ModelFile.LoadAny)");
        }

        var shape = ShapeOf(path, content);
        var parameters = new AutoencoderParameters(shape);
        ModelFileFormat.CopyTensors(path, content, parameters.Tensors(), "the autoencoder");
        return new AutoencoderModel(parameters, MetadataFrom(path, metadata, formatVersion));
    }

    private static DenseAutoencoderModel LoadDense(string path, SafetensorsContent content)
    {
        var metadata = content.Metadata;
        int formatVersion = CheckKindAndVersion(path, metadata, "a dense autoencoder");
        if (ArchitectureOf(path, metadata) != AutoencoderArchitecture.DenseAe)
        {
            throw new ModelFileException(path, $"metadata {ArchitectureKey} is \"{metadata.GetValueOrDefault(ArchitectureKey, "lstm-ae")}\": this is not a dense autoencoder (load it with ModelFile.LoadAny)");
        }
        string sizesText = metadata.GetValueOrDefault("layer_sizes", string.Join('-', DenseAutoencoderParameters.Ecg5000Sizes));
        var sizes = new List<int>();
        foreach (string part in sizesText.Split('-'))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int size) || size < 1)
                throw new ModelFileException(path, $"metadata layer_sizes \"{sizesText}\" is not positive sizes joined by '-', e.g. 140-64-32-16");
            sizes.Add(size);
        }
        if (sizes.Count < 2) throw new ModelFileException(path, $"metadata layer_sizes \"{sizesText}\" needs the beat length and at least one layer width");

        var parameters = new DenseAutoencoderParameters(sizes);
        ModelFileFormat.CopyTensors(path, content, parameters.Tensors(), $"the dense autoencoder {sizesText}");
        return new DenseAutoencoderModel(parameters, MetadataFrom(path, metadata, formatVersion));
    }

    /// <summary>
    /// The architecture the metadata names; "lstm-ae" when it names none (every file written before dense-ae existed).
    /// An unknown value is a <see cref="ModelFileException"/> naming the file and the value.
    /// </summary>
    private static AutoencoderArchitecture ArchitectureOf(string path, IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue(ArchitectureKey, out string? name)) return AutoencoderArchitecture.LstmAe;
        if (AutoencoderArchitectureNames.TryParse(name, out var architecture)) return architecture;
        throw new ModelFileException(path, $"metadata {ArchitectureKey} \"{name}\" is not one of {string.Join(", ", AutoencoderArchitectureNames.All)}");
    }

    /// <summary>Refuses files of another kind (a beat classifier) and format versions this code cannot read; returns the version.</summary>
    private static int CheckKindAndVersion(string path, IReadOnlyDictionary<string, string> metadata, string what)
    {
        if (metadata.TryGetValue("kind", out string? kind) && kind != "autoencoder")
        {
            // A beat classifier (ClassifierFile) or another model kind: say so rather than report a missing encoder tensor.
            throw new ModelFileException(path, $"metadata kind \"{kind}\": this is not {what} model file"
                + (kind == ClassifierFile.Kind ? " but a beat classifier (load it with ClassifierFile.Load)" : ""));
        }
        int formatVersion = ModelFileFormat.ReadInt(path, metadata, "format_version", ModelMetadata.CurrentFormatVersion);
        if (formatVersion > ModelMetadata.CurrentFormatVersion)
        {
            throw new ModelFileException(path, $"format_version {formatVersion} is newer than this program reads ({ModelMetadata.CurrentFormatVersion}); update the program");
        }
        if (formatVersion < 1) throw new ModelFileException(path, $"format_version {formatVersion} is not a valid version");
        return formatVersion;
    }

    private static Dictionary<string, string> MetadataOf(DenseAutoencoderModel model) =>
        MetadataOf(model.Metadata, AutoencoderArchitecture.DenseAe, []);

    private static Dictionary<string, string> MetadataOf(AutoencoderModel model)
    {
        var shape = model.Shape;
        return MetadataOf(model.Metadata, AutoencoderArchitecture.LstmAe,
        [
            ("sequence_length", shape.SequenceLength), ("features", shape.Features),
            ("embedding_size", shape.EmbeddingSize), ("hidden_size", shape.HiddenSize),
        ]);
    }

    // What every autoencoder file says, with the architecture's own sizes after its version (the order files always had).
    private static Dictionary<string, string> MetadataOf(ModelMetadata m, AutoencoderArchitecture architecture, (string Key, int Value)[] sizes)
    {
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "pt",
            [ArchitectureKey] = AutoencoderArchitectureNames.Name(architecture),
            ["format_version"] = m.FormatVersion.ToString(CultureInfo.InvariantCulture),
            ["model_version"] = m.ModelVersion,
        };
        foreach (var (key, value) in sizes) metadata[key] = value.ToString(CultureInfo.InvariantCulture);
        metadata["threshold"] = m.Threshold.ToString("R", CultureInfo.InvariantCulture);
        metadata["threshold_method"] = m.ThresholdMethod;
        metadata["error_metric"] = m.ErrorMetric.ToString();
        metadata["normalisation_mean"] = m.Normalisation.Mean.ToString("R", CultureInfo.InvariantCulture);
        metadata["normalisation_scale"] = m.Normalisation.Scale.ToString("R", CultureInfo.InvariantCulture);
        ModelFileFormat.AddProvenance(metadata, m.Provenance);
        return metadata;
    }

    private static ModelMetadata MetadataFrom(string path, IReadOnlyDictionary<string, string> metadata, int formatVersion)
    {
        var defaults = new ModelMetadata();
        float threshold = ModelFileFormat.ReadFloat(path, metadata, "threshold", defaults.Threshold);
        if (float.IsNaN(threshold)) throw new ModelFileException(path, "metadata threshold is NaN");
        var metric = defaults.ErrorMetric;
        if (metadata.TryGetValue("error_metric", out string? metricText) && !Enum.TryParse(metricText, ignoreCase: false, out metric) || !Enum.IsDefined(metric))
        {
            throw new ModelFileException(path, $"metadata error_metric \"{metricText}\" is not one of {string.Join(", ", Enum.GetNames<ErrorMetric>())}");
        }
        float mean = ModelFileFormat.ReadFloat(path, metadata, "normalisation_mean", defaults.Normalisation.Mean);
        float scale = ModelFileFormat.ReadFloat(path, metadata, "normalisation_scale", defaults.Normalisation.Scale);
        if (!float.IsFinite(mean)) throw new ModelFileException(path, $"metadata normalisation_mean {mean} is not finite");
        if (!(scale > 0) || !float.IsFinite(scale)) throw new ModelFileException(path, $"metadata normalisation_scale {scale} must be positive and finite");
        return new ModelMetadata
        {
            FormatVersion = formatVersion,
            ModelVersion = metadata.GetValueOrDefault("model_version", defaults.ModelVersion),
            Threshold = threshold,
            ThresholdMethod = metadata.GetValueOrDefault("threshold_method", defaults.ThresholdMethod),
            ErrorMetric = metric,
            Normalisation = mean == 0f && scale == 1f ? Normalisation.None : new Normalisation(mean, scale),
            Provenance = ModelFileFormat.ProvenanceFrom(metadata),
        };
    }

    /// <summary>Sizes from the metadata when present, otherwise from the shapes of encoder.rnn1.weight_ih_l0 ([4H, F]) and encoder.rnn2.weight_hh_l0 ([4E, E]).</summary>
    private static AutoencoderShape ShapeOf(string path, SafetensorsContent content)
    {
        var metadata = content.Metadata;
        int sequenceLength = ModelFileFormat.ReadInt(path, metadata, "sequence_length", AutoencoderShape.Ecg5000.SequenceLength);
        var first = ModelFileFormat.Required(path, content, "encoder.rnn1.weight_ih_l0");
        var second = ModelFileFormat.Required(path, content, "encoder.rnn2.weight_hh_l0");
        if (first.Shape.Length != 2 || first.Shape[0] % 4 != 0 || first.Shape[0] == 0)
        {
            throw new ModelFileException(path, $"tensor {first.Name}: shape {first.ShapeText} is not [4·hidden_size, features]");
        }
        if (second.Shape.Length != 2 || second.Shape[0] % 4 != 0 || second.Shape[0] == 0)
        {
            throw new ModelFileException(path, $"tensor {second.Name}: shape {second.ShapeText} is not [4·embedding_size, embedding_size]");
        }
        int features = ModelFileFormat.ReadInt(path, metadata, "features", (int)first.Shape[1]);
        int hidden = ModelFileFormat.ReadInt(path, metadata, "hidden_size", (int)first.Shape[0] / 4);
        int embedding = ModelFileFormat.ReadInt(path, metadata, "embedding_size", (int)second.Shape[0] / 4);
        var shape = new AutoencoderShape(sequenceLength, features, embedding, hidden);
        try
        {
            shape.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ModelFileException(path, $"architecture {shape} is not valid ({e.ParamName} must be positive)", e);
        }
        return shape;
    }
}
