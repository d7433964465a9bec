namespace EcgStream.Model.Cuda;

/// <summary>The command-line names of the RNN algorithm choice: "auto", "standard", "persist-static", "small-h".</summary>
public static class CudaRnnAlgorithmNames
{
    /// <summary>The accepted spellings of <c>--rnn</c>, for help texts and error messages.</summary>
    public const string Choices = "auto|standard|persist-static|small-h";

    /// <summary>The name of <paramref name="algorithm"/>; null (auto) is "auto".</summary>
    public static string Name(CudaRnnAlgorithm? algorithm) => algorithm switch
    {
        null => "auto",
        CudaRnnAlgorithm.Standard => "standard",
        CudaRnnAlgorithm.PersistStatic => "persist-static",
        CudaRnnAlgorithm.PersistStaticSmallH => "small-h",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown RNN algorithm."),
    };

    /// <summary>
    /// Parses a name exactly as <see cref="Name"/> writes it (ordinal, case-sensitive). "auto" gives null: the engine
    /// measures every algorithm per batch bucket at start and uses the fastest. False for anything else.
    /// </summary>
    public static bool TryParse(string? name, out CudaRnnAlgorithm? algorithm)
    {
        switch (name)
        {
            case "auto": algorithm = null; return true;
            case "standard": algorithm = CudaRnnAlgorithm.Standard; return true;
            case "persist-static": algorithm = CudaRnnAlgorithm.PersistStatic; return true;
            case "small-h": algorithm = CudaRnnAlgorithm.PersistStaticSmallH; return true;
            default: algorithm = null; return false;
        }
    }
}
