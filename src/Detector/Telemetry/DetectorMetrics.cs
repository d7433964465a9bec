using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using EcgStream.Beats.Ecg5000;
using EcgStream.Beats.Wire;

namespace EcgStream.Detector.Telemetry;

/// <summary>
/// Owns the detector's <see cref="Meter"/> ("EcgStream.Detector") and its instruments; the pipeline stages call its small
/// Record/Set methods. Names are OpenTelemetry style (dots, a UCUM unit); /metrics turns them into Prometheus names
/// (ecgstream.beats.scored with unit {beat} becomes ecgstream_beats_scored_total). No tag ever carries a patient id.
/// </summary>
public sealed class DetectorMetrics : IDisposable
{
    /// <summary>Name of the meter that holds every detector instrument.</summary>
    public const string MeterName = "EcgStream.Detector";

    /// <summary>Bucket upper bounds (seconds) of the latency histograms: 0.5 ms to 10 s, dense where a healthy detector sits.</summary>
    public static readonly IReadOnlyList<double> LatencyBucketsSeconds =
        [0.0005, 0.001, 0.0025, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Bucket upper bounds of the batch size histogram: powers of two up to the largest allowed batch.</summary>
    public static readonly IReadOnlyList<int> BatchSizeBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096];

    /// <summary>The meter; disposed with this object.</summary>
    private readonly Meter _meter;
    /// <summary>Beats read from the input topic.</summary>
    private readonly Counter<long> _consumed;
    /// <summary>Beats that went through the model.</summary>
    private readonly Counter<long> _scored;
    /// <summary>Scored beats above the threshold.</summary>
    private readonly Counter<long> _anomalous;
    /// <summary>Anomalous beats by the type the classifier predicted, indexed by class − 1; reported only once a classifier is loaded.</summary>
    private readonly long[] _anomaliesByType = new long[BeatClassNames.Count];
    /// <summary>True once a classifier is loaded: from then on all five by-type series are reported, zeros included.</summary>
    private volatile bool _beatTypesEnabled;
    /// <summary>Messages sent to the dead-letter topic, by reason.</summary>
    private readonly Counter<long> _deadLettered;
    /// <summary>Batches handed to the engine.</summary>
    private readonly Counter<long> _batches;
    /// <summary>Failed produce requests (anomaly events or dead letters), by reason.</summary>
    private readonly Counter<long> _producerErrors;
    /// <summary>Times the consumer paused its partitions because the beats channel was full.</summary>
    private readonly Counter<long> _consumerPauses;
    /// <summary>Beats per batch.</summary>
    private readonly Histogram<int> _batchSize;
    /// <summary>Engine time per batch.</summary>
    private readonly Histogram<double> _inferenceSeconds;
    /// <summary>Time a beat spent in the beats channel and the batcher before inference.</summary>
    private readonly Histogram<double> _queueWaitSeconds;
    /// <summary>From the beat's Kafka timestamp to its result being done.</summary>
    private readonly Histogram<double> _endToEndSeconds;
    /// <summary>Depth callbacks of the pipeline's channels, by channel name.</summary>
    private readonly ConcurrentDictionary<string, Func<int>> _channelDepths = new();
    /// <summary>Last known lag (high watermark minus position) per assigned partition.</summary>
    private readonly ConcurrentDictionary<(string Topic, int Partition), long> _consumerLag = new();
    /// <summary>Engine device, engine name and model version, exported as an info gauge of value 1; null until set.</summary>
    private volatile EngineInfo? _engine;
    /// <summary>Threshold of the loaded model; NaN until set.</summary>
    private double _thresholdValue = double.NaN;
    /// <summary>Running totals for the live page (the OpenTelemetry instruments cannot be read back).</summary>
    private readonly DetectorTotalsAccumulator _totals = new(LatencyBucketsSeconds);

    /// <summary>Creates the meter through the host's factory, so the host owns its lifetime.</summary>
    public DetectorMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _consumed = _meter.CreateCounter<long>("ecgstream.beats.consumed", "{beat}", "Beats read from the input topic.");
        _scored = _meter.CreateCounter<long>("ecgstream.beats.scored", "{beat}", "Beats scored by the model.");
        _anomalous = _meter.CreateCounter<long>("ecgstream.beats.anomalous", "{beat}", "Scored beats whose reconstruction error was above the threshold.");
        // Observable, so that all five series exist from the first scrape (a zero added to a plain counter before the
        // exporter listens is lost) and the tag stays bounded to the five names.
        _meter.CreateObservableCounter("ecgstream.anomalies.by_type", ObserveAnomaliesByType, "{beat}",
            "Anomalous beats by the beat type the classifier predicted (Normal, R-on-T PVC, PVC, SP/EB, Unclassified); only with a classifier.");
        _deadLettered = _meter.CreateCounter<long>("ecgstream.beats.dead_lettered", "{message}", "Messages sent to the dead-letter topic, by reason.");
        _batches = _meter.CreateCounter<long>("ecgstream.batches", "{batch}", "Batches handed to the inference engine.");
        _producerErrors = _meter.CreateCounter<long>("ecgstream.producer.errors", "{error}", "Produce requests that failed, by reason.");
        _consumerPauses = _meter.CreateCounter<long>("ecgstream.consumer.pauses", "{pause}", "Times the consumer paused its partitions because the beats channel was full (backpressure).");
        _batchSize = _meter.CreateHistogram("ecgstream.batch.size", "{beat}", "Beats per inference batch.",
            tags: null, advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = BatchSizeBuckets });
        var latencyAdvice = new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBucketsSeconds };
        _inferenceSeconds = _meter.CreateHistogram("ecgstream.inference.duration", "s", "Engine time per batch.", tags: null, advice: latencyAdvice);
        _queueWaitSeconds = _meter.CreateHistogram("ecgstream.queue.wait", "s", "Time a beat waited between consumption and inference.", tags: null, advice: latencyAdvice);
        _endToEndSeconds = _meter.CreateHistogram("ecgstream.end_to_end.latency", "s", "From the beat's Kafka timestamp to its result being done.", tags: null, advice: latencyAdvice);
        _meter.CreateObservableGauge("ecgstream.channel.depth", ObserveChannelDepths, "{beat}", "Items waiting in a pipeline channel.");
        _meter.CreateObservableGauge("ecgstream.consumer.lag", ObserveConsumerLag, "{message}", "Messages behind the high watermark, per assigned partition.");
        _meter.CreateObservableGauge("ecgstream.engine.info", ObserveEngine, unit: null, "Inference engine in use (value 1; device, engine and model_version as labels).");
        _meter.CreateObservableGauge("ecgstream.model.threshold", ObserveThreshold, unit: null, "Reconstruction-error threshold of the loaded model.");
    }

    /// <summary>Counts beats read from the input topic.</summary>
    public void RecordConsumed(int count = 1)
    {
        _consumed.Add(count);
        _totals.AddConsumed(count);
    }

    /// <summary>Counts one batch: its size, its engine time, and its beats as scored.</summary>
    public void RecordBatch(int size, TimeSpan inferenceTime)
    {
        _batches.Add(1);
        _batchSize.Record(size);
        _inferenceSeconds.Record(inferenceTime.TotalSeconds);
        _scored.Add(size);
        _totals.AddBatch(size);
    }

    /// <summary>Counts beats found anomalous.</summary>
    public void RecordAnomalous(int count = 1)
    {
        _anomalous.Add(count);
        _totals.AddAnomalous(count);
    }

    /// <summary>Counts one anomalous beat under the type the classifier predicted for it (tag "type", one of the five names).</summary>
    public void RecordAnomalyType(BeatType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        Interlocked.Increment(ref _anomaliesByType[type.Class - 1]);
    }

    /// <summary>
    /// Reports the by-type counter from now on, all five series (zeros included), so every series exists and rates work
    /// from the first scrape; called when a classifier is loaded. Without a classifier the counter reports nothing.
    /// </summary>
    public void EnableBeatTypes() => _beatTypesEnabled = true;

    /// <summary>Counts one dead-lettered message. <paramref name="reason"/> is one of a small fixed set (e.g. "invalid_json"), never free text.</summary>
    public void RecordDeadLettered(string reason)
    {
        _deadLettered.Add(1, new KeyValuePair<string, object?>("reason", reason));
        _totals.AddDeadLettered();
    }

    /// <summary>Counts one failed produce request. <paramref name="reason"/> is a bounded code such as a Kafka error code name.</summary>
    public void RecordProducerError(string reason) =>
        _producerErrors.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Counts one pause of the consumer's partitions for backpressure.</summary>
    public void RecordConsumerPaused() => _consumerPauses.Add(1);

    /// <summary>Records how long one beat waited between consumption and inference.</summary>
    public void RecordQueueWait(TimeSpan wait) => _queueWaitSeconds.Record(wait.TotalSeconds);

    /// <summary>Records one beat's end-to-end latency: from its Kafka timestamp to its result being done.</summary>
    public void RecordEndToEndLatency(TimeSpan latency)
    {
        _endToEndSeconds.Record(latency.TotalSeconds);
        _totals.AddLatency(latency.TotalSeconds);
    }

    /// <summary>Reports a channel's depth on every collection by calling <paramref name="depth"/>; registering a name again replaces it.</summary>
    public void ObserveChannelDepth(string channel, Func<int> depth)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(depth);
        _channelDepths[channel] = depth;
    }

    /// <summary>Sets the consumer lag of one assigned partition.</summary>
    public void SetConsumerLag(string topic, int partition, long lag) => _consumerLag[(topic, partition)] = lag;

    /// <summary>Stops reporting lag for a partition this consumer no longer owns.</summary>
    public void RemoveConsumerLag(string topic, int partition) => _consumerLag.TryRemove((topic, partition), out _);

    /// <summary>Sets the engine info gauge: the device ("cpu", "cuda"), the engine's name, the loaded model's version and architecture.</summary>
    public void SetEngine(string device, string engine, string modelVersion, string architecture) =>
        _engine = new EngineInfo(device, engine, modelVersion, architecture);

    /// <summary>Sets the threshold gauge to the loaded model's threshold.</summary>
    public void SetThreshold(double threshold) => Volatile.Write(ref _thresholdValue, threshold);

    /// <summary>Totals since start for the live page, read without locks (each value is individually current).</summary>
    public DetectorTotals Totals() => _totals.Snapshot();

    /// <summary>Disposes the meter.</summary>
    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<int>> ObserveChannelDepths()
    {
        foreach (var (channel, depth) in _channelDepths)
            yield return new Measurement<int>(depth(), new KeyValuePair<string, object?>("channel", channel));
    }

    private IEnumerable<Measurement<long>> ObserveConsumerLag()
    {
        foreach (var ((topic, partition), lag) in _consumerLag)
            yield return new Measurement<long>(lag,
                new KeyValuePair<string, object?>("topic", topic),
                new KeyValuePair<string, object?>("partition", partition.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private IEnumerable<Measurement<long>> ObserveAnomaliesByType()
    {
        if (!_beatTypesEnabled) yield break;
        for (int i = 0; i < _anomaliesByType.Length; i++)
            yield return new Measurement<long>(Interlocked.Read(ref _anomaliesByType[i]), new KeyValuePair<string, object?>("type", BeatClassNames.All[i]));
    }

    private IEnumerable<Measurement<int>> ObserveEngine()
    {
        if (_engine is not { } engine) yield break;
        yield return new Measurement<int>(1,
            new KeyValuePair<string, object?>("device", engine.Device),
            new KeyValuePair<string, object?>("engine", engine.Engine),
            new KeyValuePair<string, object?>("model_version", engine.ModelVersion),
            new KeyValuePair<string, object?>("architecture", engine.Architecture));
    }

    private IEnumerable<Measurement<double>> ObserveThreshold()
    {
        double threshold = Volatile.Read(ref _thresholdValue);
        // Before a model is loaded there is no threshold; reporting nothing is clearer than a NaN sample.
        if (!double.IsNaN(threshold)) yield return new Measurement<double>(threshold);
    }

    /// <summary>Labels of the engine info gauge.</summary>
    private sealed record EngineInfo(string Device, string Engine, string ModelVersion, string Architecture);
}
