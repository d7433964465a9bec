namespace EcgStream.Integration.Reliability;

/// <summary>
/// The fault, crash, scale-out and throughput scenarios run one after another: each injects faults or measures rates on
/// two shared cores, and running them side by side made timings and rebalances interfere.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReliabilityCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Reliability";
}
