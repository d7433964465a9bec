using EcgStream.Beats.Synthetic;

namespace EcgStream.Beats.Tests.Synthetic;

public sealed class GaussianWavesTests
{
    [Fact]
    public void Add_DrawsOneWave_PeakingAtItsCentre()
    {
        var amplitudes = new double[FittedBeatShapes.WaveCount];
        amplitudes[0] = 2;
        var curve = new double[GaussianWaves.SampleCount];

        GaussianWaves.Add(amplitudes, scale: 1.5, curve);

        Assert.Equal(3.0, curve[0], 12);
        double w = FittedBeatShapes.WaveWidthSamples;
        Assert.Equal(3.0 * Math.Exp(-0.5 * (10 / w) * (10 / w)), curve[10], 12);
        Assert.True(curve[1] < curve[0]);
    }

    [Fact]
    public void Add_Accumulates_IntoTheCurve()
    {
        var amplitudes = Enumerable.Repeat(1.0, FittedBeatShapes.WaveCount).ToArray();
        var once = new double[GaussianWaves.SampleCount];
        var twice = new double[GaussianWaves.SampleCount];

        GaussianWaves.Add(amplitudes, 1, once);
        GaussianWaves.Add(amplitudes, 1, twice);
        GaussianWaves.Add(amplitudes, 1, twice);

        Assert.Equal(once.Select(v => 2 * v), twice);
    }

    [Fact]
    public void Add_Rejects_WrongAmplitudeCount()
    {
        var curve = new double[GaussianWaves.SampleCount];

        Assert.Throws<ArgumentException>(() => GaussianWaves.Add(new double[3], 1, curve));
    }
}
