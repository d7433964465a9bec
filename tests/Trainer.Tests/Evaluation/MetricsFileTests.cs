using System.Text.Json;
using EcgStream.Trainer.Evaluation;
using EcgStream.Trainer.Tests.Support;

namespace EcgStream.Trainer.Tests.Evaluation;

public sealed class MetricsFileTests
{
    [Fact]
    public void Write_ThenRead_GivesTheSameFigures()
    {
        using var folder = new TempFolder();
        var path = folder.File("sub/metrics.json");
        var metrics = ScoredBeats.Metrics();

        MetricsFile.Write(path, metrics);
        var read = MetricsFile.Read(path);

        Assert.Equal(JsonSerializer.Serialize(metrics), JsonSerializer.Serialize(read));
    }

    [Fact]
    public void Write_UsesCamelCaseNames_AndNestsTheConfusionMatrixAndClasses()
    {
        using var folder = new TempFolder();
        var path = folder.File("metrics.json");

        MetricsFile.Write(path, ScoredBeats.Metrics());

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        foreach (var name in new[] { "modelVersion", "protocol", "split", "threshold", "accuracy", "precision", "recall", "f1", "rocAuc", "prAuc" })
        {
            Assert.True(root.TryGetProperty(name, out _), $"metrics.json lacks {name}");
        }
        Assert.Equal(4, root.GetProperty("confusionMatrix").GetProperty("truePositives").GetInt32());
        Assert.Equal(5, root.GetProperty("perClass").GetArrayLength());
        Assert.Equal("R-on-T PVC", root.GetProperty("perClass")[1].GetProperty("name").GetString());
    }
}
