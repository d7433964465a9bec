using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace EcgStream.Detector.Scoring;

/// <summary>
/// Reloads the model when Engine:ModelPath changes (Engine:WatchModelFile, on by default). It waits until the file has
/// been quiet for <see cref="QuietPeriod"/>, so a file being copied in place is read once, complete; a file read half
/// written is refused and the next change loads it. Safest: write the new file beside the old one and rename it over.
/// </summary>
public sealed class ModelFileWatcher(ModelReloader reloader, IOptions<EngineOptions> options, ILogger<ModelFileWatcher> logger) : BackgroundService
{
    /// <summary>How long the file must stay unchanged before it is read.</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(500);

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WatchModelFile) return;
        string path = Path.GetFullPath(options.Value.ModelPath);
        // One pending signal is enough: every change leads to the same action, reading the file as it is then.
        var changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        FileSystemWatcher watcher;
        try
        {
            watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
            };
            watcher.Changed += (_, _) => changed.Writer.TryWrite(true);
            watcher.Created += (_, _) => changed.Writer.TryWrite(true);
            watcher.Renamed += (_, _) => changed.Writer.TryWrite(true);
            watcher.EnableRaisingEvents = true;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            // For example the inotify instance limit: the detector runs on, reloads go through the admin endpoint.
            Log.ModelWatchFailed(logger, path, e.Message);
            return;
        }
        using (watcher)
        {
            Log.WatchingModelFile(logger, path, QuietPeriod.TotalMilliseconds);
            try
            {
                while (await changed.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
                {
                    changed.Reader.TryRead(out _);
                    do await Task.Delay(QuietPeriod, stoppingToken).ConfigureAwait(false);
                    while (changed.Reader.TryRead(out _));
                    await reloader.ReloadAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Host stopping.
            }
        }
    }
}
