using EcgStream.Model.Kernels;
using EcgStream.Model.Parameters;
using EcgStream.Model.Training;

namespace EcgStream.Model.Tests.Parity;

/// <summary>The dense autoencoder's training forward and backward passes against PyTorch 1.13 on recorded fixtures.</summary>
public sealed class DenseAutoencoderParityTests
{
    /// <summary>Outputs and losses: six float32 layers of at most 140-long sums stay well below this (‖diff‖ / ‖ref‖).</summary>
    private const double OutputTolerance = 1e-5;

    /// <summary>Gradients sum over the batch in a different order than PyTorch, so they get a looser bound.</summary>
    private const double GradientTolerance = 1e-4;

    [Theory]
    [MemberData(nameof(DenseParityFixture.AllAtEveryWidth), MemberType = typeof(DenseParityFixture))]
    public void DenseAutoencoder_Reconstruction_MatchesPyTorchFixture(string name, KernelWidth width)
    {
        var fixture = DenseParityFixture.Load(name);
        var trainer = new DenseAutoencoderTrainer(fixture.Parameters(), new TrainingOptions { Width = width });
        var reconstruction = new float[fixture.Batch * fixture.BeatLength];

        trainer.Reconstruct(fixture.Tensor("input"), fixture.Batch, reconstruction);

        Assert.InRange(ParityFixture.RelativeError(reconstruction, fixture.Tensor("reconstruction")), 0, OutputTolerance);
    }

    [Theory]
    [MemberData(nameof(DenseParityFixture.AllAtEveryWidth), MemberType = typeof(DenseParityFixture))]
    public void DenseAutoencoder_L1Loss_MatchesPyTorchFixture(string name, KernelWidth width) => AssertLossMatches(name, width, TrainingLoss.L1);

    [Theory]
    [MemberData(nameof(DenseParityFixture.AllAtEveryWidth), MemberType = typeof(DenseParityFixture))]
    public void DenseAutoencoder_MseLoss_MatchesPyTorchFixture(string name, KernelWidth width) => AssertLossMatches(name, width, TrainingLoss.Mse);

    [Theory]
    [MemberData(nameof(DenseParityFixture.AllAtEveryWidth), MemberType = typeof(DenseParityFixture))]
    public void DenseAutoencoder_Gradients_MatchPyTorchFixture_ForL1Loss(string name, KernelWidth width) => AssertGradientsMatch(name, width, TrainingLoss.L1);

    [Theory]
    [MemberData(nameof(DenseParityFixture.WithMseGradientsAtEveryWidth), MemberType = typeof(DenseParityFixture))]
    public void DenseAutoencoder_Gradients_MatchPyTorchFixture_ForMseLoss(string name, KernelWidth width) => AssertGradientsMatch(name, width, TrainingLoss.Mse);

    [Fact]
    public void DenseAutoencoderParameters_Names_AreThoseOfNnSequential()
    {
        var parameters = new DenseAutoencoderParameters(DenseAutoencoderParameters.Ecg5000Sizes);

        var names = parameters.Tensors().Select(t => t.Name);

        Assert.Equal(
            ["encoder.0.weight", "encoder.0.bias", "encoder.2.weight", "encoder.2.bias", "encoder.4.weight", "encoder.4.bias",
             "decoder.0.weight", "decoder.0.bias", "decoder.2.weight", "decoder.2.bias", "decoder.4.weight", "decoder.4.bias"],
            names);
    }

    /// <summary>The loss of the fixture's input batch against its "loss.L1" or "loss.Mse" (the fixture scripts name them after <see cref="TrainingLoss"/>).</summary>
    private static void AssertLossMatches(string name, KernelWidth width, TrainingLoss loss)
    {
        var fixture = DenseParityFixture.Load(name);
        var trainer = new DenseAutoencoderTrainer(fixture.Parameters(), new TrainingOptions { Loss = loss, Width = width });

        float computed = trainer.ComputeLoss(fixture.Tensor("input"), fixture.Batch);

        Assert.InRange(ParityFixture.RelativeError([computed], fixture.Tensor($"loss.{loss}")), 0, OutputTolerance);
    }

    /// <summary>The gradients of the fixture's input batch against its "grad.L1.*" or "grad.Mse.*" tensors.</summary>
    private static void AssertGradientsMatch(string name, KernelWidth width, TrainingLoss loss)
    {
        var fixture = DenseParityFixture.Load(name);
        var trainer = new DenseAutoencoderTrainer(fixture.Parameters(), new TrainingOptions { Loss = loss, Width = width });
        var gradients = new DenseAutoencoderParameters(fixture.Sizes);

        trainer.ComputeGradients(fixture.Tensor("input"), fixture.Batch, gradients);

        ParityFixture.AssertClose(fixture.Parameters($"grad.{loss}").Tensors(), gradients.Tensors(), GradientTolerance);
    }
}
