using System.Diagnostics.Metrics;
using EcgStream.Detector.Telemetry;

namespace EcgStream.Integration.Reliability.Overload;

/// <summary>
/// Listens to one detector's meter (told apart from other detectors in the process by its factory) and keeps what an
/// overload test asserts on: consumer pauses, and the largest beats-channel depth and consumer lag seen when sampled.
/// </summary>
public sealed class PipelineGauges : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _pauses, _maxDepth, _lastLag;

    /// <summary>Starts listening to the meter that <paramref name="meterFactory"/> created for the detector.</summary>
    public PipelineGauges(IMeterFactory meterFactory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meterFactory && instrument.Meter.Name == DetectorMetrics.MeterName
                && instrument.Name is "ecgstream.consumer.pauses" or "ecgstream.channel.depth" or "ecgstream.consumer.lag")
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "ecgstream.consumer.pauses") Interlocked.Add(ref _pauses, value);
            else Interlocked.Add(ref _lastLag, value);   // summed over partitions within one sample; reset by Sample
        });
        _listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "channel" && (string?)tag.Value == "beats") InterlockedMax(ref _maxDepth, value);
        });
        _listener.Start();
    }

    /// <summary>Times the consumer paused so far.</summary>
    public long Pauses => Interlocked.Read(ref _pauses);

    /// <summary>Largest beats-channel depth sampled.</summary>
    public long MaxChannelDepth => Interlocked.Read(ref _maxDepth);

    /// <summary>Reads the gauges now; returns the total consumer lag over the assigned partitions.</summary>
    public long Sample()
    {
        Interlocked.Exchange(ref _lastLag, 0);
        _listener.RecordObservableInstruments();
        return Interlocked.Read(ref _lastLag);
    }

    /// <inheritdoc/>
    public void Dispose() => _listener.Dispose();

    private static void InterlockedMax(ref long target, long value)
    {
        for (long seen = Interlocked.Read(ref target); value > seen; seen = Interlocked.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
    }
}
