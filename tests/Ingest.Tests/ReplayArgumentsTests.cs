using EcgStream.Ingest;
using EcgStream.Ingest.Replay;

namespace EcgStream.Ingest.Tests;

public sealed class ReplayArgumentsTests
{
    private static readonly KeyValuePair<string, string?>[] NoEnvironment = [];

    [Fact]
    public void Parse_GivesTheDocumentedDefaults_WhenNoOptionsAreGiven()
    {
        var options = ReplayArguments.Parse([], NoEnvironment);

        Assert.Null(options.DataDirectory);
        Assert.Equal("ecg.beats", options.Topic);
        Assert.Equal(16, options.Patients);
        Assert.Equal(ReplayPace.RealTime, options.Pace);
        Assert.Null(options.Limit);
        Assert.False(options.Loop);
        Assert.Null(options.AnomalyFraction);
        Assert.Equal("localhost:9092", options.Kafka.BootstrapServers);
    }

    [Fact]
    public void Parse_ReadsEveryOption()
    {
        var options = ReplayArguments.Parse(
            ["--data", "/d", "--bootstrap", "h:1", "--topic", "t", "--patients", "3", "--rate", "250", "--limit", "99", "--loop",
             "--anomaly-fraction", "0.5", "--seed", "-4"], NoEnvironment);

        Assert.Equal("/d", options.DataDirectory);
        Assert.Equal("h:1", options.Kafka.BootstrapServers);
        Assert.Equal("t", options.Topic);
        Assert.Equal(3, options.Patients);
        Assert.Equal(250, options.Pace.BeatsPerSecond);
        Assert.Equal(99, options.Limit);
        Assert.True(options.Loop);
        Assert.Equal(0.5, options.AnomalyFraction);
        Assert.Equal(-4, options.Seed);
    }

    [Fact]
    public void Parse_PassesKafkaSettingsThrough_FromEnvironmentThenCommandLine()
    {
        var environment = new Dictionary<string, string?> { ["Kafka__SaslMechanism"] = "PLAIN", ["Kafka__Producer__LingerMs"] = "20", ["PATH"] = "/bin" };

        var options = ReplayArguments.Parse(["--Kafka:sasl.mechanism", "SCRAM-SHA-512", "--Kafka:security.protocol=SASL_SSL"], environment);

        Assert.Equal("SCRAM-SHA-512", options.Kafka.Common["sasl.mechanism"]);
        Assert.Equal("SASL_SSL", options.Kafka.Common["security.protocol"]);
        Assert.Equal("20", options.Kafka.Producer["linger.ms"]);
        Assert.Equal("20", options.Kafka.CreateProducerConfig().Get("linger.ms"));
    }

    [Fact]
    public void Parse_LetsBootstrapWin_OverKafkaBootstrapServers()
    {
        var options = ReplayArguments.Parse(["--bootstrap", "a:1", "--Kafka:BootstrapServers", "b:2"], NoEnvironment);

        Assert.Equal("a:1", options.Kafka.BootstrapServers);
    }

    [Fact]
    public void Parse_AcceptsMaxRealAndANumber_AsRate()
    {
        Assert.Equal(ReplayPace.Max, ReplayArguments.Parse(["--rate", "max"], NoEnvironment).Pace);
        Assert.Equal(ReplayPace.RealTime, ReplayArguments.Parse(["--rate", "real"], NoEnvironment).Pace);
        Assert.Equal(ReplayPace.PerSecond(0.5), ReplayArguments.Parse(["--rate", "0.5"], NoEnvironment).Pace);
    }

    [Theory]
    [InlineData(new[] { "--rate", "fast" }, "--rate must be")]
    [InlineData(new[] { "--rate", "0" }, "--rate must be")]
    [InlineData(new[] { "--patients", "0" }, "--patients must be an integer from 1")]
    [InlineData(new[] { "--limit", "many" }, "--limit must be an integer")]
    [InlineData(new[] { "--anomaly-fraction", "1.5" }, "--anomaly-fraction must be a number from 0 to 1")]
    [InlineData(new[] { "--topic" }, "option '--topic' needs a value")]
    [InlineData(new[] { "--data", "--loop" }, "option '--data' needs a value")]
    [InlineData(new[] { "--speed", "3" }, "unknown option '--speed'")]
    [InlineData(new[] { "--Kafka:a:b:c", "1" }, "only Kafka:Producer:* and Kafka:Consumer:* may be nested")]
    public void Parse_RejectsBadInput_WithAMessageNamingTheOption(string[] args, string expected)
    {
        var error = Assert.Throws<UsageException>(() => ReplayArguments.Parse(args, NoEnvironment));

        Assert.Contains(expected, error.Message);
    }
}
