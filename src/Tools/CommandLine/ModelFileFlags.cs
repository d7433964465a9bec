using EcgStream.Detector.Hosting;
using EcgStream.Detector.Scoring;

namespace EcgStream.Tools.CommandLine;

/// <summary>The model and classifier files named on the demo, bench and soak command lines, checked before any work starts.</summary>
public static class ModelFileFlags
{
    /// <summary>The classifier value that runs without a classifier.</summary>
    public const string NoClassifier = "none";

    /// <summary>
    /// The model file to configure (Engine:ModelPath): <paramref name="value"/> found as <see cref="ModelPathResolver"/> finds it,
    /// as a full path. Throws <see cref="CommandLineException"/> naming the file when it does not exist.
    /// </summary>
    public static string Model(string value)
    {
        string path = ModelPathResolver.Resolve(value);
        if (File.Exists(path)) return Path.GetFullPath(path);
        throw new CommandLineException(
            $"model file '{value}' does not exist (the repository ships models/ecg5000.safetensors; train one with src/Trainer, or pass --model)");
    }

    /// <summary>
    /// The classifier file to configure (Engine:ClassifierPath): <paramref name="value"/> resolved like the model, or ""
    /// for <see cref="NoClassifier"/> or an empty value. Throws <see cref="CommandLineException"/> naming the file when it does not exist.
    /// </summary>
    public static string Classifier(string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value == NoClassifier) return "";
        string path = ModelPathResolver.Resolve(value);
        if (File.Exists(path)) return Path.GetFullPath(path);
        throw new CommandLineException(value == EngineOptions.ShippedClassifierPath
            ? $"classifier file '{value}' does not exist (the repository ships {EngineOptions.ShippedClassifierPath}; train one with the trainer's train-classifier, pass --classifier FILE, or --classifier {NoClassifier} to run without it)"
            : $"classifier file '{value}' does not exist (pass --classifier {NoClassifier} to run without a classifier)");
    }
}
