using EcgStream.Ingest.Sources;

namespace EcgStream.Ingest.Tests.Sources;

/// <summary>The beat-source contract for ECG5000's test file drawn at random, a third anomalous (rows repeat).</summary>
public sealed class DrawnEcg5000BeatSourceContractTests : BeatSourceContract, IDisposable
{
    private readonly TemporaryEcg5000 _data = TemporaryEcg5000.Create(rows: 50);

    protected override IBeatSource CreateSource(int seed) => new Ecg5000BeatSource(_data.Directory, anomalyFraction: 0.3, loop: false, seed);

    protected override bool RowsAreUnique => false;

    public void Dispose() => _data.Dispose();
}
