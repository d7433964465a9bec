using EcgStream.Ingest.Sources;

namespace EcgStream.Ingest.Tests.Sources;

/// <summary>The beat-source contract for synthetic beats, a fifth of them anomalous.</summary>
public sealed class SyntheticBeatSourceContractTests : BeatSourceContract
{
    protected override IBeatSource CreateSource(int seed) => new SyntheticBeatSource(anomalyFraction: 0.2, seed);
}
