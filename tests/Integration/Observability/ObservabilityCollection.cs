namespace EcgStream.Integration.Observability;

/// <summary>The observability tests run alone: OpenTelemetry listens to meters by name across the whole process, so a detector
/// started by another test at the same time would add its beats to the counts these tests check.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ObservabilityCollection
{
    /// <summary>Name of the collection.</summary>
    public const string Name = "Observability";
}
