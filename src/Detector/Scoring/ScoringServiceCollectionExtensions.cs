using EcgStream.Detector.Telemetry;
using EcgStream.Model;
using EcgStream.Model.Classification;
using Microsoft.Extensions.Options;

namespace EcgStream.Detector.Scoring;

/// <summary>Registers the model: the one loaded at start, the <see cref="ActiveModel"/> that reloads swap into, the reloader and the file watch.</summary>
public static class ScoringServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ScoringModel"/> (the model and classifier loaded at start, for its shape and first version; it may be replaced and
    /// disposed later, so score only through <see cref="ActiveModel"/>), <see cref="ActiveModel"/>, <see cref="ModelReloader"/>
    /// and the <see cref="ModelFileWatcher"/>. Needs EngineOptions and the telemetry services.
    /// </summary>
    public static IServiceCollection AddScoringModel(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EngineOptions>>().Value;
            var model = ScoringModelLoader.Load(options, out string reason);
            var metrics = sp.GetRequiredService<DetectorMetrics>();
            metrics.SetEngine(model.Engine.Device, model.EngineName, model.Metadata.ModelVersion, AutoencoderArchitectureNames.Name(model.Architecture));
            metrics.SetThreshold(model.Metadata.Threshold);
            sp.GetRequiredService<DetectorReadiness>().ModelLoaded = true;
            var logger = sp.GetRequiredService<ILogger<ScoringModel>>();
            Log.ModelLoaded(logger, model.Metadata.ModelVersion, options.ModelPath, reason, model.Metadata.Threshold, model.Metadata.ErrorMetric.ToString());
            if (model.Classifier is { } classifier)
            {
                metrics.EnableBeatTypes();
                Log.ClassifierLoaded(logger, classifier.Version, classifier.Path, ClassifierArchitectureNames.Name(classifier.Classifier.Architecture));
            }
            else Log.ClassifierOff(logger);
            return model;
        });
        services.AddSingleton(sp => new ActiveModel(
            sp.GetRequiredService<ScoringModel>(), sp.GetRequiredService<DetectorMetrics>(), sp.GetRequiredService<ILogger<ActiveModel>>()));
        services.AddSingleton<ModelReloader>();
        services.AddHostedService<ModelFileWatcher>();
        return services;
    }
}
