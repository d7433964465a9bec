using Confluent.Kafka;

namespace EcgStream.Detector.Producing;

/// <summary>
/// The result writer's producer, replaced by a new one when a transactional call into it does not return. librdkafka
/// 2.16's SendOffsetsToTransaction can block long past its timeout once the group coordinator it had found goes away
/// (librdkafka issues 5456 and 5511, open upstream; seen here after a broker outage on the embedded broker). Such a call
/// is left to finish on its own thread, and its producer is disposed only when it does: disposing a producer under a
/// blocked call hangs both. A new producer with the same transactional.id takes over; initialising it fences the stuck
/// one and aborts the transaction that one left open. Used only on the writer's thread.
/// </summary>
public sealed class RenewableProducer(Func<IProducer<byte[]?, byte[]>> create, TimeSpan grace) : IDisposable
{
    /// <summary>The producer in use, for writes and flushes: a stuck one until <see cref="Renew"/> replaces it.</summary>
    public IProducer<byte[]?, byte[]> Current { get; private set; } = create();

    /// <summary>True from a call that did not return until <see cref="Renew"/>.</summary>
    public bool IsStuck { get; private set; }

    /// <summary>
    /// Runs <paramref name="call"/> on the current producer, giving it <paramref name="timeout"/>; throws
    /// <see cref="ProducerStuckException"/> when it has not returned by the timeout plus the grace, or the producer is stuck already.
    /// </summary>
    public void Transact(Action<IProducer<byte[]?, byte[]>, TimeSpan> call, TimeSpan timeout)
    {
        var limit = timeout + grace;
        if (IsStuck) throw new ProducerStuckException(limit);
        var producer = Current;
        // On a thread of its own, so that this one can stop waiting (a blocked native call cannot be interrupted) and a
        // call never waits for a pool thread.
        var running = Task.Factory.StartNew(() => call(producer, timeout), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (Task.WaitAny([running], limit) == 0)
        {
            running.GetAwaiter().GetResult();
            return;
        }
        IsStuck = true;
        running.ContinueWith(finished =>
        {
            _ = finished.Exception;
            producer.Dispose();
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        throw new ProducerStuckException(limit);
    }

    /// <summary>Replaces the stuck producer with a new one; throws what creating it throws (then it stays stuck).</summary>
    public void Renew()
    {
        Current = create();
        IsStuck = false;
    }

    /// <summary>Disposes the current producer, unless it is stuck: that one is disposed when its call returns.</summary>
    public void Dispose()
    {
        if (!IsStuck) Current.Dispose();
    }
}
