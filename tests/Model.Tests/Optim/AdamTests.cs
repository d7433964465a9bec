using EcgStream.Model.Optim;
using EcgStream.Model.Parameters;

namespace EcgStream.Model.Tests.Optim;

public sealed class AdamTests
{
    private static readonly AutoencoderShape Shape = new(3, 1, 2, 3);

    [Fact]
    public void Adam_FirstStep_MovesEachParameterByLearningRateAgainstGradientSign()
    {
        // At t = 1, m̂ = g and √v̂ = |g|, so the step is lr·g/(|g| + ε) ≈ lr·sign(g).
        var parameters = AutoencoderParameters.Initialize(Shape, seed: 1);
        var before = parameters.Clone();
        var gradients = AutoencoderParameters.Initialize(Shape, seed: 2);
        var adam = new Adam(parameters, new AdamOptions { LearningRate = 0.01 });

        adam.Step(gradients);

        AssertMovedAgainstGradientSign(before, parameters, gradients, 0.01f);
    }

    [Fact]
    public void Adam_StepsWithTheLoweredLearningRate_AfterAScheduleSetsIt()
    {
        // The first step moves each parameter by about lr·sign(g), so a rate lowered to 0.002 moves it by 0.002.
        var parameters = AutoencoderParameters.Initialize(Shape, seed: 1);
        var before = parameters.Clone();
        var gradients = AutoencoderParameters.Initialize(Shape, seed: 2);
        var adam = new Adam(parameters, new AdamOptions { LearningRate = 0.01 }) { LearningRate = 0.002 };

        adam.Step(gradients);

        AssertMovedAgainstGradientSign(before, parameters, gradients, 0.002f);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-3)]
    [InlineData(double.PositiveInfinity)]
    public void Adam_Rejects_ALearningRateThatIsNotPositiveAndFinite(double learningRate)
    {
        var adam = new Adam(AutoencoderParameters.Initialize(Shape, seed: 1), new AdamOptions());

        Assert.Throws<ArgumentOutOfRangeException>(() => adam.LearningRate = learningRate);
    }

    [Fact]
    public void Adam_CountsSteps()
    {
        var parameters = AutoencoderParameters.Initialize(Shape, seed: 1);
        var adam = new Adam(parameters, new AdamOptions());

        adam.Step(new AutoencoderParameters(Shape));
        adam.Step(new AutoencoderParameters(Shape));

        Assert.Equal(2, adam.StepCount);
    }

    [Fact]
    public void Adam_Rejects_GradientsOfAnotherShape()
    {
        var adam = new Adam(AutoencoderParameters.Initialize(Shape, seed: 1), new AdamOptions());

        Assert.Throws<ArgumentException>(() => adam.Step(new AutoencoderParameters(new AutoencoderShape(3, 1, 2, 4))));
    }

    [Fact]
    public void AdamOptions_Rejects_Beta1OfOne()
    {
        var options = new AdamOptions { Beta1 = 1 };

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(nameof(AdamOptions.Beta1), error.ParamName);
    }

    private static void AssertMovedAgainstGradientSign(AutoencoderParameters before, AutoencoderParameters after, AutoencoderParameters gradients, float learningRate)
    {
        var p = after.Tensors()[0].Data;
        var b = before.Tensors()[0].Data;
        var g = gradients.Tensors()[0].Data;
        for (int i = 0; i < p.Length; i++) Assert.Equal(b[i] - learningRate * MathF.Sign(g[i]), p[i], 1e-6f);
    }
}
