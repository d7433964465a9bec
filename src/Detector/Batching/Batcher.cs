using System.Threading.Channels;
using EcgStream.Detector.Pipeline;
using Microsoft.Extensions.Options;

namespace EcgStream.Detector.Batching;

/// <summary>
/// Groups beats from the beats channel into batches for the engine: up to MaxBatchSize beats; a batch is handed over
/// at once when the engine is idle, otherwise when it is full or its first beat has waited MaxDelay.
/// </summary>
public sealed class Batcher(IOptions<BatchingOptions> options, EngineActivity engine, TimeProvider time)
{
    private readonly BatchingOptions _options = options.Value;

    /// <summary>Reads beats until <paramref name="beats"/> completes, writes batches to <paramref name="batches"/>, then completes it.</summary>
    public async Task RunAsync(ChannelReader<BeatEnvelope> beats, ChannelWriter<BeatBatch> batches)
    {
        try
        {
            while (await ReadBatchAsync(beats).ConfigureAwait(false) is { } batch)
                await batches.WriteAsync(batch).ConfigureAwait(false);
            batches.TryComplete();
        }
        catch (Exception e)
        {
            batches.TryComplete(e);
            throw;
        }
    }

    /// <summary>The next batch, or null once <paramref name="beats"/> is completed and empty.</summary>
    public async Task<BeatBatch?> ReadBatchAsync(ChannelReader<BeatEnvelope> beats)
    {
        if (!await beats.WaitToReadAsync().ConfigureAwait(false)) return null;
        var items = new List<BeatEnvelope>(_options.MaxBatchSize);
        Drain(beats, items);
        if (items.Count < _options.MaxBatchSize && !engine.IsIdle)
        {
            // The engine is busy: let more beats join until the batch is full, the first beat has waited MaxDelay,
            // or the engine asks for work.
            using var deadline = new CancellationTokenSource(_options.MaxDelay, time);
            Task idle = engine.WhenIdle();
            while (items.Count < _options.MaxBatchSize && !deadline.IsCancellationRequested && !idle.IsCompleted)
            {
                Task<bool> more = beats.WaitToReadAsync(deadline.Token).AsTask();
                await Task.WhenAny(more, idle).ConfigureAwait(false);
                if (more.IsCompletedSuccessfully && more.Result) Drain(beats, items);
                else if (more.IsCompleted) break;   // deadline passed, or the channel was completed
            }
        }
        return new BeatBatch(items);
    }

    private void Drain(ChannelReader<BeatEnvelope> beats, List<BeatEnvelope> items)
    {
        while (items.Count < _options.MaxBatchSize && beats.TryRead(out var beat)) items.Add(beat);
    }
}
