using EcgStream.Model.Kernels;
using EcgStream.Model.Optim;
using EcgStream.Model.Parameters;
using EcgStream.Model.Training;

namespace EcgStream.Model.Tests.Parity;

/// <summary>The training forward and backward passes, clipping and Adam against PyTorch 1.13 on recorded fixtures.</summary>
public sealed class AutoencoderParityTests
{
    /// <summary>Outputs and losses: float32 rounding over a 140-step recurrence stays well below this (‖diff‖ / ‖ref‖).</summary>
    private const double OutputTolerance = 1e-5;

    /// <summary>Gradients sum thousands of products in a different order than PyTorch, so they get a looser bound.</summary>
    private const double GradientTolerance = 1e-4;

    /// <summary>Adam and training steps: each element moves by about the learning rate, so weights agree to float32 rounding.</summary>
    private const double StepTolerance = 1e-5;

    [Theory]
    [MemberData(nameof(ParityFixture.AllAtEveryWidth), MemberType = typeof(ParityFixture))]
    public void Autoencoder_Reconstruction_MatchesPyTorchFixture(string name, KernelWidth width)
    {
        var fixture = ParityFixture.Load(name);
        var trainer = new AutoencoderTrainer(fixture.Parameters(), new TrainingOptions { Width = width });
        var reconstruction = new float[fixture.Batch * fixture.Shape.BeatLength];

        trainer.Reconstruct(fixture.Tensor("input"), fixture.Batch, reconstruction);

        Assert.InRange(ParityFixture.RelativeError(reconstruction, fixture.Tensor("reconstruction")), 0, OutputTolerance);
    }

    [Theory]
    [MemberData(nameof(ParityFixture.AllAtEveryWidth), MemberType = typeof(ParityFixture))]
    public void Autoencoder_L1Loss_MatchesPyTorchFixture(string name, KernelWidth width) => AssertLossMatches(name, width, TrainingLoss.L1);

    [Theory]
    [MemberData(nameof(ParityFixture.AllAtEveryWidth), MemberType = typeof(ParityFixture))]
    public void Autoencoder_MseLoss_MatchesPyTorchFixture(string name, KernelWidth width) => AssertLossMatches(name, width, TrainingLoss.Mse);

    [Theory]
    [MemberData(nameof(ParityFixture.AllAtEveryWidth), MemberType = typeof(ParityFixture))]
    public void Autoencoder_Gradients_MatchPyTorchFixture_ForL1Loss(string name, KernelWidth width) => AssertGradientsMatch(name, width, TrainingLoss.L1);

    [Theory]
    [MemberData(nameof(ParityFixture.CompleteAtEveryWidth), MemberType = typeof(ParityFixture))]
    public void Autoencoder_Gradients_MatchPyTorchFixture_ForMseLoss(string name, KernelWidth width) => AssertGradientsMatch(name, width, TrainingLoss.Mse);

    [Theory]
    [MemberData(nameof(ParityFixture.Complete), MemberType = typeof(ParityFixture))]
    public void GradientClipping_MatchesPyTorchClipGradNorm_WhenNormExceedsMax(string name)
    {
        var fixture = ParityFixture.Load(name);
        var gradients = fixture.Parameters("grad.L1");

        GradientClipping.ClipByGlobalNorm(gradients, double.Parse(fixture.Metadata["clip_norm"]));

        ParityFixture.AssertClose(fixture.Parameters("clipped.L1").Tensors(), gradients.Tensors(), StepTolerance);
    }

    [Theory]
    [MemberData(nameof(ParityFixture.Complete), MemberType = typeof(ParityFixture))]
    public void Adam_ThreeSteps_MatchPyTorchAdam_WithWeightDecay(string name)
    {
        var fixture = ParityFixture.Load(name);
        var parameters = fixture.Parameters();
        var adam = new Adam(parameters, new AdamOptions
        {
            LearningRate = double.Parse(fixture.Metadata["learning_rate"]),
            WeightDecay = double.Parse(fixture.Metadata["weight_decay"]),
        });

        for (int step = 1; step <= 3; step++) adam.Step(fixture.Parameters($"adam.grad{step}"));

        ParityFixture.AssertClose(fixture.Parameters("adam.result").Tensors(), parameters.Tensors(), StepTolerance);
    }

    [Theory]
    [MemberData(nameof(ParityFixture.CompleteAtEveryWidth), MemberType = typeof(ParityFixture))]
    public void Trainer_TwoSteps_MatchPyTorch_WithClippingAndWeightDecay(string name, KernelWidth width)
    {
        var fixture = ParityFixture.Load(name);
        var parameters = fixture.Parameters();
        var trainer = new AutoencoderTrainer(parameters, new TrainingOptions
        {
            Loss = TrainingLoss.L1,
            LearningRate = double.Parse(fixture.Metadata["learning_rate"]),
            WeightDecay = double.Parse(fixture.Metadata["weight_decay"]),
            ClipNorm = double.Parse(fixture.Metadata["clip_norm"]),
            Width = width,
        });

        trainer.TrainBatch(fixture.Tensor("input"), fixture.Batch);
        trainer.TrainBatch(fixture.Tensor("input"), fixture.Batch);

        ParityFixture.AssertClose(fixture.Parameters("trained").Tensors(), parameters.Tensors(), StepTolerance);
    }

    /// <summary>The loss of the fixture's input batch against its "loss.L1" or "loss.Mse" (the fixture scripts name them after <see cref="TrainingLoss"/>).</summary>
    private static void AssertLossMatches(string name, KernelWidth width, TrainingLoss loss)
    {
        var fixture = ParityFixture.Load(name);
        var trainer = new AutoencoderTrainer(fixture.Parameters(), new TrainingOptions { Loss = loss, Width = width });

        float computed = trainer.ComputeLoss(fixture.Tensor("input"), fixture.Batch);

        Assert.InRange(ParityFixture.RelativeError([computed], fixture.Tensor($"loss.{loss}")), 0, OutputTolerance);
    }

    /// <summary>The gradients of the fixture's input batch against its "grad.L1.*" or "grad.Mse.*" tensors.</summary>
    private static void AssertGradientsMatch(string name, KernelWidth width, TrainingLoss loss)
    {
        var fixture = ParityFixture.Load(name);
        var trainer = new AutoencoderTrainer(fixture.Parameters(), new TrainingOptions { Loss = loss, Width = width });
        var gradients = new AutoencoderParameters(fixture.Shape);

        trainer.ComputeGradients(fixture.Tensor("input"), fixture.Batch, gradients);

        ParityFixture.AssertClose(fixture.Parameters($"grad.{loss}").Tensors(), gradients.Tensors(), GradientTolerance);
    }
}
