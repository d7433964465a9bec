namespace EcgStream.Detector.Pipeline;

/// <summary>Beats handed to the engine together, in consume order, valid and invalid alike (invalid ones pass through to the dead-letter writer).</summary>
/// <param name="Items">The envelopes, oldest first.</param>
public sealed record BeatBatch(IReadOnlyList<BeatEnvelope> Items);
