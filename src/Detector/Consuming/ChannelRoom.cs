using System.Threading.Channels;

namespace EcgStream.Detector.Consuming;

/// <summary>
/// Waits, a poll interval at a time, for room in the bounded beats channel, and tracks how long it has been full. Used
/// by the consume loop only (one thread): while the channel is full the loop waits here instead of reading on, so the
/// backlog stays in librdkafka's bounded prefetch queue. Pausing instead would throw that queue away: librdkafka purges
/// a paused partition's prefetched messages and fetches them again after the resume, a gap that idles the engine.
/// </summary>
public sealed class ChannelRoom(ChannelWriter<BeatEnvelope> channel, TimeProvider time)
{
    // The pending wait while the channel is full; kept across calls so a long stall registers one waiter, not one per call.
    private Task<bool>? _waiting;

    private long? _fullSince;

    /// <summary>True when the channel has room (or can take no more beats at all); otherwise waits up to <paramref name="wait"/> for room.</summary>
    public bool WaitForRoom(TimeSpan wait)
    {
        if (_waiting is null)
        {
            var room = channel.WaitToWriteAsync();
            // Completed at once: room, or the channel is completed (the write that follows fails and is handled there).
            if (room.IsCompleted) return HasRoom();
            _waiting = room.AsTask();
            _fullSince = time.GetTimestamp();
        }
        // WaitAny, not Wait: a faulted wait (the pipeline failed) must not throw here; the failed write reports it.
        if (Task.WaitAny([_waiting], wait) < 0) return false;
        _waiting = null;
        return HasRoom();
    }

    /// <summary>How long the channel has been full without room appearing; zero while it has room.</summary>
    public TimeSpan FullFor => _fullSince is { } since ? time.GetElapsedTime(since) : TimeSpan.Zero;

    private bool HasRoom()
    {
        _fullSince = null;
        return true;
    }
}
