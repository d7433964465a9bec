using EcgStream.Model;
using EcgStream.Model.Classification;
using EcgStream.Model.Serialization;

namespace EcgStream.TestSupport;

/// <summary>
/// A small real beat classifier for streaming tests (Conv1d, 140 samples, 5 classes, fixed seed, untrained) written to a
/// temporary file. Its normalisation differs from the test autoencoder's, so a detector that typed beats with the wrong
/// normalisation gives other probabilities than <see cref="Probabilities"/>.
/// </summary>
public sealed class TestClassifierFile : IDisposable
{
    /// <summary>Normalisation stored in the file: x' = (x − 0.25) / 2.</summary>
    public static readonly Normalisation Normalisation = new(0.25f, 2f);

    private readonly ClassifierModel _model;

    private TestClassifierFile(string path, ClassifierModel model) { Path = path; _model = model; }

    /// <summary>The classifier file.</summary>
    public string Path { get; }

    /// <summary>The version stored in it.</summary>
    public string Version => _model.Metadata.ModelVersion;

    /// <summary>Writes a classifier initialised from <paramref name="seed"/>, with version <paramref name="version"/>.</summary>
    public static TestClassifierFile Create(int seed = 20261206, string? version = null)
    {
        var model = Seeded(seed, new ClassifierMetadata { ModelVersion = version ?? $"test-classifier-{seed}", Normalisation = Normalisation });
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ecgstream-test-classifier-{Guid.NewGuid():N}.safetensors");
        ClassifierFile.Save(path, model);
        return new TestClassifierFile(path, model);
    }

    /// <summary>An untrained Conv1d classifier of <paramref name="sequenceLength"/> samples, initialised from <paramref name="seed"/>.</summary>
    public static ClassifierModel Seeded(int seed, ClassifierMetadata metadata, int sequenceLength = 140)
    {
        var parameters = new ClassifierParameters(ClassifierArchitecture.Conv1d, sequenceLength);
        parameters.Initialise(seed);
        return new ClassifierModel(parameters, metadata);
    }

    /// <summary>The five class probabilities this classifier gives <paramref name="samples"/> (raw, as on the wire).</summary>
    public float[] Probabilities(float[] samples)
    {
        var input = samples.ToArray();
        _model.Metadata.Normalisation.Apply(input);
        var probabilities = new float[_model.Parameters.ClassCount];
        using var classifier = BeatClassifier.Create(_model, threads: 1);
        classifier.Classify(input, 1, probabilities);
        return probabilities;
    }

    /// <inheritdoc/>
    public void Dispose() => File.Delete(Path);
}
