using System.Net;
using System.Net.Sockets;
using EcgStream.Detector.Producing;
using Microsoft.AspNetCore.Connections;

namespace EcgStream.Detector.Web;

/// <summary>Runs the detector's web host and turns a taken port into one clear line instead of a stack trace.</summary>
public static class WebApplicationRunExtensions
{
    /// <summary>Exit code when the HTTP address cannot be bound.</summary>
    public const int AddressInUseExitCode = 3;

    /// <summary>
    /// Exit code when the drain on stop was incomplete: some results were not acknowledged by the drain deadline, or the
    /// final offset commit and close did not finish before the host's shutdown timeout. Those beats are read again.
    /// </summary>
    public const int DrainIncompleteExitCode = 4;

    /// <summary>Runs <paramref name="app"/> until shutdown; returns 0, <see cref="DrainIncompleteExitCode"/> after an incomplete drain,
    /// or <see cref="AddressInUseExitCode"/> after writing one line to <paramref name="error"/> (stderr by default) when its
    /// address is taken or cannot be bound. The model and classifier are loaded before the host starts, so an unusable file
    /// throws (<c>ModelFileException</c> naming it, or <c>OptionsValidationException</c>) before anything is consumed.</summary>
    public static async Task<int> RunDetectorAsync(this WebApplication app, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        error ??= Console.Error;
        // Read before running: the address list of a host that failed to start can no longer be read.
        string[] urls = app.Urls.Count > 0
            ? [.. app.Urls]
            : (app.Configuration[WebHostDefaults.ServerUrlsKey] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        // Probe first: once the host has started, a failed bind is also logged by the host with its stack trace.
        foreach (string url in urls)
        {
            if (ProbeBind(url) is { } reason)
            {
                WriteCannotListen(error, url, reason);
                return AddressInUseExitCode;
            }
        }
        // Load the model and the classifier before the host starts: a missing or bad file then ends the program with the
        // caller's one-line error naming the file, not with the host's "failed to start" log and stack trace.
        _ = app.Services.GetService<Scoring.ScoringModel>();
        // Resolved now: the host's services are disposed once it has run.
        var drain = app.Services.GetService<DrainDeadline>();
        try
        {
            await app.RunAsync().ConfigureAwait(false);
            return drain is { IsComplete: false } ? DrainIncompleteExitCode : 0;
        }
        catch (IOException e) when (e.InnerException is AddressInUseException or SocketException)
        {
            // Taken between the probe and the bind.
            WriteCannotListen(error, string.Join(", ", urls), e.InnerException.Message);
            return AddressInUseExitCode;
        }
    }

    /// <summary>Binds and releases the address of <paramref name="url"/>; returns why that failed, or null when it can be bound
    /// (or is not a plain IP or localhost address, which Kestrel resolves itself).</summary>
    private static string? ProbeBind(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException e)
        {
            return e.Message;
        }
        if (address.Port == 0) return null;
        IPAddress? ip = address.Host switch
        {
            "*" or "+" or "0.0.0.0" => IPAddress.Any,
            "localhost" => IPAddress.Loopback,
            _ when IPAddress.TryParse(address.Host.Trim('[', ']'), out var parsed) => parsed,
            _ => null,
        };
        if (ip is null) return null;
        using var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(ip, address.Port));
            return null;
        }
        catch (SocketException e)
        {
            return e.Message;
        }
    }

    private static void WriteCannotListen(TextWriter error, string urls, string reason) =>
        error.WriteLine($"detector: cannot listen on {urls}: {reason}. Choose another address with --urls or ASPNETCORE_URLS.");
}
