using OpenTelemetry.Metrics;

namespace EcgStream.Detector.Telemetry;

/// <summary>The metric reader /metrics collects on every scrape: cumulative temporality, as Prometheus expects, and one
/// collection at a time, because the SDK cannot run two collections of one reader at once.</summary>
public sealed class PrometheusScrapeReader : BaseExportingMetricReader
{
    /// <summary>Longest a scrape waits for the SDK to collect.</summary>
    private static readonly TimeSpan CollectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The exporter that turns each collection into text.</summary>
    private readonly PrometheusScrapeExporter _exporter;
    /// <summary>Serialises scrapes: each one collects and then reads the text its own collection wrote.</summary>
    private readonly SemaphoreSlim _scrapeLock = new(1, 1);

    /// <summary>Creates a reader around a new <see cref="PrometheusScrapeExporter"/>.</summary>
    public PrometheusScrapeReader() : this(new PrometheusScrapeExporter())
    {
    }

    private PrometheusScrapeReader(PrometheusScrapeExporter exporter) : base(exporter)
    {
        _exporter = exporter;
        TemporalityPreference = MetricReaderTemporalityPreference.Cumulative;
    }

    /// <summary>Collects every instrument now and returns the Prometheus text; null if the collection failed or timed out.</summary>
    public async Task<string?> ScrapeAsync(CancellationToken cancellationToken)
    {
        await _scrapeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Collect runs the observable-gauge callbacks and the exporter on this thread; keep it off the request thread's sync context.
            bool collected = await Task.Run(() => Collect((int)CollectTimeout.TotalMilliseconds), cancellationToken).ConfigureAwait(false);
            return collected ? _exporter.Latest : null;
        }
        finally
        {
            _scrapeLock.Release();
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) _scrapeLock.Dispose();
        base.Dispose(disposing);
    }
}
