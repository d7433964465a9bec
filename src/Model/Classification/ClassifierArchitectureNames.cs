namespace EcgStream.Model.Classification;

/// <summary>The command-line and model-file names of the architectures: "conv1d", "lstm", "conv1d-lstm".</summary>
public static class ClassifierArchitectureNames
{
    private static readonly string[] Names = ["conv1d", "lstm", "conv1d-lstm"];

    /// <summary>Every name, in <see cref="ClassifierArchitecture"/> order.</summary>
    public static IReadOnlyList<string> All => Names;

    /// <summary>The name of <paramref name="architecture"/>, e.g. "conv1d-lstm".</summary>
    public static string Name(ClassifierArchitecture architecture)
    {
        if (!Enum.IsDefined(architecture)) throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "Unknown architecture.");
        return Names[(int)architecture];
    }

    /// <summary>Parses a name exactly as <see cref="Name"/> writes it (ordinal, case-sensitive); false for anything else.</summary>
    public static bool TryParse(string? name, out ClassifierArchitecture architecture)
    {
        int index = Array.IndexOf(Names, name);
        architecture = index < 0 ? default : (ClassifierArchitecture)index;
        return index >= 0;
    }
}
