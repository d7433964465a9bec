using EcgStream.Beats.Ecg5000;
using EcgStream.Ingest.Sources;

namespace EcgStream.Ingest.Tests;

public sealed class Ecg5000BeatSourceTests
{
    [Fact]
    public void TryNext_PlaysTheTestFileOnceInOrder_WithoutLoop()
    {
        using var data = TemporaryEcg5000.Create(rows: 12);
        var source = new Ecg5000BeatSource(data.Directory, anomalyFraction: null, loop: false, seed: 1);

        var beats = Drain(source, 100);

        Assert.Equal(Enumerable.Range(0, 12), beats.Select(b => b.Row));
        Assert.All(beats, b => Assert.Equal("ECG5000_TEST.txt", b.SourceFile));
        Assert.Equal(beats.Select(b => (BeatClass)(b.Row % 5 + 1)), beats.Select(b => b.Class));
    }

    [Fact]
    public void TryNext_StartsAgain_WithLoop()
    {
        using var data = TemporaryEcg5000.Create(rows: 4);
        var source = new Ecg5000BeatSource(data.Directory, anomalyFraction: null, loop: true, seed: 1);

        var beats = Drain(source, 10);

        Assert.Equal([0, 1, 2, 3, 0, 1, 2, 3, 0, 1], beats.Select(b => b.Row));
    }

    [Fact]
    public void TryNext_DrawsAnomaliesAtTheGivenFraction()
    {
        using var data = TemporaryEcg5000.Create(rows: 20);
        var source = new Ecg5000BeatSource(data.Directory, anomalyFraction: 0.1, loop: false, seed: 1);

        var beats = Drain(source, 5000);

        Assert.Equal(5000, beats.Count);
        Assert.InRange(beats.Count(b => b.IsAnomaly) / 5000.0, 0.08, 0.12);
    }

    [Fact]
    public void Constructor_NamesTheMissingFile_WhenTheFolderHasNoData()
    {
        string empty = Directory.CreateTempSubdirectory().FullName;

        var error = Assert.Throws<Ecg5000FormatException>(() => new Ecg5000BeatSource(empty, null, false, 1));

        Assert.Contains("ECG5000_TEST.txt", error.Message);
        Directory.Delete(empty);
    }

    private static List<LabeledBeat> Drain(IBeatSource source, int max)
    {
        var beats = new List<LabeledBeat>();
        while (beats.Count < max && source.TryNext(out var beat)) beats.Add(beat);
        return beats;
    }
}
