using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace EcgStream.Integration.Observability;

/// <summary>A real Prometheus server (Debian's /usr/bin/prometheus) on a free loopback port, with a generated config that scrapes
/// one target every second and a temporary storage directory; disposing stops it and deletes the directory.</summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    /// <summary>Where the Debian package installs the server.</summary>
    public const string ExecutablePath = "/usr/bin/prometheus";

    private readonly Process _process;
    private readonly string _directory;
    private readonly HttpClient _http;

    private PrometheusServer(Process process, string directory, Uri address)
    {
        _process = process;
        _directory = directory;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>Starts Prometheus scraping <paramref name="target"/> ("host:port") at /metrics every second, and waits until it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(string target)
    {
        string directory = Directory.CreateTempSubdirectory("ecgstream-prometheus-").FullName;
        string config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: ecgstream-detector
                scrape_interval: 1s
                scrape_timeout: 900ms
                static_configs:
                  - targets: ['{target}']
            """);
        int port = FreePort.Next();
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory,
        };
        foreach (string argument in new[]
        {
            "--config.file=" + config, "--storage.tsdb.path=" + Path.Combine(directory, "data"),
            $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
        }) start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start");
        // Drain its output so a chatty server never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new PrometheusServer(process, directory, new Uri($"http://127.0.0.1:{port}/"));
        await server.WaitReadyAsync();
        return server;
    }

    /// <summary>Evaluates an instant PromQL query at <paramref name="at"/> (default now); returns the single resulting value, or null
    /// when the result is empty.</summary>
    public async Task<double?> QueryScalarAsync(string promql, DateTimeOffset? at = null)
    {
        string time = at is { } t ? "&time=" + (t.ToUnixTimeMilliseconds() / 1000.0).ToString(CultureInfo.InvariantCulture) : "";
        using var response = await _http.GetAsync("api/v1/query?query=" + Uri.EscapeDataString(promql) + time);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.GetProperty("status").GetString() != "success")
            throw new InvalidOperationException($"query {promql} failed: {body}");
        var result = body.GetProperty("data").GetProperty("result");
        if (result.GetArrayLength() == 0) return null;
        if (result.GetArrayLength() > 1) throw new InvalidOperationException($"query {promql} returned {result.GetArrayLength()} series");
        string value = result[0].GetProperty("value")[1].GetString()!;
        return double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until the scrape target's last scrape succeeded ("up" is 1).</summary>
    public async Task WaitForTargetUpAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await QueryScalarAsync("up") == 1) return;
            await Task.Delay(200);
        }
        throw new TimeoutException("Prometheus never scraped the detector successfully.");
    }

    /// <summary>Waits until <paramref name="promql"/> evaluates to <paramref name="expected"/>, e.g. a counter reaching the number of beats sent.</summary>
    public async Task WaitForValueAsync(string promql, double expected, TimeSpan timeout)
    {
        double? last = null;
        for (var deadline = DateTime.UtcNow + timeout; DateTime.UtcNow < deadline; await Task.Delay(250))
            if ((last = await QueryScalarAsync(promql)) == expected) return;
        throw new TimeoutException($"{promql} was {last?.ToString() ?? "empty"}, not {expected}, after {timeout.TotalSeconds} s");
    }

    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"prometheus exited with code {_process.ExitCode}");
            try
            {
                using var response = await _http.GetAsync("-/ready");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("Prometheus did not become ready within 20 s.");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
