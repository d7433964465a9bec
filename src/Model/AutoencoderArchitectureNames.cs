namespace EcgStream.Model;

/// <summary>The command-line and model-file names of the autoencoder architectures: "lstm-ae", "dense-ae".</summary>
public static class AutoencoderArchitectureNames
{
    private static readonly string[] Names = ["lstm-ae", "dense-ae"];

    /// <summary>Every name, in <see cref="AutoencoderArchitecture"/> order.</summary>
    public static IReadOnlyList<string> All => Names;

    /// <summary>"lstm-ae|dense-ae", for help texts and error messages.</summary>
    public static string Choices => string.Join('|', Names);

    /// <summary>The name of <paramref name="architecture"/>, e.g. "dense-ae".</summary>
    public static string Name(AutoencoderArchitecture architecture)
    {
        if (!Enum.IsDefined(architecture)) throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "Unknown architecture.");
        return Names[(int)architecture];
    }

    /// <summary>Parses a name exactly as <see cref="Name"/> writes it (ordinal, case-sensitive); false for anything else.</summary>
    public static bool TryParse(string? name, out AutoencoderArchitecture architecture)
    {
        int index = Array.IndexOf(Names, name);
        architecture = index < 0 ? default : (AutoencoderArchitecture)index;
        return index >= 0;
    }
}
