using EcgStream.Trainer.Augmentation;

namespace EcgStream.Trainer.Tests.Augmentation;

public sealed class BeatAugmentationTests
{
    private const int Length = 140;
    private static readonly AugmentationOptions Every = new() { ScaleFraction = 0.1, ShiftSamples = 5, NoiseStd = 0.05, WarpFraction = 0.1 };

    [Fact]
    public void Apply_GivesTheSameBeats_ForTheSameSeedAndEpoch()
    {
        float[] beats = Beats(count: 8, seed: 1);

        float[] first = (float[])new BeatAugmentation(Every, seed: 3).Apply(beats, Length, epoch: 4).Clone();
        float[] second = new BeatAugmentation(Every, seed: 3).Apply(beats, Length, epoch: 4);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Apply_DrawsNewChanges_ForAnotherEpochOrSeed()
    {
        float[] beats = Beats(count: 8, seed: 1);
        var augmentation = new BeatAugmentation(Every, seed: 3);

        float[] epoch1 = (float[])augmentation.Apply(beats, Length, epoch: 1).Clone();
        float[] epoch2 = (float[])augmentation.Apply(beats, Length, epoch: 2).Clone();
        float[] otherSeed = new BeatAugmentation(Every, seed: 4).Apply(beats, Length, epoch: 1);

        Assert.NotEqual(epoch1, epoch2);
        Assert.NotEqual(epoch1, otherSeed);
    }

    [Fact]
    public void Apply_DoesNotChangeItsInput()
    {
        float[] beats = Beats(count: 4, seed: 2);
        float[] before = (float[])beats.Clone();

        new BeatAugmentation(Every, seed: 1).Apply(beats, Length, epoch: 1);

        Assert.Equal(before, beats);
    }

    [Fact]
    public void Apply_ReturnsTheBeatsUnchanged_WhenEveryChangeIsOff()
    {
        float[] beats = Beats(count: 4, seed: 2);

        float[] result = new BeatAugmentation(new AugmentationOptions(), seed: 1).Apply(beats, Length, epoch: 7);

        Assert.Equal(beats, result);
    }

    [Fact]
    public void Apply_ScalesEachBeatByOneFactorWithinTheRange_WhenOnlyScaleIsOn()
    {
        float[] beats = Beats(count: 16, seed: 5);

        float[] result = new BeatAugmentation(new AugmentationOptions { ScaleFraction = 0.2 }, seed: 1).Apply(beats, Length, epoch: 1);

        for (int b = 0; b < 16; b++)
        {
            double factor = result[b * Length] / beats[b * Length];
            Assert.InRange(factor, 0.8 - 1e-6, 1.2 + 1e-6);
            for (int t = 0; t < Length; t++) Assert.Equal(beats[b * Length + t] * factor, result[b * Length + t], 1e-4);
        }
    }

    [Fact]
    public void Apply_MovesEachBeatByWholeSamplesWithinTheRange_WhenOnlyShiftIsOn()
    {
        float[] beats = Beats(count: 16, seed: 6);

        float[] result = new BeatAugmentation(new AugmentationOptions { ShiftSamples = 3 }, seed: 1).Apply(beats, Length, epoch: 1);

        for (int b = 0; b < 16; b++)
        {
            var beat = beats.AsSpan(b * Length, Length).ToArray();
            var moved = result.AsSpan(b * Length, Length).ToArray();
            Assert.Contains(Enumerable.Range(-3, 7), s => Enumerable.Range(0, Length).All(t => moved[t] == beat[Math.Clamp(t - s, 0, Length - 1)]));
        }
    }

    [Fact]
    public void Apply_Rejects_BeatsThatAreNotWholeBeats()
    {
        var augmentation = new BeatAugmentation(Every, seed: 1);

        Assert.Throws<ArgumentException>(() => augmentation.Apply(new float[Length + 1], Length, epoch: 1));
    }

    [Theory]
    [InlineData(-0.1, 0, 0, 0)]
    [InlineData(0.6, 0, 0, 0)]
    [InlineData(0, 21, 0, 0)]
    [InlineData(0, 0, -1, 0)]
    [InlineData(0, 0, 0, 0.51)]
    public void AugmentationOptions_Rejects_ValuesOutOfRange(double scale, int shift, double noise, double warp)
    {
        var options = new AugmentationOptions { ScaleFraction = scale, ShiftSamples = shift, NoiseStd = noise, WarpFraction = warp };

        Assert.Throws<ArgumentOutOfRangeException>(() => new BeatAugmentation(options, seed: 1));
    }

    private static float[] Beats(int count, int seed)
    {
        var random = new Random(seed);
        var beats = new float[count * Length];
        for (int i = 0; i < beats.Length; i++) beats[i] = (float)(random.NextDouble() * 4 - 2) + (i % Length == 0 ? 3f : 0f);
        return beats;
    }
}
