using System.Threading.Channels;
using EcgStream.Detector.Pipeline;

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

    // GetTimestamp of when the channel was found full; null while it has room.
    private long? _fullSince;

    /// <summary>
    /// True when the channel has room (or can take no more beats at all). Otherwise false, after waiting up to
    /// <paramref name="wait"/> for room when a wait is already pending (the first call that finds the channel full returns at once).
    /// </summary>
    public bool WaitForRoom(TimeSpan wait)
    {
        // WaitAny, not Wait: a faulted wait (the pipeline failed) must not throw here; the failed write reports it.
        if (_waiting is { IsCompleted: false } && Task.WaitAny([_waiting], wait) < 0) return false;
        // Look now: a wait that ended may have ended on room this thread has filled since (held beats written after a
        // pause). WaitToWriteAsync completes at once when there is room, or when the channel is completed (the write
        // that follows fails and is handled there).
        bool roomCame = _waiting is not null;
        var room = channel.WaitToWriteAsync();
        if (room.IsCompleted)
        {
            _waiting = null;
            _fullSince = null;
            return true;
        }
        // Room came and went since the last look: the channel has been full only since now.
        if (roomCame) _fullSince = null;
        _waiting = room.AsTask();
        _fullSince ??= time.GetTimestamp();
        return false;
    }

    /// <summary>How long the channel has been full without room appearing; zero while it has room.</summary>
    public TimeSpan FullFor => _fullSince is { } since ? time.GetElapsedTime(since) : TimeSpan.Zero;
}
