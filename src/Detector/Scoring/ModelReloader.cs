using EcgStream.Model;
using EcgStream.Model.Serialization;
using Microsoft.Extensions.Options;

namespace EcgStream.Detector.Scoring;

/// <summary>
/// Reads Engine:ModelPath and Engine:ClassifierPath again and, when both files are valid and fit the running pipeline,
/// offers them to the <see cref="ActiveModel"/>, which swaps them in together between batches. A bad file (model or
/// classifier) is refused with an error log line saying which and why, and the serving model and classifier stay.
/// Reloads (file watch, admin endpoint) run one at a time, off the scoring thread.
/// </summary>
public sealed class ModelReloader(ActiveModel active, IOptions<EngineOptions> options, ILogger<ModelReloader> logger) : IDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>Loads, checks and offers the model file; never throws for a bad file.</summary>
    public async Task<ModelReloadResult> ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Loading parses tens of megabytes and builds an engine: keep it off the caller's (request or watcher) thread.
            return await Task.Run(Reload, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _oneAtATime.Dispose();

    private ModelReloadResult Reload()
    {
        var engineOptions = options.Value;
        string path = engineOptions.ModelPath;
        ScoringModel model;
        try
        {
            model = ScoringModelLoader.Load(engineOptions, out _);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever is wrong with either file (missing, half written, corrupt, wrong format), the serving pair stays.
            // The log line names the file at fault: a model file exception carries it.
            return Refuse(e is ModelFileException bad ? bad.FilePath : path, null, e.Message, engineOptions);
        }
        if (Misfit(model) is { } misfit)
        {
            model.Dispose();
            return Refuse(path, model.Metadata.ModelVersion, misfit, engineOptions);
        }
        string? classifierVersion = model.Classifier?.Version;
        active.Offer(model);
        Log.ModelReloadAccepted(logger, model.Metadata.ModelVersion, path, active.ServingVersion);
        return new ModelReloadResult(true, path, model.Metadata.ModelVersion, active.ServingVersion, null)
        {
            ClassifierPath = ClassifierPathOf(engineOptions), ClassifierVersion = classifierVersion,
            ServingClassifierVersion = active.ServingClassifierVersion,
        };
    }

    private static string? ClassifierPathOf(EngineOptions engineOptions) =>
        engineOptions.HasClassifier ? engineOptions.ClassifierPath : null;

    /// <summary>Why a loadable model cannot replace the serving one, or null when it can.</summary>
    private string? Misfit(ScoringModel model)
    {
        if (model.SamplesPerBeat != active.SamplesPerBeat)
            return $"the model takes {model.SamplesPerBeat} samples per beat, the running detector {active.SamplesPerBeat}";
        if (!float.IsFinite(model.Metadata.Threshold))
            return $"threshold {model.Metadata.Threshold} is not finite";
        // One flat beat through the engine: weights that load but overflow would turn every score into NaN.
        var flat = new float[model.SamplesPerBeat];
        var error = new float[1];
        model.Engine.Score(flat, 1, model.Metadata.ErrorMetric, error);
        return float.IsFinite(error[0]) ? null : $"the model scores a flat beat as {error[0]}";
    }

    private ModelReloadResult Refuse(string path, string? version, string reason, EngineOptions engineOptions)
    {
        Log.ModelReloadRefused(logger, path, reason, active.ServingVersion);
        return new ModelReloadResult(false, engineOptions.ModelPath, version, active.ServingVersion, reason)
        {
            ClassifierPath = ClassifierPathOf(engineOptions), ServingClassifierVersion = active.ServingClassifierVersion,
        };
    }
}
