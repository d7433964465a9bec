using Microsoft.Extensions.Hosting;

namespace EcgStream.Detector.Tests.Producing;

/// <summary>A host lifetime that only records whether something asked the host to stop.</summary>
internal sealed class StoppingLifetime : IHostApplicationLifetime, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public CancellationToken ApplicationStarted => CancellationToken.None;

    public CancellationToken ApplicationStopping => _stopping.Token;

    public CancellationToken ApplicationStopped => CancellationToken.None;

    /// <summary>True once <see cref="StopApplication"/> was called.</summary>
    public bool StopRequested => _stopping.IsCancellationRequested;

    public void StopApplication() => _stopping.Cancel();

    public void Dispose() => _stopping.Dispose();
}
