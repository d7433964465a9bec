using EcgStream.Detector.Hosting;
using EcgStream.Detector.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EcgStream.TestSupport;

/// <summary>The real detector host (<see cref="DetectorHost"/>) running in the test process; stopped gracefully on dispose.</summary>
public sealed class InProcessDetector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private InProcessDetector(WebApplication app) => _app = app;

    /// <summary>The running host: its services, addresses and lifetime.</summary>
    public WebApplication App => _app;

    /// <summary>True while the detector's consumer holds partitions.</summary>
    public bool IsAssigned => !_stopped && _app.Services.GetRequiredService<DetectorReadiness>().ConsumerAssigned;

    /// <summary>Builds and starts a detector with <paramref name="settings"/>.</summary>
    public static async Task<InProcessDetector> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var app = DetectorHost.Create([], settings);
        await app.StartAsync();
        return new InProcessDetector(app);
    }

    /// <summary>The address the detector's HTTP endpoints listen on.</summary>
    public Uri Address => new(_app.Urls.First());

    /// <summary>True when the detector's /metrics counts a producer error with <paramref name="reason"/>.</summary>
    public async Task<bool> ReportsProducerErrorAsync(string reason)
    {
        using var http = new HttpClient { BaseAddress = Address };
        string scrape = await http.GetStringAsync("/metrics");
        return scrape.Split('\n').Any(line => line.StartsWith("ecgstream_producer_errors_total{", StringComparison.Ordinal)
            && line.Contains($"reason=\"{reason}\"", StringComparison.Ordinal));
    }

    /// <summary>Stops gracefully: drains, commits, leaves the group.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        // A drain that hangs fails the test instead of holding up the suite: the host stops waiting for it (at its
        // shutdown timeout, or this token) without saying so, so the worker's own task tells.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _app.StopAsync(timeout.Token);
        var worker = _app.Services.GetServices<IHostedService>().OfType<DetectorWorker>().Single();
        bool drained = worker.ExecuteTask?.IsCompleted ?? true;
        await _app.DisposeAsync();
        if (!drained) throw new TimeoutException("the detector's pipeline was still draining when its host stopped");
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopAsync();
}
