using EcgStream.Ingest.Replay;
using EcgStream.Kafka.Embedded;

namespace EcgStream.Ingest.Tests;

/// <summary>The replay command end to end on the embedded broker: exit codes and the lines a user sees.</summary>
public sealed class ReplayCommandTests : IDisposable
{
    private readonly EmbeddedBroker _broker = EmbeddedBroker.Start();

    [Fact]
    public void Run_SendsTheLimit_AndSaysAllWereDelivered()
    {
        _broker.CreateTopic("ecg.beats", 2);
        var options = Options(limit: 50);
        var output = new StringWriter();

        int exitCode = ReplayCommand.Run(options, output, TextWriter.Null, CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.Contains("done: 50 sent, 50 delivered, 0 failed", output.ToString());
        Assert.Contains("synthetic beats, 20 % anomalous", output.ToString());
    }

    [Fact]
    public void Run_Exits2_NamingTheFolder_WhenTheDataAreMissing()
    {
        var options = Options(limit: 5);
        options.DataDirectory = "/no/such/folder";
        var errors = new StringWriter();

        int exitCode = ReplayCommand.Run(options, TextWriter.Null, errors, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Contains("'/no/such/folder' does not exist", errors.ToString());
    }

    public void Dispose() => _broker.Dispose();

    private ReplayOptions Options(long limit)
    {
        var options = new ReplayOptions { Limit = limit, Pace = ReplayPace.Max, Patients = 4 };
        options.Kafka.BootstrapServers = _broker.BootstrapServers;
        return options;
    }
}
