using EcgStream.Beats.Ecg5000;
using EcgStream.Detector.Hosting;
using EcgStream.Model.Classification;
using EcgStream.Model.Inference;
using EcgStream.Model.Serialization;

namespace EcgStream.Detector.Scoring;

/// <summary>The one place the detector turns <see cref="EngineOptions"/> into a loaded model, engine and classifier.</summary>
public static class ScoringModelLoader
{
    /// <summary>
    /// Loads the model file, creates its engine, and loads the classifier when one is configured. Throws
    /// <see cref="ModelFileException"/> naming the file for a missing or invalid model or classifier file and
    /// <see cref="ArgumentException"/> for an unknown device; <paramref name="reason"/> says which engine was chosen and why.
    /// </summary>
    public static ScoringModel Load(EngineOptions options, out string reason)
    {
        var device = InferenceEngineFactory.ParseDevice(options.Device);
        var model = ModelFile.LoadAny(options.ModelPath);
        var (engine, why) = InferenceEngineFactory.Create(device, model, options.Threads);
        reason = why;
        var scoring = new ScoringModel(engine, model.Metadata) { EngineName = why.Split(' ')[0], Architecture = model.Architecture };
        try
        {
            return scoring with { Classifier = LoadClassifier(options, scoring.SamplesPerBeat) };
        }
        catch
        {
            scoring.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Loads Engine:ClassifierPath for beats of <paramref name="samplesPerBeat"/> samples; null when no classifier is
    /// configured. Throws <see cref="ModelFileException"/> naming the file when it is missing, unreadable, or does not fit.
    /// </summary>
    public static ServingClassifier? LoadClassifier(EngineOptions options, int samplesPerBeat)
    {
        if (!options.HasClassifier) return null;
        string path = ModelPathResolver.Resolve(options.ClassifierPath!);
        if (!File.Exists(path))
            throw new ModelFileException(path, options.ClassifierPath == EngineOptions.ShippedClassifierPath
                ? "the beat classifier file does not exist (the repository ships it; train one with the trainer's train-classifier, "
                  + "set Engine:ClassifierPath to another file, or set it empty to run without the classifier)"
                : "the beat classifier file does not exist (Engine:ClassifierPath; set it empty to run without the classifier)");
        var model = ClassifierFile.Load(path);
        if (model.Parameters.ClassCount != BeatClassNames.Count)
            throw new ModelFileException(path, $"the classifier has {model.Parameters.ClassCount} classes, the detector types beats into ECG5000's {BeatClassNames.Count}");
        if (model.Parameters.SequenceLength != samplesPerBeat)
            throw new ModelFileException(path, $"the classifier takes {model.Parameters.SequenceLength} samples per beat, the model {samplesPerBeat}");
        var classifier = BeatClassifier.Create(model, options.Threads);
        var serving = new ServingClassifier(classifier, model.Metadata, path);
        if (Misfit(serving) is { } misfit)
        {
            serving.Dispose();
            throw new ModelFileException(path, misfit);
        }
        return serving;
    }

    // One flat beat through the classifier: weights that load but overflow would give every beat NaN probabilities.
    private static string? Misfit(ServingClassifier serving)
    {
        var flat = new float[serving.Classifier.SamplesPerBeat];
        serving.Metadata.Normalisation.Apply(flat);
        var probabilities = new float[serving.Classifier.ClassCount];
        serving.Classifier.Classify(flat, 1, probabilities);
        foreach (float p in probabilities)
            if (!float.IsFinite(p)) return $"the classifier gives a flat beat the probability {p}";
        return null;
    }
}
