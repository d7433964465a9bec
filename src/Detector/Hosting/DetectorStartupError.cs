using EcgStream.Model.Serialization;
using Microsoft.Extensions.Options;

namespace EcgStream.Detector.Hosting;

/// <summary>The mistakes that stop the detector before it serves (invalid configuration, a missing or unfit model file), as one line for stderr.</summary>
public static class DetectorStartupError
{
    /// <summary>One line saying what is wrong when <paramref name="error"/> is such a mistake; null for anything else, which keeps its stack trace.</summary>
    public static string? Describe(Exception error) => error switch
    {
        OptionsValidationException invalid => $"invalid configuration: {string.Join("; ", invalid.Failures)}",
        ModelFileException model => model.Message,
        _ => null,
    };
}
