using System.Net;
using System.Net.Http.Json;
using EcgStream.Beats.Wire;
using EcgStream.Detector.Producing;
using EcgStream.Detector.Scoring;
using EcgStream.Integration.Streaming;

namespace EcgStream.Integration.Reliability.Reload;

/// <summary>
/// A running detector gets a new classifier file without a restart, through POST /admin/reload and through the file
/// watch; a bad classifier file is refused while the old model and classifier keep serving. Each decision carries the
/// version of the classifier that typed it.
/// </summary>
public sealed class ClassifierReloadEndToEndTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AdminReload_RefusesCorruptClassifier_ThenSwapsInNewClassifier_WithoutRestart()
    {
        using var cluster = TestCluster.Embedded();
        using var stream = new ReliabilityStream(cluster, beatCount: 300, partitions: 2);
        using var files = new ModelFiles();
        files.Write("model-for-classifier-reload");
        files.WriteClassifier("c1");
        await using var detector = await StartAsync(stream, files, watch: false);
        using var http = new HttpClient { BaseAddress = detector.Address };
        await SendAndWaitAsync(stream, 0, 100);
        files.WriteCorruptClassifier();
        using var refused = await http.PostAsync("/admin/reload", null);
        await SendAndWaitAsync(stream, 100, 200);
        files.WriteClassifier("c2", seed: 7);
        using var accepted = await http.PostAsync("/admin/reload", null);
        await SendAndWaitAsync(stream, 200, 300);
        var decisions = TopicReader.ReadJson(cluster.Options, stream.ScoresTopic, WireJsonContext.Default.ScoredBeat, 300, Timeout);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var refusal = (await refused.Content.ReadFromJsonAsync<ModelReloadResult>())!;
        Assert.Contains(files.ClassifierPath, refusal.Reason);
        Assert.Equal(("model-for-classifier-reload", "c1"), (refusal.ServingVersion, refusal.ServingClassifierVersion));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("c2", (await accepted.Content.ReadFromJsonAsync<ModelReloadResult>())!.ClassifierVersion);
        Assert.True(stream.Ledger.IsComplete, stream.Ledger.ToString());
        Assert.Equal(300, decisions.Count);
        var byBeat = decisions.ToDictionary(d => d.BeatId);
        Assert.All(stream.Beats.Take(200), b => Assert.Equal("c1", byBeat[b.BeatId].ClassifierVersion));
        Assert.All(stream.Beats.Skip(200), b => Assert.Equal("c2", byBeat[b.BeatId].ClassifierVersion));
        Assert.All(decisions, d => Assert.Equal(BeatType.MostLikely(d.Probabilities!), d.BeatType));
    }

    [Fact]
    public async Task FileWatch_SwapsInNewClassifierBetweenBatches_WhenOnlyTheClassifierFileChanges()
    {
        using var cluster = TestCluster.Embedded();
        using var stream = new ReliabilityStream(cluster, beatCount: 1200, partitions: 2);
        using var files = new ModelFiles();
        files.Write("model-for-classifier-reload");
        files.WriteClassifier("c1");
        await using var detector = await StartAsync(stream, files, watch: true);
        // Beats flow the whole time: the swap happens while batches are being typed.
        var sending = stream.SendAsync(0, stream.Beats.Count, beatsPerSecond: 200);
        await Task.Delay(ModelFileWatcher.QuietPeriod * 2);
        files.WriteCorruptClassifier();
        await Task.Delay(ModelFileWatcher.QuietPeriod * 3);
        files.WriteClassifier("c2", seed: 7);
        await sending;
        await stream.Decisions.WaitForAllAsync(Timeout);
        var decisions = TopicReader.ReadJson(cluster.Options, stream.ScoresTopic, WireJsonContext.Default.ScoredBeat, stream.Beats.Count, Timeout);

        Assert.True(stream.Ledger.IsComplete, stream.Ledger.ToString());
        Assert.All(decisions, d => Assert.Contains(d.ClassifierVersion, new[] { "c1", "c2" }));
        Assert.All(decisions, d => Assert.Equal("model-for-classifier-reload", d.ModelVersion));
        // The first classifier typed beats before the swap (through the refused corrupt write), the second after it.
        Assert.Contains(decisions, d => d.ClassifierVersion == "c1");
        Assert.Equal("c2", decisions.MaxBy(d => d.Sequence)!.ClassifierVersion);
        // Per patient (one partition, in order), the classifier changes once and never back.
        foreach (var patient in decisions.GroupBy(d => d.PatientId))
        {
            var versions = patient.OrderBy(d => d.Sequence).Select(d => d.ClassifierVersion!).ToList();
            Assert.Equal(versions.Order(StringComparer.Ordinal), versions);
        }
    }

    private static Task<InProcessDetector> StartAsync(ReliabilityStream stream, ModelFiles files, bool watch) =>
        InProcessDetector.StartAsync(stream.Settings(DeliveryGuarantee.AtLeastOnce, new Dictionary<string, string?>
        {
            ["Engine:ModelPath"] = files.ModelPath, ["Engine:ClassifierPath"] = files.ClassifierPath,
            ["Engine:WatchModelFile"] = watch ? "true" : "false",
        }));

    private static async Task SendAndWaitAsync(ReliabilityStream stream, int from, int to)
    {
        await stream.SendAsync(from, to, beatsPerSecond: 2000);
        Assert.True(await stream.Decisions.WaitUntilAsync(l => l.DecidedCount >= to, Timeout), stream.Ledger.ToString());
    }
}
