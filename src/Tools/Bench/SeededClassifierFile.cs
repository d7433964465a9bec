using EcgStream.Model.Classification;
using EcgStream.Model.Serialization;
using EcgStream.Tools.CommandLine;

namespace EcgStream.Tools.Bench;

/// <summary>
/// A classifier of a chosen architecture with seeded, untrained weights, in a temporary file deleted on dispose: for
/// benchmarking the classifier's cost in the detector before a trained one exists (the weights do not change the work).
/// </summary>
public sealed class SeededClassifierFile : IDisposable
{
    private SeededClassifierFile(string path) => Path = path;

    /// <summary>The temporary classifier file.</summary>
    public string Path { get; }

    /// <summary>Writes a seeded classifier of <paramref name="architecture"/> ("conv1d", "lstm" or "conv1d-lstm").</summary>
    public static SeededClassifierFile Create(string architecture, int seed = 20261206)
    {
        if (!ClassifierArchitectureNames.TryParse(architecture, out var parsed))
            throw new CommandLineException($"--classifier-arch must be one of {string.Join(", ", ClassifierArchitectureNames.All)}, not '{architecture}'");
        var parameters = new ClassifierParameters(parsed);
        parameters.Initialise(seed);
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ecgstream-bench-classifier-{Guid.NewGuid():N}.safetensors");
        ClassifierFile.Save(path, new ClassifierModel(parameters, new ClassifierMetadata { ModelVersion = $"bench-seed-{architecture}" }));
        return new SeededClassifierFile(path);
    }

    /// <summary>Deletes the file.</summary>
    public void Dispose() => File.Delete(Path);
}
