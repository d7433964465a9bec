using System.Globalization;
using EcgStream.Trainer.Evaluation;
using EcgStream.Trainer.Tests.Support;

namespace EcgStream.Trainer.Tests.Evaluation;

public sealed class ScoresFileTests
{
    [Fact]
    public void Write_PutsOneLinePerBeat_UnderTheHeader()
    {
        using var folder = new TempFolder();
        var path = folder.File("scores.csv");

        ScoresFile.Write(path, ScoredBeats.Decided());

        var lines = File.ReadAllLines(path);
        Assert.Equal("source_file,row,label,split,score,decision", lines[0]);
        Assert.Equal(9, lines.Length);
        Assert.Equal("ECG5000_TRAIN.txt,0,1,test,1,normal", lines[1]);
        Assert.Equal("ECG5000_TRAIN.txt,30,2,test,4,anomaly", lines[4]);
        Assert.Equal("ECG5000_TEST.txt,50,3,test,2,normal", lines[6]);
    }

    [Fact]
    public void Write_LetsEveryFigureBeRecomputed_FromTheFileAlone()
    {
        using var folder = new TempFolder();
        var path = folder.File("scores.csv");
        var metrics = ScoredBeats.Metrics();

        ScoresFile.Write(path, ScoredBeats.Decided());

        var rows = File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')).ToList();
        float[] scores = rows.Select(r => float.Parse(r[4], CultureInfo.InvariantCulture)).ToArray();
        bool[] anomaly = rows.Select(r => r[2] != "1").ToArray();
        Assert.Equal(metrics.ConfusionMatrix, ConfusionMatrix.At(scores, anomaly, metrics.Threshold));
        Assert.Equal(metrics.RocAuc, RankingCurves.RocAuc(scores, anomaly));
        Assert.All(rows, r => Assert.Equal(float.Parse(r[4], CultureInfo.InvariantCulture) > metrics.Threshold ? "anomaly" : "normal", r[5]));
    }
}
