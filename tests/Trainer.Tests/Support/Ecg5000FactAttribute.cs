namespace EcgStream.Trainer.Tests.Support;

/// <summary>A fact that needs the real ECG5000 files at <see cref="RepositoryPaths.Ecg5000"/>; skipped, saying so, where they are absent.</summary>
public sealed class Ecg5000FactAttribute : FactAttribute
{
    /// <summary>Skips the test unless ECG5000_TRAIN.txt and ECG5000_TEST.txt are there.</summary>
    public Ecg5000FactAttribute()
    {
        string folder = RepositoryPaths.Ecg5000;
        if (!File.Exists(Path.Combine(folder, "ECG5000_TRAIN.txt")) || !File.Exists(Path.Combine(folder, "ECG5000_TEST.txt")))
        {
            Skip = $"ECG5000 is not at {folder} (get it from the UCR archive)";
        }
    }
}
