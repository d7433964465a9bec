using EcgStream.Beats.Ecg5000;
using EcgStream.Beats.Synthetic;

namespace EcgStream.Beats.Tests.Synthetic;

public sealed class SyntheticBeatGeneratorTests
{
    public static TheoryData<BeatClass> Classes => [.. Enum.GetValues<BeatClass>()];

    [Theory]
    [MemberData(nameof(Classes))]
    public void Generate_Returns140FiniteZNormalisedSamples_ForEveryClass(BeatClass beatClass)
    {
        var generator = new SyntheticBeatGenerator(seed: 7);

        var beat = generator.Generate(beatClass);

        Assert.Equal(140, beat.Length);
        Assert.All(beat, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(0, beat.Average(), 4);
        Assert.Equal(1, Math.Sqrt(beat.Average(v => (double)v * v)), 4);
    }

    [Fact]
    public void Generate_GivesTheSameBeats_ForTheSameSeed()
    {
        var first = new SyntheticBeatGenerator(seed: 42);
        var second = new SyntheticBeatGenerator(seed: 42);

        var a = Enumerable.Range(0, 20).Select(i => first.Generate(first.NextClass(0.3))).ToList();
        var b = Enumerable.Range(0, 20).Select(i => second.Generate(second.NextClass(0.3))).ToList();

        Assert.Equal(a, b, (x, y) => x.AsSpan().SequenceEqual(y));
    }

    [Fact]
    public void Generate_GivesDifferentBeats_ForDifferentSeeds()
    {
        var a = new SyntheticBeatGenerator(seed: 1).Generate(BeatClass.Normal);
        var b = new SyntheticBeatGenerator(seed: 2).Generate(BeatClass.Normal);

        Assert.False(a.AsSpan().SequenceEqual(b));
    }

    [Fact]
    public void Generate_VariesFromBeatToBeat_WithinOneClass()
    {
        var generator = new SyntheticBeatGenerator(seed: 3);

        var a = generator.Generate(BeatClass.Normal);
        var b = generator.Generate(BeatClass.Normal);

        Assert.True(Rms(a, b) > 0.1, $"consecutive normal beats differ by only {Rms(a, b):F3} rms");
    }

    [Theory]
    [MemberData(nameof(Classes))]
    public void Generate_AveragesToItsOwnClassShape_CloserThanToAnyOtherClass(BeatClass beatClass)
    {
        var generator = new SyntheticBeatGenerator(seed: 11);
        var shapes = FittedBeatShapes.All.ToDictionary(s => s.Class, s => MeanCurve(s));

        var average = AverageOf(Enumerable.Range(0, 400).Select(_ => generator.Generate(beatClass)));

        var nearest = shapes.MinBy(s => Rms(average, s.Value)).Key;
        Assert.Equal(beatClass, nearest);
    }

    [Fact]
    public void NextClass_DrawsAnomaliesAtTheRequestedFraction_InEcg5000Proportions()
    {
        var generator = new SyntheticBeatGenerator(seed: 5);

        var classes = Enumerable.Range(0, 20_000).Select(_ => generator.NextClass(0.25)).ToList();

        double anomalous = classes.Count(c => c != BeatClass.Normal) / (double)classes.Count;
        Assert.InRange(anomalous, 0.23, 0.27);
        // R-on-T PVC is by far the most common anomaly in ECG5000 (1767 of 2081).
        Assert.Equal(BeatClass.RonTPvc, classes.Where(c => c != BeatClass.Normal).GroupBy(c => c).MaxBy(g => g.Count())!.Key);
        Assert.All(Enum.GetValues<BeatClass>(), c => Assert.Contains(c, classes));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void NextClass_Rejects_FractionOutsideZeroToOne(double fraction)
    {
        var generator = new SyntheticBeatGenerator(seed: 5);

        Assert.Throws<ArgumentOutOfRangeException>(() => generator.NextClass(fraction));
    }

    [Fact]
    public void FittedBeatShapes_HoldOneShapePerClass_InClassOrder_WithSharesSummingToOne()
    {
        Assert.Equal(Enum.GetValues<BeatClass>(), FittedBeatShapes.All.Select(s => s.Class));
        Assert.Equal(1, FittedBeatShapes.All.Sum(s => s.AnomalyShare), 3);
        Assert.All(FittedBeatShapes.All, s => Assert.Equal(FittedBeatShapes.WaveCount, s.Mean.Length));
        Assert.All(FittedBeatShapes.All.SelectMany(s => s.Modes), m => Assert.Equal(FittedBeatShapes.WaveCount, m.Length));
    }

    private static float[] MeanCurve(BeatShape shape)
    {
        var curve = new double[GaussianWaves.SampleCount];
        GaussianWaves.Add(shape.Mean, 1, curve);
        double mean = curve.Average(), std = Math.Sqrt(curve.Average(v => (v - mean) * (v - mean)));
        return curve.Select(v => (float)((v - mean) / std)).ToArray();
    }

    private static float[] AverageOf(IEnumerable<float[]> beats)
    {
        var sum = new double[GaussianWaves.SampleCount];
        int count = 0;
        foreach (var beat in beats) { count++; for (int t = 0; t < sum.Length; t++) sum[t] += beat[t]; }
        return sum.Select(v => (float)(v / count)).ToArray();
    }

    private static double Rms(float[] a, float[] b) => Math.Sqrt(a.Zip(b, (x, y) => (double)(x - y) * (x - y)).Average());
}
