using EcgStream.Ingest.Sources;

namespace EcgStream.Ingest.Tests.Sources;

/// <summary>The beat-source contract for ECG5000's test file played once in order.</summary>
public sealed class Ecg5000BeatSourceContractTests : BeatSourceContract, IDisposable
{
    private readonly TemporaryEcg5000 _data = TemporaryEcg5000.Create(rows: 50);

    protected override IBeatSource CreateSource(int seed) => new Ecg5000BeatSource(_data.Directory, anomalyFraction: null, loop: false, seed);

    public void Dispose() => _data.Dispose();
}
