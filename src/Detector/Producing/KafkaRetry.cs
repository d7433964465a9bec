using Confluent.Kafka;

namespace EcgStream.Detector.Producing;

/// <summary>
/// The one retry loop of the result writer: run a Kafka call; when it throws a <see cref="KafkaException"/> the caller's
/// rule accepts, log it (when given a logger), pause, and run it again. Any other exception, and the one the rule
/// refuses, reaches the caller as thrown, so the caller's catch blocks say how the retrying ended.
/// </summary>
/// <param name="pause">Wait between tries; the caller's thread is free meanwhile.</param>
/// <param name="logger">Logs each retried error with the operation's name; null for retries that are routine (a full local queue).</param>
public sealed class KafkaRetry(TimeSpan pause, ILogger? logger)
{
    /// <summary>Runs <paramref name="call"/> until it returns, trying again after each error <paramref name="shouldRetry"/> accepts.</summary>
    public async ValueTask<T> RunAsync<T>(string operation, Func<T> call, Func<KafkaException, bool> shouldRetry)
    {
        while (true)
        {
            try
            {
                return call();
            }
            catch (KafkaException e) when (shouldRetry(e))
            {
                if (logger is not null) Log.Retrying(logger, operation, e.Error.Code, e.Error.Reason);
            }
            await Task.Delay(pause).ConfigureAwait(false);
        }
    }

    /// <summary>Runs <paramref name="call"/> until it returns, trying again after each error <paramref name="shouldRetry"/> accepts.</summary>
    public async ValueTask RunAsync(string operation, Action call, Func<KafkaException, bool> shouldRetry) =>
        await RunAsync(operation, () =>
        {
            call();
            return true;
        }, shouldRetry).ConfigureAwait(false);
}
