using System.Text.Json;
using System.Text.Json.Serialization;

namespace EcgStream.Trainer.Evaluation;

/// <summary>Writes and reads classifier-metrics.json: <see cref="ClassificationMetrics"/> as indented camelCase JSON.</summary>
public static class ClassificationMetricsFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Writes <paramref name="metrics"/> to <paramref name="path"/>, creating its folder.</summary>
    public static void Write(string path, ClassificationMetrics metrics)
    {
        MetricsFile.CreateFolderOf(path);
        File.WriteAllText(path, JsonSerializer.Serialize(metrics, Options) + "\n");
    }

    /// <summary>Reads a file written by <see cref="Write"/>.</summary>
    public static ClassificationMetrics Read(string path) =>
        JsonSerializer.Deserialize<ClassificationMetrics>(File.ReadAllText(path), Options)
        ?? throw new InvalidDataException($"{path}: not a classifier metrics file.");
}
