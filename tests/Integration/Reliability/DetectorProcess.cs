using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace EcgStream.Integration.Reliability;

/// <summary>
/// The detector as a separate operating-system process: <c>dotnet exec EcgStream.Detector.dll</c> (built beside the tests)
/// with its settings on the command line, so it can be killed with SIGKILL or stopped with SIGTERM like a deployed one.
/// </summary>
public sealed partial class DetectorProcess : IDisposable
{
    private const int SigTerm = 15;

    private readonly Process _process;

    // stdout and stderr, for failure messages.
    private readonly StringBuilder _output = new();

    private DetectorProcess(Process process) => _process = process;

    /// <summary>Everything the process wrote so far.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>Starts the detector with <paramref name="settings"/> as <c>--Key=Value</c> arguments.</summary>
    public static DetectorProcess Start(IReadOnlyDictionary<string, string?> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "EcgStream.Detector.dll"));
        foreach (var (key, value) in settings) start.ArgumentList.Add($"--{key}={value}");
        // Lifetime messages at Information, so the output shows the drain on SIGTERM.
        start.ArgumentList.Add("--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information");
        var process = new Process { StartInfo = start };
        var detector = new DetectorProcess(process);
        process.OutputDataReceived += (_, e) => detector.Append(e.Data);
        process.ErrorDataReceived += (_, e) => detector.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return detector;
    }

    /// <summary>kill -9: the process dies at once, with no drain and no commit.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Sends SIGTERM (a graceful stop) and waits for the exit code; null when it did not exit within <paramref name="timeout"/>.</summary>
    public async Task<int?> TerminateAsync(TimeSpan timeout)
    {
        if (kill(_process.Id, SigTerm) != 0) throw new InvalidOperationException($"kill -TERM {_process.Id} failed: errno {Marshal.GetLastPInvokeError()}");
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Waits for the process to exit by itself; its exit code, or null when it still runs after <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}
