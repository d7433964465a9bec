using EcgStream.Detector.Telemetry;
using EcgStream.Model;

namespace EcgStream.Detector.Scoring;

/// <summary>
/// The model that scores beats now. A reload hands a loaded and checked model to <see cref="Offer"/>; the scorer calls
/// <see cref="ForNextBatch"/> before each batch, so a new model takes over between batches, never inside one, and the
/// replaced engine is disposed on the scoring thread once nothing scores with it. The number of samples per beat is
/// fixed for the life of the process (the codec checks every message against it). Thread-safe.
/// </summary>
public sealed class ActiveModel(ScoringModel initial, DetectorMetrics metrics, ILogger<ActiveModel> logger) : IDisposable
{
    // The model of the batch being scored or just scored; replaced only by the scorer's thread (or at Dispose).
    private ScoringModel _current = initial;

    // A model offered by a reload and waiting for the next batch; null when none.
    private ScoringModel? _pending;

    /// <summary>Samples per beat every model of this process has.</summary>
    public int SamplesPerBeat { get; } = initial.SamplesPerBeat;

    /// <summary>Version of the model that scored the last batch (the one loaded at start until a reload takes over).</summary>
    public string ServingVersion => Volatile.Read(ref _current).Metadata.ModelVersion;

    /// <summary>Version of the classifier that typed the last batch; null when the detector runs without one.</summary>
    public string? ServingClassifierVersion => Volatile.Read(ref _current).Classifier?.Version;

    /// <summary>
    /// Makes <paramref name="model"/> the model of the next batch; this object owns it from now on. A model offered
    /// earlier that no batch used yet is disposed: the newest offer wins.
    /// </summary>
    public void Offer(ScoringModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.SamplesPerBeat != SamplesPerBeat)
            throw new ArgumentException($"the model takes {model.SamplesPerBeat} samples per beat, this detector {SamplesPerBeat}", nameof(model));
        Interlocked.Exchange(ref _pending, model)?.Dispose();
    }

    /// <summary>The model to score the next batch with: an offered one when there is one (it takes over now), else the current one. Scorer only.</summary>
    public ScoringModel ForNextBatch()
    {
        var next = Interlocked.Exchange(ref _pending, null);
        if (next is null) return _current;
        var previous = _current;
        Volatile.Write(ref _current, next);
        // Nothing else scores with the previous engine: only this thread ran it, and its last batch is finished.
        previous.Dispose();
        metrics.SetEngine(next.Engine.Device, next.EngineName, next.Metadata.ModelVersion, AutoencoderArchitectureNames.Name(next.Architecture));
        metrics.SetThreshold(next.Metadata.Threshold);
        Log.ModelActivated(logger, next.Metadata.ModelVersion, previous.Metadata.ModelVersion, next.Metadata.Threshold);
        if (next.Classifier?.Version != previous.Classifier?.Version)
            Log.ClassifierActivated(logger, next.Classifier?.Version ?? "none", previous.Classifier?.Version ?? "none");
        return next;
    }

    /// <summary>Disposes the current model and any offered one.</summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref _pending, null)?.Dispose();
        _current.Dispose();
    }
}
