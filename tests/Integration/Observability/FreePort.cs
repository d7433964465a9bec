using System.Net;
using System.Net.Sockets;

namespace EcgStream.Integration.Observability;

/// <summary>Picks a loopback TCP port that is free right now, for servers that cannot be told to pick one themselves.</summary>
internal static class FreePort
{
    /// <summary>A port on 127.0.0.1 that nothing listens on at the moment of the call.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
