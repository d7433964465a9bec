using EcgStream.Beats.Ecg5000;

namespace EcgStream.Ingest.Rhythm;

/// <summary>A beat placed in time: whose it is, its place in that patient's stream and when it happens.</summary>
/// <param name="Patient">Patient index, from 0.</param>
/// <param name="Sequence">The beat's position in the patient's stream, from 0.</param>
/// <param name="AtSeconds">When the beat happens, in seconds of the patients' own (unscaled) time.</param>
/// <param name="Beat">The beat and its class.</param>
public readonly record struct ScheduledBeat(int Patient, long Sequence, double AtSeconds, LabeledBeat Beat);
