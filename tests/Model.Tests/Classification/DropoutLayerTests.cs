using EcgStream.Model.Layers;
using EcgStream.Model.Tests.Kernels;

namespace EcgStream.Model.Tests.Classification;

public sealed class DropoutLayerTests
{
    [Fact]
    public void DropoutLayer_Forward_ZeroesOrScalesEachFeatureByOneOverKeepProbability_InTraining()
    {
        var layer = new DropoutLayer(width: 40, probability: 0.25f, maxBatch: 8);
        var input = KernelWidths.Random(8 * 40, seed: 1);

        var output = layer.Forward(input, 8, training: true, key: 7, firstSample: 0);

        for (int i = 0; i < input.Length; i++) Assert.True(output[i] == 0f || output[i] == input[i] * (1f / 0.75f), $"element {i}");
    }

    [Fact]
    public void DropoutLayer_Forward_DropsAboutTheProbability_OverManyFeatures()
    {
        var layer = new DropoutLayer(width: 500, probability: 0.3f, maxBatch: 20);
        var input = Enumerable.Repeat(1f, 20 * 500).ToArray();

        var output = layer.Forward(input, 20, training: true, key: 11, firstSample: 0);

        double dropped = output.Take(20 * 500).Count(v => v == 0f) / (20.0 * 500);
        Assert.InRange(dropped, 0.28, 0.32);
    }

    [Fact]
    public void DropoutLayer_Forward_PassesTheInputThrough_InEvaluation()
    {
        var layer = new DropoutLayer(width: 4, probability: 0.5f, maxBatch: 2);
        var input = KernelWidths.Random(8, seed: 2);

        var output = layer.Forward(input, 2, training: false, key: 3, firstSample: 0);

        Assert.Same(input, output);
    }

    [Fact]
    public void DropoutLayer_Mask_DependsOnlyOnKeyAndSample_NotOnHowTheBatchIsSplit()
    {
        // One shard of 6 rows against two shards of 3: the same rows get the same masks, so thread count cannot change training.
        var whole = new DropoutLayer(width: 16, probability: 0.5f, maxBatch: 6);
        var half = new DropoutLayer(width: 16, probability: 0.5f, maxBatch: 3);
        var ones = Enumerable.Repeat(1f, 6 * 16).ToArray();

        var all = whole.Forward(ones, 6, training: true, key: 5, firstSample: 0).Take(6 * 16).ToArray();
        var second = half.Forward(ones, 3, training: true, key: 5, firstSample: 3).Take(3 * 16).ToArray();

        Assert.Equal(all[(3 * 16)..], second);
    }

    [Fact]
    public void DropoutLayer_Backward_AppliesTheForwardMask()
    {
        var layer = new DropoutLayer(width: 10, probability: 0.4f, maxBatch: 3);
        var ones = Enumerable.Repeat(1f, 30).ToArray();
        var mask = layer.Forward(ones, 3, training: true, key: 9, firstSample: 0).Take(30).ToArray();
        var upstream = KernelWidths.Random(30, seed: 4);

        var gradient = layer.Backward(upstream);

        for (int i = 0; i < 30; i++) Assert.Equal(upstream[i] * mask[i], gradient[i]);
    }
}
