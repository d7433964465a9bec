using System.Net;
using System.Net.Sockets;

namespace EcgStream.Integration.Streaming;

/// <summary>Whether the Docker engine Testcontainers would use answers: the endpoint DOCKER_HOST names (unix:// or tcp://),
/// or the default socket. Connecting is the test: a socket file left behind by a stopped engine does not count.</summary>
internal static class DockerEngine
{
    /// <summary>The Docker socket Testcontainers uses when DOCKER_HOST is not set.</summary>
    public const string DefaultEndpoint = "unix:///var/run/docker.sock";

    /// <summary>Longest the check waits for the engine to accept a connection.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    /// <summary>True when a connection to the engine's endpoint opens; <paramref name="endpoint"/> is the endpoint tried.</summary>
    public static bool IsReachable(out string endpoint)
    {
        string? dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        endpoint = string.IsNullOrWhiteSpace(dockerHost) ? DefaultEndpoint : dockerHost.Trim();
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)) return false;
        try
        {
            using var socket = uri.Scheme switch
            {
                "unix" => new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified),
                "tcp" => new Socket(SocketType.Stream, ProtocolType.Tcp),
                _ => null,
            };
            if (socket is null) return false;
            EndPoint target = uri.Scheme == "unix" ? new UnixDomainSocketEndPoint(uri.AbsolutePath) : new DnsEndPoint(uri.Host, uri.Port);
            using var timeout = new CancellationTokenSource(ConnectTimeout);
            socket.ConnectAsync(target, timeout.Token).AsTask().GetAwaiter().GetResult();
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            return false;
        }
    }
}
