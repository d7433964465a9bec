namespace EcgStream.Detector.Hosting;

/// <summary>
/// Finds a relative model path (such as the shipped models/ecg5000-classifier.safetensors) for the detector and for the
/// tools that host it, from wherever they are started: the working directory, or any folder above it or above the binary.
/// A binary under src/*/bin/ finds the models shipped at the repository root.
/// </summary>
public static class ModelPathResolver
{
    /// <summary><paramref name="path"/> when it exists or is absolute; otherwise the first existing match above the working directory or the binary; otherwise <paramref name="path"/> unchanged.</summary>
    public static string Resolve(string path)
    {
        if (File.Exists(path) || Path.IsPathRooted(path)) return path;
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                string candidate = Path.Combine(folder.FullName, path);
                if (File.Exists(candidate)) return candidate;
            }
        return path;
    }
}
