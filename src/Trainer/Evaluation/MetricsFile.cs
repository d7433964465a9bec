using System.Text.Json;
using System.Text.Json.Serialization;

namespace EcgStream.Trainer.Evaluation;

/// <summary>Writes and reads metrics.json: <see cref="EvaluationMetrics"/> as indented camelCase JSON.</summary>
public static class MetricsFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Writes <paramref name="metrics"/> to <paramref name="path"/>, creating its folder.</summary>
    public static void Write(string path, EvaluationMetrics metrics)
    {
        CreateFolderOf(path);
        File.WriteAllText(path, JsonSerializer.Serialize(metrics, Options) + "\n");
    }

    /// <summary>Reads a metrics.json written by <see cref="Write"/>.</summary>
    public static EvaluationMetrics Read(string path) =>
        JsonSerializer.Deserialize<EvaluationMetrics>(File.ReadAllText(path), Options)
        ?? throw new InvalidDataException($"{path}: not a metrics file.");

    /// <summary>Creates the folder <paramref name="path"/> is in, when it has one.</summary>
    internal static void CreateFolderOf(string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }
}
