using EcgStream.Beats.Ecg5000;

namespace EcgStream.Beats.Wire;

/// <summary>
/// One heartbeat as it travels on the beats topic (schemas/beat-window.schema.json): the message key is
/// <see cref="PatientId"/>, the value this record as JSON.
/// </summary>
/// <param name="PatientId">The monitored patient; also the message key, so each patient's beats stay in order.</param>
/// <param name="BeatId">Unique id of this beat, carried into every decision so consumers can drop duplicates.</param>
/// <param name="Sequence">Position of the beat in its patient's stream, from 0.</param>
/// <param name="Timestamp">When the beat was produced (ingest time); end-to-end latency is measured from it.</param>
/// <param name="Samples">The window's samples (140 for the ECG5000 model), not normalised.</param>
public sealed record BeatWindow(string PatientId, string BeatId, long Sequence, DateTimeOffset Timestamp, float[] Samples)
{
    /// <summary>Sampling rate of <see cref="Samples"/> when the source knows it; null otherwise.</summary>
    public double? SampleRateHz { get; init; }

    /// <summary>Ground-truth class, carried by replays for evaluation only; null for live monitors.</summary>
    public BeatClass? Label { get; init; }

    /// <summary>True when the carried label says the beat is not normal; false when it is normal or unlabelled.</summary>
    public bool IsLabelledAnomaly => Label is { } label && label != BeatClass.Normal;
}
