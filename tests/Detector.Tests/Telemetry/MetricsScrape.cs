using System.Diagnostics.Metrics;
using EcgStream.Detector.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace EcgStream.Detector.Tests.Telemetry;

/// <summary>A MeterProvider listening to one meter name with a <see cref="PrometheusScrapeReader"/>, for scraping in tests.</summary>
internal sealed class MetricsScrape : IDisposable
{
    private readonly MeterProvider _provider;
    private readonly PrometheusScrapeReader _reader = new();

    public MetricsScrape(string meterName)
    {
        _provider = Sdk.CreateMeterProviderBuilder().AddMeter(meterName).AddReader(_reader).Build();
    }

    /// <summary>Collects and returns the Prometheus text.</summary>
    public string Text() => _reader.ScrapeAsync(CancellationToken.None).GetAwaiter().GetResult()
        ?? throw new InvalidOperationException("collection failed");

    /// <summary>A meter name no other test uses, so parallel tests do not see each other's measurements.</summary>
    public static string UniqueMeterName() => "EcgStream.Tests." + Guid.NewGuid().ToString("N");

    public void Dispose()
    {
        _provider.Dispose();
        _reader.Dispose();
    }
}
