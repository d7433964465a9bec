namespace EcgStream.TestSupport;

/// <summary>Paths in the repository the tests were built from, and of the ECG5000 copy beside it.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding EcgStream.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The deploy/ folder: Prometheus, alerting rules, Grafana, docker-compose.</summary>
    public static string Deploy => Path.Combine(Root, "deploy");

    /// <summary>The shipped default model.</summary>
    public static string DefaultModel => Path.Combine(Root, "models", "ecg5000.safetensors");

    /// <summary>The shipped default model's test metrics.</summary>
    public static string DefaultMetrics => Path.Combine(Root, "models", "metrics.json");

    /// <summary>The shipped beat classifier.</summary>
    public static string DefaultClassifier => Path.Combine(Root, "models", "ecg5000-classifier.safetensors");

    /// <summary>The shipped beat classifier's test metrics.</summary>
    public static string DefaultClassifierMetrics => Path.Combine(Root, "models", "classifier-metrics.json");

    /// <summary>ECG5000 as the docs' commands use it: ../shared/data/ECG5000 from the repository root.</summary>
    public static string Ecg5000 => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", "ECG5000"));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "EcgStream.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException($"EcgStream.sln not found above {AppContext.BaseDirectory}.");
    }
}
