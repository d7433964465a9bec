using EcgStream.Detector.Hosting;
using EcgStream.Detector.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace EcgStream.Integration.Reliability;

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

    /// <summary>Stops gracefully: drains, commits, leaves the group.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        // A drain that hangs fails the test instead of holding up the suite.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopAsync();
}
