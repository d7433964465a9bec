namespace EcgStream.TestSupport;

/// <summary>A fact that needs programs from Debian packages (prometheus, promtool, chromium); it is skipped, saying which one is
/// missing, on a machine where scripts/install-system-packages.sh has not run.</summary>
public sealed class SystemToolFactAttribute : FactAttribute
{
    /// <summary>Skips the test unless every one of <paramref name="executables"/> exists.</summary>
    public SystemToolFactAttribute(params string[] executables)
    {
        string? missing = executables.FirstOrDefault(path => !File.Exists(path));
        if (missing is not null) Skip = $"{missing} is not installed (run scripts/install-system-packages.sh)";
    }
}
