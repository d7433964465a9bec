namespace EcgStream.Model.Serialization;

/// <summary>A model file that cannot be read or used; the message names the file and, where there is one, the tensor or key.</summary>
public sealed class ModelFileException : Exception
{
    /// <summary>Creates the exception; <paramref name="problem"/> completes "path: ...".</summary>
    public ModelFileException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        FilePath = path;
    }

    /// <summary>The file that could not be used.</summary>
    public string FilePath { get; }
}
