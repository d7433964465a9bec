using EcgStream.Detector.Scoring;

namespace EcgStream.Detector.Hosting;

/// <summary>The <c>--classifier FILE|none</c> value of the demo, bench and soak commands, checked before any work starts.</summary>
public static class ClassifierFlag
{
    /// <summary>The value that runs without a classifier.</summary>
    public const string None = "none";

    /// <summary>
    /// The classifier file to configure (Engine:ClassifierPath): <paramref name="value"/> resolved like the model path, or ""
    /// for <see cref="None"/> or an empty value. Throws <see cref="CommandLineException"/> naming the file when it does not exist.
    /// </summary>
    public static string Resolve(string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value == None) return "";
        string path = ModelPathResolver.Resolve(value);
        if (File.Exists(path)) return Path.GetFullPath(path);
        throw new CommandLineException(value == EngineOptions.ShippedClassifierPath
            ? $"classifier file '{value}' does not exist (the repository ships {EngineOptions.ShippedClassifierPath}; train one with the trainer's train-classifier, pass --classifier FILE, or --classifier {None} to run without it)"
            : $"classifier file '{value}' does not exist (pass --classifier {None} to run without a classifier)");
    }
}
