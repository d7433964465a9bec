using EcgStream.Beats.Ecg5000;
using EcgStream.Ingest.Sources;

namespace EcgStream.Ingest.Tests.Sources;

/// <summary>
/// What every <see cref="IBeatSource"/> promises, run against each source: a description for the progress line; beats
/// of ECG5000's length with finite samples and a class ECG5000 defines; the same beats again for the same seed; and,
/// a (file, row) that names one beat only, given once unless the source draws rows with repeats.
/// </summary>
public abstract class BeatSourceContract
{
    // Beats drawn per test: fewer than the smallest source's rows, so an in-order source does not run out.
    private const int Count = 40;

    /// <summary>A new source whose random choices come from <paramref name="seed"/>.</summary>
    protected abstract IBeatSource CreateSource(int seed);

    /// <summary>False for a source that may give the same row twice (ECG5000 rows drawn at random).</summary>
    protected virtual bool RowsAreUnique => true;

    [Fact]
    public void Description_SaysWhatIsReplayed()
    {
        var source = CreateSource(seed: 1);

        Assert.False(string.IsNullOrWhiteSpace(source.Description));
    }

    [Fact]
    public void TryNext_GivesBeatsOfEcg5000Length_WithFiniteSamples()
    {
        var beats = Take(CreateSource(seed: 2));

        Assert.All(beats, b => Assert.Equal(140, b.Samples.Length));
        Assert.All(beats, b => Assert.All(b.Samples, v => Assert.True(float.IsFinite(v))));
    }

    [Fact]
    public void TryNext_GivesClassesEcg5000Defines()
    {
        var beats = Take(CreateSource(seed: 3));

        Assert.All(beats, b => Assert.True(Enum.IsDefined(b.Class), $"class {(int)b.Class} of row {b.Row}"));
    }

    [Fact]
    public void TryNext_GivesTheSameBeats_ForTheSameSeed()
    {
        var first = Take(CreateSource(seed: 4));
        var second = Take(CreateSource(seed: 4));

        Assert.Equal(first.Select(b => (b.Class, b.SourceFile, b.Row)), second.Select(b => (b.Class, b.SourceFile, b.Row)));
        Assert.Equal(first.SelectMany(b => b.Samples), second.SelectMany(b => b.Samples));
    }

    [Fact]
    public void TryNext_IdentifiesEachBeatByFileAndRow()
    {
        var beats = Take(CreateSource(seed: 5));

        var byRow = beats.GroupBy(b => (b.SourceFile, b.Row)).ToList();
        Assert.All(byRow, row => Assert.All(row, b => Assert.Equal(row.First().Samples, b.Samples)));
        Assert.All(byRow, row => Assert.All(row, b => Assert.Equal(row.First().Class, b.Class)));
        if (RowsAreUnique) Assert.Equal(beats.Count, byRow.Count);
    }

    private static List<LabeledBeat> Take(IBeatSource source)
    {
        var beats = new List<LabeledBeat>(Count);
        while (beats.Count < Count && source.TryNext(out var beat)) beats.Add(beat);
        Assert.Equal(Count, beats.Count);
        return beats;
    }
}
