using Confluent.Kafka;
using EcgStream.Beats.Wire;
using EcgStream.Ingest.Rhythm;

namespace EcgStream.Ingest.Replay;

/// <summary>
/// Sends a <see cref="BeatSchedule"/> to a topic as JSON beat windows keyed by patient id, paced by the clock: beat i
/// leaves when its scheduled time, scaled by the pace, has passed since the first, so waits never add up to drift.
/// Each beat is stamped with the time it is sent (end-to-end latency starts there) and carries its label.
/// </summary>
public sealed class BeatReplayer(IProducer<string, byte[]> producer, string topic, string runId, TimeProvider time)
{
    /// <summary>How long a stopped replay waits for the broker to acknowledge what was sent.</summary>
    public static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(30);

    /// <summary>What has been sent, delivered and failed.</summary>
    public ReplayCounters Counters { get; } = new();

    /// <summary>Patient id of patient index <paramref name="patient"/>; also the message key.</summary>
    public static string PatientId(int patient) => $"patient-{patient + 1:D3}";

    /// <summary>
    /// Sends beats until the schedule runs dry, <paramref name="limit"/> beats are sent, or <paramref name="cancellation"/>
    /// fires; then waits for the broker to acknowledge everything sent (at most <see cref="FlushTimeout"/>).
    /// </summary>
    public void Run(BeatSchedule schedule, ReplayPace pace, long? limit, CancellationToken cancellation)
    {
        double scale = pace.WallSecondsPerPatientSecond(schedule.NaturalRateBeatsPerSecond);
        long start = time.GetTimestamp();
        double? firstAt = null;
        while (!cancellation.IsCancellationRequested && (limit is null || Counters.Sent < limit) && schedule.TryNext(out var beat))
        {
            firstAt ??= beat.AtSeconds;
            var wait = TimeSpan.FromSeconds((beat.AtSeconds - firstAt.Value) * scale) - time.GetElapsedTime(start);
            if (wait > TimeSpan.Zero && !Wait(wait, cancellation)) break;
            Send(beat);
        }
        producer.Flush(FlushTimeout);
    }

    private bool Wait(TimeSpan wait, CancellationToken cancellation)
    {
        try
        {
            Task.Delay(wait, time, cancellation).GetAwaiter().GetResult();
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Send(ScheduledBeat scheduled)
    {
        string patientId = PatientId(scheduled.Patient);
        var window = new BeatWindow(patientId, $"{runId}-{scheduled.Patient + 1}-{scheduled.Sequence}", scheduled.Sequence, time.GetUtcNow(), scheduled.Beat.Samples)
        {
            Label = scheduled.Beat.Class,
        };
        var message = new Message<string, byte[]> { Key = patientId, Value = BeatWindowCodec.Serialize(window) };
        while (true)
        {
            try
            {
                producer.Produce(topic, message, OnDelivery);
                Counters.AddSent(window.IsLabelledAnomaly);
                return;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // The producer's queue is full: serve delivery reports until there is room, then try again.
                producer.Poll(TimeSpan.FromMilliseconds(10));
            }
            catch (ProduceException<string, byte[]> e)
            {
                Counters.AddSent(window.IsLabelledAnomaly);
                Counters.AddFailed(e.Error.Reason);
                return;
            }
        }
    }

    private void OnDelivery(DeliveryReport<string, byte[]> report)
    {
        if (report.Error.IsError) Counters.AddFailed(report.Error.Reason);
        else Counters.AddDelivered();
    }
}
