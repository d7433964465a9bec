using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace EcgStream.Detector.Scoring;

/// <summary>
/// Reloads the model and the classifier when Engine:ModelPath or Engine:ClassifierPath changes (Engine:WatchModelFile, on
/// by default). It waits until the files have been quiet for <see cref="QuietPeriod"/>, so a file being copied in place is
/// read once, complete; a file read half written is refused and the next change loads it. Safest: write the new file
/// beside the old one and rename it over.
/// </summary>
public sealed class ModelFileWatcher(ModelReloader reloader, IOptions<EngineOptions> options, ILogger<ModelFileWatcher> logger) : BackgroundService
{
    /// <summary>How long the file must stay unchanged before it is read.</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(500);

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var engine = options.Value;
        if (!engine.WatchModelFile) return;
        // One pending signal is enough: every change leads to the same action, reading the files as they are then.
        var changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        var paths = new List<string> { Path.GetFullPath(engine.ModelPath) };
        // The classifier file as loaded (a relative path is resolved the same way), so a new classifier is picked up too.
        if (engine.HasClassifier) paths.Add(Path.GetFullPath(Hosting.ModelPathResolver.Resolve(engine.ClassifierPath!)));
        var watchers = new List<FileSystemWatcher>();
        try
        {
            foreach (string path in paths.Distinct())
                if (Watch(path, changed.Writer) is { } watcher) watchers.Add(watcher);
            if (watchers.Count == 0) return;
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
        finally
        {
            foreach (var watcher in watchers) watcher.Dispose();
        }
    }

    // Watches one file; null when it cannot be watched (for example the inotify instance limit): the detector runs on,
    // reloads go through the admin endpoint.
    private FileSystemWatcher? Watch(string path, ChannelWriter<bool> changed)
    {
        try
        {
            var watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
            };
            watcher.Changed += (_, _) => changed.TryWrite(true);
            watcher.Created += (_, _) => changed.TryWrite(true);
            watcher.Renamed += (_, _) => changed.TryWrite(true);
            watcher.EnableRaisingEvents = true;
            Log.WatchingModelFile(logger, path, QuietPeriod.TotalMilliseconds);
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            Log.ModelWatchFailed(logger, path, e.Message);
            return null;
        }
    }
}
