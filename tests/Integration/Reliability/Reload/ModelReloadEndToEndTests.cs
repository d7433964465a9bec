using System.Net;
using System.Net.Http.Json;
using EcgStream.Beats.Wire;
using EcgStream.Detector.Producing;
using EcgStream.Detector.Scoring;
using EcgStream.Integration.Streaming;

namespace EcgStream.Integration.Reliability.Reload;

/// <summary>
/// A running detector on the embedded broker gets a new model file without a restart, through POST /admin/reload and
/// through the file watch. Model v1 has threshold 0 (every beat anomalous) and v2 a huge one (none), so each decision
/// shows whether the threshold and the version it carries came from the same model.
/// </summary>
public sealed class ModelReloadEndToEndTests
{
    private const float EverythingAnomalous = 0f, NothingAnomalous = 1e30f;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AdminReload_RefusesCorruptFile_ThenSwapsInNewModel_WithoutRestart()
    {
        using var cluster = TestCluster.Embedded();
        using var stream = new ReliabilityStream(cluster, beatCount: 300, partitions: 2);
        using var files = new ModelFiles();
        files.Write("v1", EverythingAnomalous);
        await using var detector = await StartAsync(stream, files, watch: false);
        using var http = new HttpClient { BaseAddress = detector.Address };
        await SendAndWaitAsync(stream, 0, 100);
        files.WriteCorrupt();
        using var refused = await http.PostAsync("/admin/reload", null);
        await SendAndWaitAsync(stream, 100, 200);
        files.Write("v2", NothingAnomalous);
        using var accepted = await http.PostAsync("/admin/reload", null);
        await SendAndWaitAsync(stream, 200, 300);
        string metrics = await http.GetStringAsync("/metrics");
        var decisions = TopicReader.ReadJson(cluster.Options, stream.ScoresTopic, WireJsonContext.Default.ScoredBeat, 300, Timeout);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var refusal = (await refused.Content.ReadFromJsonAsync<ModelReloadResult>())!;
        Assert.False(string.IsNullOrWhiteSpace(refusal.Reason));
        Assert.Equal("v1", refusal.ServingVersion);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("v2", (await accepted.Content.ReadFromJsonAsync<ModelReloadResult>())!.ModelVersion);
        Assert.Equal(300, decisions.Count);
        var byBeat = decisions.ToDictionary(d => d.BeatId);
        Assert.All(stream.Beats.Take(200), b => Assert.Equal(("v1", true), (byBeat[b.BeatId].ModelVersion, byBeat[b.BeatId].IsAnomaly)));
        Assert.All(stream.Beats.Skip(200), b => Assert.Equal(("v2", false), (byBeat[b.BeatId].ModelVersion, byBeat[b.BeatId].IsAnomaly)));
        Assert.Contains("model_version=\"v2\"", metrics);
        Assert.DoesNotContain("model_version=\"v1\"", metrics);
    }

    [Fact]
    public async Task FileWatch_RefusesCorruptFile_ThenSwapsInNewModelBetweenBatches_WhileBeatsFlow()
    {
        using var cluster = TestCluster.Embedded();
        using var stream = new ReliabilityStream(cluster, beatCount: 1200, partitions: 2);
        using var files = new ModelFiles();
        files.Write("v1", EverythingAnomalous);
        await using var detector = await StartAsync(stream, files, watch: true);
        // Beats flow the whole time: the swap happens while batches are being scored.
        var sending = stream.SendAsync(0, stream.Beats.Count, beatsPerSecond: 200);
        await Task.Delay(ModelFileWatcher.QuietPeriod * 2);
        files.WriteCorrupt();
        await Task.Delay(ModelFileWatcher.QuietPeriod * 3);
        files.Write("v2", NothingAnomalous);
        await sending;
        await stream.Decisions.WaitForAllAsync(Timeout);
        var decisions = TopicReader.ReadJson(cluster.Options, stream.ScoresTopic, WireJsonContext.Default.ScoredBeat, stream.Beats.Count, Timeout);

        Assert.True(stream.Ledger.IsComplete, stream.Ledger.ToString());
        Assert.All(decisions, d => Assert.Equal(d.ModelVersion == "v1", d.IsAnomaly));
        Assert.Contains(decisions, d => d.ModelVersion == "v2");
        Assert.Equal("v2", decisions.MaxBy(d => d.Sequence)!.ModelVersion);
        // Per patient (one partition, in order), the model changes once and never back.
        foreach (var patient in decisions.GroupBy(d => d.PatientId))
        {
            var versions = patient.OrderBy(d => d.Sequence).Select(d => d.ModelVersion).ToList();
            Assert.Equal(versions.Order(StringComparer.Ordinal), versions);
        }
    }

    private static Task<InProcessDetector> StartAsync(ReliabilityStream stream, ModelFiles files, bool watch) =>
        InProcessDetector.StartAsync(stream.Settings(DeliveryGuarantee.AtLeastOnce, new Dictionary<string, string?>
        {
            ["Engine:ModelPath"] = files.ModelPath, ["Engine:WatchModelFile"] = watch ? "true" : "false",
        }));

    private static async Task SendAndWaitAsync(ReliabilityStream stream, int from, int to)
    {
        await stream.SendAsync(from, to, beatsPerSecond: 2000);
        Assert.True(await stream.Decisions.WaitUntilAsync(l => l.DecidedCount >= to, Timeout), stream.Ledger.ToString());
    }
}
