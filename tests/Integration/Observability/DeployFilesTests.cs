using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace EcgStream.Integration.Observability;

[Collection(ObservabilityCollection.Name)]
public sealed partial class DeployFilesTests
{
    private static string PrometheusConfig => Path.Combine(RepositoryPaths.Deploy, "prometheus", "prometheus.yml");
    private static string RulesDirectory => Path.Combine(RepositoryPaths.Deploy, "prometheus", "rules");
    private static string Dashboard => Path.Combine(RepositoryPaths.Deploy, "grafana", "dashboards", "ecgstream-detector.json");
    private static string Compose => Path.Combine(RepositoryPaths.Deploy, "docker-compose.yml");

    [SystemToolFact(Promtool.Path)]
    public async Task PrometheusConfig_PassesPromtoolCheckConfig_WithItsRuleFiles()
    {
        var (exitCode, output) = await Promtool.RunAsync(["check", "config", PrometheusConfig]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("2 rule files found", output);
    }

    [SystemToolFact(Promtool.Path)]
    public async Task AlertRules_PassPromtoolCheckRules()
    {
        var files = Directory.GetFiles(RulesDirectory, "*.yml");

        var (exitCode, output) = await Promtool.RunAsync(["check", "rules", .. files]);

        Assert.Equal(2, files.Length);
        Assert.True(exitCode == 0, output);
    }

    [SystemToolFact(Promtool.Path)]
    public async Task AlertRules_PassTheirUnitTests_InPromtoolTestRules()
    {
        var (exitCode, output) = await Promtool.RunAsync(
            ["test", "rules", "ecgstream-alerts.test.yml"], workingDirectory: Path.Combine(RulesDirectory, "tests"));

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output);
    }

    [Fact]
    public void AlertRules_CoverDownLagDeadLettersAndLatencyBurn()
    {
        var alerts = Sequence(Load(Path.Combine(RulesDirectory, "ecgstream-alerts.yml"))["groups"])
            .SelectMany(g => Sequence(((YamlMappingNode)g)["rules"]))
            .Select(r => (Name: Scalar(r, "alert"), Expr: Scalar(r, "expr")))
            .ToList();

        Assert.Contains(alerts, a => a.Name == "EcgStreamDetectorDown" && a.Expr.Contains("up{"));
        Assert.Contains(alerts, a => a.Name == "EcgStreamConsumerLagGrowing" && a.Expr.Contains("ecgstream_consumer_lag"));
        Assert.Contains(alerts, a => a.Name == "EcgStreamDeadLetterRateHigh" && a.Expr.Contains("ecgstream_beats_dead_lettered_total"));
        Assert.Contains(alerts, a => a.Name == "EcgStreamLatencySloFastBurn" && a.Expr.Contains("end_to_end_latency_over_slo"));
    }

    [Fact]
    public async Task DashboardAndRules_QueryOnlyMetricsTheDetectorExports()
    {
        await using var host = await TelemetryHost.StartAsync();
        TelemetryHost.RecordEveryKind(host.Metrics);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var exported = SeriesNames(await http.GetStringAsync("/metrics"));
        var queries = DashboardQueries().Concat(RuleExpressions()).ToList();

        var referenced = queries.SelectMany(q => MetricNamePattern().Matches(q).Select(m => m.Value)).ToHashSet();

        Assert.NotEmpty(referenced);
        Assert.All(referenced, name => Assert.Contains(name, exported));
    }

    [Fact]
    public void Dashboard_HasThroughputLatencyAnomalyLagAndBatchPanels()
    {
        var titles = JsonDocument.Parse(File.ReadAllText(Dashboard)).RootElement.GetProperty("panels").EnumerateArray()
            .Select(p => p.GetProperty("title").GetString()!).ToList();

        foreach (string expected in new[] { "Throughput", "latency quantiles", "Anomaly rate", "Consumer lag", "Batch size" })
            Assert.Contains(titles, t => t.Contains(expected, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void DockerCompose_IsWellFormed_AndEveryReferencedFileExists()
    {
        var services = (YamlMappingNode)Load(Compose)["services"];
        string composeDirectory = Path.GetDirectoryName(Compose)!;

        var names = services.Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToHashSet();
        Assert.Superset(new HashSet<string?> { "kafka", "prometheus", "grafana", "ingest", "detector" }, names);
        Assert.Equal("broker,controller", Scalar(((YamlMappingNode)services["kafka"])["environment"], "KAFKA_PROCESS_ROLES"));
        foreach (var (_, node) in services.Children)
        {
            var service = (YamlMappingNode)node;
            if (service.Children.TryGetValue("build", out var build))
            {
                string context = Path.GetFullPath(Path.Combine(composeDirectory, Scalar(build, "context")));
                string dockerfile = Path.Combine(context, Scalar(build, "dockerfile"));
                Assert.True(Directory.Exists(context), context);
                Assert.True(File.Exists(dockerfile), dockerfile);
                // The context is the repository root: without this, the host's bin/ and obj/ (restore state with host paths) go in.
                Assert.True(File.Exists(dockerfile + ".dockerignore"), $"{dockerfile}.dockerignore is missing");
                foreach (string source in DockerfileCopySources(dockerfile))
                    Assert.True(File.Exists(Path.Combine(context, source)) || Directory.Exists(Path.Combine(context, source)),
                        $"{dockerfile} copies {source}, which does not exist");
            }
            if (service.Children.TryGetValue("volumes", out var volumes))
            {
                foreach (var volume in Sequence(volumes))
                {
                    string hostPath = ((YamlScalarNode)volume).Value!.Split(':')[0];
                    Assert.True(Path.Exists(Path.Combine(composeDirectory, hostPath)), $"volume {hostPath} does not exist");
                }
            }
        }
    }

    [Fact]
    public void DockerCompose_IngestCommandAndEnvironment_AreAcceptedByTheIngestCli()
    {
        var ingest = (YamlMappingNode)((YamlMappingNode)Load(Compose)["services"])["ingest"];
        string[] command = Sequence(ingest["command"]).Select(n => ((YamlScalarNode)n).Value!).ToArray();
        var environment = ((YamlMappingNode)ingest["environment"]).Children
            .Select(e => KeyValuePair.Create(((YamlScalarNode)e.Key).Value!, ((YamlScalarNode)e.Value).Value));

        // The image's entrypoint is the Ingest program, so the command starts with its subcommand.
        Assert.Equal("replay", command[0]);
        var options = EcgStream.Ingest.ReplayArguments.Parse(command[1..], environment);

        Assert.Equal("kafka:9092", options.Kafka.BootstrapServers);
        Assert.Equal("ecg.beats", options.Topic);
        Assert.Null(options.DataDirectory);
    }

    /// <summary>Series a scrape holds: every sample's name (histograms give their _bucket, _sum and _count series).</summary>
    private static HashSet<string> SeriesNames(string scrape) => scrape.Split('\n')
        .Where(line => line.Length > 0 && line[0] != '#')
        .Select(line => line[..line.IndexOfAny(['{', ' '])])
        .ToHashSet();

    private static IEnumerable<string> DashboardQueries() =>
        JsonDocument.Parse(File.ReadAllText(Dashboard)).RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!);

    private static IEnumerable<string> RuleExpressions() =>
        Directory.GetFiles(RulesDirectory, "*.yml")
            .SelectMany(f => Sequence(Load(f)["groups"]))
            .SelectMany(g => Sequence(((YamlMappingNode)g)["rules"]))
            .Select(r => Scalar(r, "expr"));

    /// <summary>Source paths of the COPY instructions that copy from the build context (not from another stage).</summary>
    private static IEnumerable<string> DockerfileCopySources(string dockerfile) => File.ReadAllLines(dockerfile)
        .Select(line => line.Trim())
        .Where(line => line.StartsWith("COPY ", StringComparison.Ordinal) && !line.Contains("--from="))
        .SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1]);

    private static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static IEnumerable<YamlNode> Sequence(YamlNode node) => ((YamlSequenceNode)node).Children;

    private static string Scalar(YamlNode mapping, string key) =>
        ((YamlMappingNode)mapping).Children.TryGetValue(key, out var value) ? ((YamlScalarNode)value).Value ?? "" : "";

    /// <summary>Names of our and the runtime's metrics inside a PromQL expression.</summary>
    [GeneratedRegex(@"\b(?:ecgstream|dotnet)_[a-z0-9_]+\b")]
    private static partial Regex MetricNamePattern();
}
