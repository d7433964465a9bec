using System.Text.Json;
using EcgStream.Beats.Ecg5000;
using EcgStream.Beats.Wire;

namespace EcgStream.Beats.Tests.Wire;

/// <summary>The classifier's fields on the anomaly event and the scored beat: written when a classifier typed the beat,
/// absent otherwise, so records of a detector without a classifier are what they were before.</summary>
public sealed class ClassifiedWireRecordTests
{
    private static readonly float[] Probabilities = [0.05f, 0.1f, 0.7f, 0.1f, 0.05f];

    private static AnomalyEvent Event() => new("beat-7", "patient-1", 7, DateTimeOffset.UnixEpoch, 3.5f, 1.25f, "L1Sum", "ae-v1",
        DateTimeOffset.UnixEpoch.AddSeconds(1), new DecisionLatency(1, 2, 3), new SourcePosition("ecg.beats", 0, 42), BeatClass.Pvc);

    private static ScoredBeat Scored() => new("beat-7", "patient-1", 7, 3.5f, true, "ae-v1", 3, BeatClass.Pvc);

    [Fact]
    public void AnomalyEvent_WritesBeatTypeProbabilitiesAndClassifierVersion_WhenClassified()
    {
        var anomaly = Event() with { BeatType = BeatType.Of(BeatClass.Pvc), Probabilities = Probabilities, ClassifierVersion = "clf-v1" };

        using var json = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(anomaly, WireJsonContext.Default.AnomalyEvent));

        var root = json.RootElement;
        Assert.Equal("PVC", root.GetProperty("beatType").GetProperty("name").GetString());
        Assert.Equal(3, root.GetProperty("beatType").GetProperty("class").GetInt32());
        Assert.Equal(Probabilities, root.GetProperty("probabilities").EnumerateArray().Select(p => p.GetSingle()));
        Assert.Equal("clf-v1", root.GetProperty("classifierVersion").GetString());
    }

    [Fact]
    public void AnomalyEvent_LeavesOutTheClassifierFields_WhenNotClassified()
    {
        using var json = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(Event(), WireJsonContext.Default.AnomalyEvent));

        var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["beatId", "patientId", "sequence", "timestamp", "score", "threshold", "errorMetric", "modelVersion", "decidedAt",
            "latency", "source", "label"], names);
    }

    [Fact]
    public void ScoredBeat_WritesBeatTypeProbabilitiesAndClassifierVersion_WhenClassified()
    {
        var decision = Scored() with { BeatType = BeatType.Of(BeatClass.SpEb), Probabilities = Probabilities, ClassifierVersion = "clf-v1" };

        using var json = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(decision, WireJsonContext.Default.ScoredBeat));

        var root = json.RootElement;
        Assert.Equal("SP/EB", root.GetProperty("beatType").GetProperty("name").GetString());
        Assert.Equal(4, root.GetProperty("beatType").GetProperty("class").GetInt32());
        Assert.Equal(5, root.GetProperty("probabilities").GetArrayLength());
        Assert.Equal("clf-v1", root.GetProperty("classifierVersion").GetString());
    }

    [Fact]
    public void ScoredBeat_LeavesOutTheClassifierFields_WhenNotClassified()
    {
        using var json = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(Scored(), WireJsonContext.Default.ScoredBeat));

        var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["beatId", "patientId", "sequence", "score", "isAnomaly", "modelVersion", "endToEndMs", "label"], names);
    }

    [Fact]
    public void ScoredBeat_ReadsBackTheClassifierFields_AndNullsFromOldRecords_WhenDeserialised()
    {
        var decision = Scored() with { BeatType = BeatType.Of(BeatClass.Ub), Probabilities = Probabilities, ClassifierVersion = "clf-v1" };
        byte[] old = JsonSerializer.SerializeToUtf8Bytes(Scored(), WireJsonContext.Default.ScoredBeat);

        var back = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(decision, WireJsonContext.Default.ScoredBeat), WireJsonContext.Default.ScoredBeat)!;
        var oldBack = JsonSerializer.Deserialize(old, WireJsonContext.Default.ScoredBeat)!;

        Assert.Equal(BeatType.Of(BeatClass.Ub), back.BeatType);
        Assert.Equal("Unclassified", back.BeatType!.Name);
        Assert.Equal(Probabilities, back.Probabilities);
        Assert.Equal("clf-v1", back.ClassifierVersion);
        Assert.Equal((null, null, null), (oldBack.BeatType, oldBack.Probabilities, oldBack.ClassifierVersion));
    }

    [Theory]
    [InlineData("anomaly-event.schema.json")]
    [InlineData("scored-beat.schema.json")]
    public void Schema_DeclaresEveryFieldTheDetectorWrites_WhenClassified(string schemaFile)
    {
        byte[] record = schemaFile.StartsWith("anomaly", StringComparison.Ordinal)
            ? JsonSerializer.SerializeToUtf8Bytes(Event() with { BeatType = BeatType.Of(BeatClass.Pvc), Probabilities = Probabilities, ClassifierVersion = "c" }, WireJsonContext.Default.AnomalyEvent)
            : JsonSerializer.SerializeToUtf8Bytes(Scored() with { BeatType = BeatType.Of(BeatClass.Pvc), Probabilities = Probabilities, ClassifierVersion = "c" }, WireJsonContext.Default.ScoredBeat);
        using var schema = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepositoryRoot(), "schemas", schemaFile)));
        using var json = JsonDocument.Parse(record);

        var declared = schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();
        var required = schema.RootElement.GetProperty("required").EnumerateArray().Select(p => p.GetString()).ToHashSet();
        var beatType = schema.RootElement.GetProperty("$defs").GetProperty("beatType");
        Assert.All(json.RootElement.EnumerateObject(), p => Assert.Contains(p.Name, declared));
        Assert.DoesNotContain("beatType", required);
        Assert.DoesNotContain("probabilities", required);
        Assert.DoesNotContain("classifierVersion", required);
        Assert.Equal(["name", "class"], beatType.GetProperty("required").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(BeatClassNames.All, beatType.GetProperty("properties").GetProperty("name").GetProperty("enum").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public void BeatType_MostLikely_IsTheClassWithTheHighestProbability_WhenGivenFive()
    {
        var type = BeatType.MostLikely([0.1f, 0.6f, 0.2f, 0.05f, 0.05f]);

        Assert.Equal(new BeatType("R-on-T PVC", 2), type);
    }

    [Fact]
    public void BeatType_MostLikely_Throws_WhenNotGivenFiveProbabilities()
    {
        Assert.Throws<ArgumentException>(() => BeatType.MostLikely([0.5f, 0.5f]));
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "EcgStream.sln"))) return folder.FullName;
        throw new DirectoryNotFoundException("EcgStream.sln not found above " + AppContext.BaseDirectory);
    }
}
