using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace EcgStream.Detector.Web;

/// <summary>Runs the detector's web host and turns a taken port into one clear line instead of a stack trace.</summary>
public static class WebApplicationRunExtensions
{
    /// <summary>Exit code when the HTTP address cannot be bound.</summary>
    public const int AddressInUseExitCode = 3;

    /// <summary>Runs <paramref name="app"/> until shutdown; returns 0, or <see cref="AddressInUseExitCode"/> after writing one line to
    /// <paramref name="error"/> (stderr by default) when its address is taken or cannot be bound.</summary>
    public static async Task<int> RunDetectorAsync(this WebApplication app, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Read before running: the address list of a host that failed to start can no longer be read.
        string urls = app.Urls.Count > 0 ? string.Join(", ", app.Urls) : app.Configuration[WebHostDefaults.ServerUrlsKey] ?? "(no address)";
        try
        {
            await app.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (IOException e) when (e.InnerException is AddressInUseException || e.InnerException is SocketException)
        {
            (error ?? Console.Error).WriteLine(
                $"detector: cannot listen on {urls}: {e.InnerException!.Message}. Choose another address with --urls or ASPNETCORE_URLS.");
            return AddressInUseExitCode;
        }
    }
}
