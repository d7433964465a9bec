using EcgStream.Beats.Ecg5000;
using EcgStream.Trainer.Data;
using EcgStream.Trainer.Tests.Support;

namespace EcgStream.Trainer.Tests.Data;

public sealed class Ecg5000DataSetTests
{
    [Theory]
    [InlineData("txt")]
    [InlineData("tsv")]
    public void Load_ReadsBothFiles_InEitherArchiveFormat(string extension)
    {
        using var folder = new TempFolder();
        SyntheticEcg5000.WriteFiles(folder.Path, extension);

        var data = Ecg5000DataSet.Load(folder.Path, DataProtocol.Seed);

        Assert.Equal(SyntheticEcg5000.DefaultTrainCounts.Sum() + SyntheticEcg5000.DefaultTestCounts.Sum(), data.Beats.Count);
        var first = data.Beats[0].Beat;
        Assert.Equal($"ECG5000_TRAIN.{extension}", first.SourceFile);
        Assert.Equal(0, first.Row);
        Assert.Equal(SyntheticEcg5000.Samples, first.Samples.Length);
    }

    [Fact]
    public void Load_ReadsTheSameValues_FromTxtAndTsv()
    {
        using var txt = new TempFolder();
        using var tsv = new TempFolder();
        SyntheticEcg5000.WriteFiles(txt.Path, "txt");
        SyntheticEcg5000.WriteFiles(tsv.Path, "tsv");

        var fromTxt = Ecg5000DataSet.Load(txt.Path, DataProtocol.Seed);
        var fromTsv = Ecg5000DataSet.Load(tsv.Path, DataProtocol.Seed);

        Assert.Equal(fromTxt.Beats.Select(b => b.Beat.Class), fromTsv.Beats.Select(b => b.Beat.Class));
        Assert.Equal(fromTxt.Beats.Select(b => b.Split), fromTsv.Beats.Select(b => b.Split));
        for (int i = 0; i < fromTxt.Beats.Count; i++)
        {
            // The .txt holds 8 significant digits, the .tsv round-trips the float exactly.
            var a = fromTxt.Beats[i].Beat.Samples;
            var b = fromTsv.Beats[i].Beat.Samples;
            for (int t = 0; t < a.Length; t++) Assert.Equal(b[t], a[t], 1e-6f);
        }
    }

    [Fact]
    public void Load_NamesTheMissingFile_WhenOnlyTrainIsThere()
    {
        using var folder = new TempFolder();
        SyntheticEcg5000.WriteFiles(folder.Path);
        File.Delete(folder.File("ECG5000_TEST.txt"));

        var error = Assert.Throws<Ecg5000FormatException>(() => Ecg5000DataSet.Load(folder.Path, DataProtocol.Seed));

        Assert.Contains("ECG5000_TEST.txt", error.Message);
    }
}
