using EcgStream.Detector.Batching;
using EcgStream.Detector.Consuming;
using EcgStream.Detector.Pipeline;
using EcgStream.Detector.Producing;
using EcgStream.Detector.Scoring;
using EcgStream.Detector.Telemetry;
using Microsoft.Extensions.Options;

namespace EcgStream.Detector.Hosting;

/// <summary>
/// Runs the pipeline (<see cref="PipelineChannels"/>): consume loop (own thread) → beats → batcher → batches → scorer →
/// scored → result writer → done → back to the consume loop's offset ledger. On stop, the consume
/// loop stops reading, every stage finishes what it holds, the producer flushes, offsets are committed, and the
/// host exits normally; results the broker has not acknowledged when the <see cref="DrainDeadline"/> passes are left
/// uncommitted for the partitions' next owner.
/// </summary>
public sealed class DetectorWorker(
    BeatConsumer consumer, Batcher batcher, Scorer scorer, ResultWriter writer, IOptions<BatchingOptions> batching,
    DrainDeadline drain, DetectorMetrics metrics, DetectorReadiness readiness, ILogger<DetectorWorker> logger, IHostApplicationLifetime lifetime) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = batching.Value;
        // The drain's clock starts with the stop signal; the stages give up on what is unacknowledged when it runs out.
        using var stopping = stoppingToken.Register(drain.Start);
        var channels = new PipelineChannels(options.ChannelCapacity);
        var (beats, batches, scored, done) = (channels.Beats, channels.Batches, channels.Scored, channels.Done);
        metrics.ObserveChannelDepth("beats", () => beats.Reader.Count);
        readiness.ProducerConnected = true;
        Log.BatchingStarted(logger, options.MaxBatchSize, options.MaxDelay.TotalMilliseconds);

        var consuming = Task.Factory.StartNew(() => consumer.Run(beats.Writer, done.Reader, stoppingToken),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var grouping = Task.Run(() => batcher.RunAsync(beats.Reader, batches.Writer), CancellationToken.None);
        var scoring = Task.Run(() => scorer.RunAsync(batches.Reader, scored.Writer), CancellationToken.None);
        var producing = Task.Run(() => writer.RunAsync(scored.Reader, done.Writer), CancellationToken.None);
        try
        {
            // Awaited one by one as they end, so a stage that fails stops the host at once rather than when the others end.
            var running = new List<Task> { grouping, scoring, producing, consuming };
            while (running.Count > 0)
            {
                var ended = await Task.WhenAny(running).ConfigureAwait(false);
                running.Remove(ended);
                await ended.ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.ScoringFailed(logger, e);
            // Unblock the consume loop's drain: nothing reads beats or writes acknowledgements any more.
            beats.Writer.TryComplete(e);
            done.Writer.TryComplete();
            lifetime.StopApplication();
            throw;
        }
        finally
        {
            readiness.ProducerConnected = false;
            drain.MarkFinished();
        }
    }
}
