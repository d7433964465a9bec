using System.Diagnostics;

namespace EcgStream.Integration.Observability;

/// <summary>Runs Debian's promtool (package "prometheus", installed by scripts/install-system-packages.sh).</summary>
internal static class Promtool
{
    /// <summary>Where the Debian package installs promtool.</summary>
    public const string Path = "/usr/bin/promtool";

    /// <summary>Runs promtool with <paramref name="arguments"/>, feeding <paramref name="stdin"/> if given; returns its exit code and its
    /// stdout and stderr together.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments, string? stdin = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
