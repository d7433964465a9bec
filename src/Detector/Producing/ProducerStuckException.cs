namespace EcgStream.Detector.Producing;

/// <summary>A transactional call into the result writer's producer has not returned long after its timeout, or an earlier one has not.</summary>
public sealed class ProducerStuckException(TimeSpan waited)
    : Exception($"a transactional call into the producer has not returned after {waited.TotalSeconds:0.#} s")
{
    /// <summary>How long the call was waited for before it was left to finish on its own.</summary>
    public TimeSpan Waited { get; } = waited;
}
