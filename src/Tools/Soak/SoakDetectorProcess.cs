using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EcgStream.Detector.Hosting;
using EcgStream.Tools.CommandLine;

namespace EcgStream.Tools.Soak;

/// <summary>
/// The detector under soak, as a separate process (<c>dotnet exec EcgStream.Detector.dll</c>), so its memory is measured
/// alone (the broker and the load generator stay in the soak process). Reads its resident memory from /proc and its counters from /metrics.
/// </summary>
public sealed class SoakDetectorProcess : IDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;
    private int _disposed;

    private SoakDetectorProcess(Process process, Uri address)
    {
        _process = process;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>Starts the detector with <paramref name="settings"/> as <c>--Key=value</c> arguments, on a free local port.</summary>
    public static SoakDetectorProcess Start(IReadOnlyDictionary<string, string> settings)
    {
        int port = FreePort();
        // The detector's assembly is built beside this program's (a project reference); run it on the same dotnet host.
        string host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(DetectorHost).Assembly.Location);
        foreach (var (key, value) in settings) start.ArgumentList.Add($"--{key}={value}");
        start.ArgumentList.Add($"--Urls=http://127.0.0.1:{port}");
        var process = Process.Start(start) ?? throw new CommandLineException($"could not start the detector with {host}");
        return new SoakDetectorProcess(process, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>Waits until /readyz answers 200; throws when the process exits or <paramref name="timeout"/> passes first.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited) throw new CommandLineException($"the detector exited with code {_process.ExitCode} before it was ready");
            try
            {
                using var response = await _http.GetAsync("/readyz").ConfigureAwait(false);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200).ConfigureAwait(false);
        }
        throw new CommandLineException($"the detector was not ready within {timeout.TotalSeconds:F0} s");
    }

    /// <summary>For each metric in <paramref name="names"/>, the sum of its series in one scrape of /metrics (0 when absent).</summary>
    public async Task<IReadOnlyDictionary<string, double>> ScrapeAsync(params string[] names)
    {
        string text = await _http.GetStringAsync("/metrics").ConfigureAwait(false);
        var sums = names.ToDictionary(n => n, _ => 0.0);
        foreach (string line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            int nameEnd = line.IndexOfAny(['{', ' ']);
            string name = nameEnd < 0 ? line : line[..nameEnd];
            if (!sums.ContainsKey(name)) continue;
            string value = line[(line.LastIndexOf(' ') + 1)..];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number)) sums[name] += number;
        }
        return sums;
    }

    /// <summary>Resident and peak resident memory of the process in MiB (VmRSS, VmHWM), or NaN where /proc is not there.</summary>
    public (double RssMiB, double PeakRssMiB) Memory()
    {
        string status = $"/proc/{_process.Id}/status";
        if (!File.Exists(status)) return (double.NaN, double.NaN);
        double rss = double.NaN, peak = double.NaN;
        foreach (string line in File.ReadLines(status))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kibibytes(line) / 1024;
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kibibytes(line) / 1024;
        }
        return (rss, peak);
    }

    /// <summary>Kills the process (the soak needs no graceful stop); later calls do nothing.</summary>
    public void Dispose()
    {
        // Called at the end of the soak and again from ProcessExit.
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        _http.Dispose();
    }

    private static double Kibibytes(string line) =>
        double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
