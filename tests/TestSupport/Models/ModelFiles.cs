using EcgStream.Model;
using EcgStream.Model.Classification;
using EcgStream.Model.Inference;
using EcgStream.Model.Parameters;
using EcgStream.Model.Serialization;

namespace EcgStream.TestSupport;

/// <summary>Small real model and classifier files at fixed paths in a temporary folder, rewritten by version (for reload tests), deleted on dispose.</summary>
public sealed class ModelFiles : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ecgstream-models-").FullName;

    /// <summary>Path of the model file the detector is configured with.</summary>
    public string ModelPath => Path.Combine(_folder, "model.safetensors");

    /// <summary>Writes a model of <paramref name="version"/> to <see cref="ModelPath"/> (or <paramref name="path"/>), as a rename of a finished file.</summary>
    public void Write(string version, float threshold = 1f, AutoencoderShape? shape = null, string? path = null)
    {
        string temporary = Path.Combine(_folder, $"{Guid.NewGuid():N}.tmp");
        ModelFile.Save(temporary, new AutoencoderModel(AutoencoderParameters.Initialize(shape ?? TestModelFile.Shape, seed: 20261125),
            new ModelMetadata { ModelVersion = version, Threshold = threshold, ErrorMetric = ErrorMetric.L1Sum }));
        File.Move(temporary, path ?? ModelPath, overwrite: true);
    }

    /// <summary>Path of the classifier file the detector is configured with.</summary>
    public string ClassifierPath => Path.Combine(_folder, "classifier.safetensors");

    /// <summary>
    /// Writes a small seeded (untrained) Conv1d classifier of <paramref name="version"/> to <see cref="ClassifierPath"/>, as a
    /// rename of a finished file; <paramref name="sequenceLength"/> other than 140 makes one that does not fit the model.
    /// </summary>
    public void WriteClassifier(string version, int seed = 20261206, int sequenceLength = 140)
    {
        string temporary = Path.Combine(_folder, $"{Guid.NewGuid():N}.tmp");
        ClassifierFile.Save(temporary, TestClassifierFile.Seeded(seed, new ClassifierMetadata { ModelVersion = version }, sequenceLength));
        File.Move(temporary, ClassifierPath, overwrite: true);
    }

    /// <summary>Overwrites <see cref="ClassifierPath"/> with bytes that are not a classifier file.</summary>
    public void WriteCorruptClassifier() => File.WriteAllBytes(ClassifierPath, [0x10, 0, 0, 0, 0, 0, 0, 0, .. "{\"not\": \"a model\""u8]);

    /// <summary>Overwrites <see cref="ModelPath"/> with bytes that are not a model file.</summary>
    public void WriteCorrupt() => File.WriteAllBytes(ModelPath, [0x10, 0, 0, 0, 0, 0, 0, 0, .. "{\"not\": \"a model\""u8]);

    /// <inheritdoc/>
    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
