using EcgStream.Model.Kernels;
using EcgStream.Model.Parameters;
using EcgStream.Model.Tests.Kernels;
using EcgStream.Model.Training;

namespace EcgStream.Model.Tests.Training;

public sealed class AutoencoderTrainerTests
{
    private static readonly AutoencoderShape Shape = new(SequenceLength: 12, Features: 1, EmbeddingSize: 4, HiddenSize: 8);

    /// <summary>Smooth beats with a little noise, fixed seed: [count, 12].</summary>
    private static float[] Beats(int count, int seed = 20240601)
    {
        var random = new Random(seed);
        var beats = new float[count * Shape.BeatLength];
        for (int b = 0; b < count; b++)
        {
            double phase = random.NextDouble() * Math.PI;
            for (int t = 0; t < Shape.SequenceLength; t++) beats[b * Shape.BeatLength + t] = (float)(Math.Sin(phase + t * 0.5) + 0.05 * (random.NextDouble() - 0.5));
        }
        return beats;
    }

    /// <summary>Every kernel width; hidden size 8 is one Vector256, and less than one Vector512 (all scalar tail).</summary>
    public static TheoryData<KernelWidth> Widths => KernelWidths.All;

    /// <summary>Both losses at every kernel width.</summary>
    public static TheoryData<TrainingLoss, KernelWidth> LossesAtEveryWidth => KernelWidths.AtEveryWidth(new TheoryData<TrainingLoss> { TrainingLoss.L1, TrainingLoss.Mse });

    private static float[] Flatten(AutoencoderParameters parameters) => parameters.Tensors().SelectMany(t => t.Data).ToArray();

    private static float[] TrainTwoEpochs(int threads, int seed, KernelWidth width = KernelWidth.Vector512)
    {
        var parameters = AutoencoderParameters.Initialize(Shape, seed: 7);
        var trainer = new AutoencoderTrainer(parameters, new TrainingOptions { BatchSize = 20, ShardSize = 4, Threads = threads, Seed = seed, ClipNorm = 1, Width = width });
        var beats = Beats(50);
        trainer.TrainEpoch(beats, 50);
        trainer.TrainEpoch(beats, 50);
        return Flatten(parameters);
    }

    [Fact]
    public void Trainer_IsDeterministic_ForSameSeed()
    {
        float[] first = TrainTwoEpochs(threads: 2, seed: 3);

        float[] second = TrainTwoEpochs(threads: 2, seed: 3);

        Assert.Equal(first, second);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Trainer_GivesSameParameters_ForOneAndThreeThreads(KernelWidth width)
    {
        float[] single = TrainTwoEpochs(threads: 1, seed: 3, width);

        float[] three = TrainTwoEpochs(threads: 3, seed: 3, width);

        Assert.Equal(single, three);
    }

    [Fact]
    public void Trainer_ShufflesDifferently_ForDifferentSeeds()
    {
        float[] first = TrainTwoEpochs(threads: 2, seed: 3);

        float[] second = TrainTwoEpochs(threads: 2, seed: 4);

        Assert.NotEqual(first, second);
    }

    [Theory]
    [MemberData(nameof(LossesAtEveryWidth))]
    public void Trainer_ReducesLoss_OnRepeatedBatch(TrainingLoss loss, KernelWidth width)
    {
        var trainer = new AutoencoderTrainer(AutoencoderParameters.Initialize(Shape, seed: 7), new TrainingOptions { Loss = loss, LearningRate = 1e-2, Threads = 2, ShardSize = 4, Width = width });
        var beats = Beats(16);
        float before = trainer.ComputeLoss(beats, 16);

        for (int step = 0; step < 50; step++) trainer.TrainBatch(beats, 16);

        Assert.True(trainer.ComputeLoss(beats, 16) < 0.5f * before, $"loss {trainer.ComputeLoss(beats, 16)} not below half of {before}");
    }

    [Fact]
    public void Trainer_ComputeGradients_ReturnsSameLossAsComputeLoss()
    {
        var trainer = new AutoencoderTrainer(AutoencoderParameters.Initialize(Shape, seed: 7), new TrainingOptions { ShardSize = 3 });
        var beats = Beats(10);

        float withGradients = trainer.ComputeGradients(beats, 10, new AutoencoderParameters(Shape));

        Assert.Equal(trainer.ComputeLoss(beats, 10), withGradients, 6);
    }

    [Fact]
    public void Trainer_ComputeGradients_DoesNotDependOnShardSize()
    {
        var parameters = AutoencoderParameters.Initialize(Shape, seed: 7);
        var beats = Beats(10);
        var whole = new AutoencoderParameters(Shape);
        var sharded = new AutoencoderParameters(Shape);

        new AutoencoderTrainer(parameters, new TrainingOptions { ShardSize = 16 }).ComputeGradients(beats, 10, whole);
        new AutoencoderTrainer(parameters, new TrainingOptions { ShardSize = 3, Threads = 2 }).ComputeGradients(beats, 10, sharded);

        Assert.InRange(Parity.ParityFixture.RelativeError(Flatten(sharded), Flatten(whole)), 0, 1e-6);
    }

    [Fact]
    public void Trainer_Gradient_MatchesFiniteDifference_ForMseLoss()
    {
        var parameters = AutoencoderParameters.Initialize(Shape, seed: 7);
        var trainer = new AutoencoderTrainer(parameters, new TrainingOptions { Loss = TrainingLoss.Mse });
        var beats = Beats(3);
        var gradients = new AutoencoderParameters(Shape);
        trainer.ComputeGradients(beats, 3, gradients);

        // Central difference on a few weights of each layer, in float: h = 1e-2 keeps rounding well below the slope.
        foreach (var (tensor, gradient) in parameters.Tensors().Zip(gradients.Tensors()))
        {
            int index = tensor.Data.Length / 2;
            float saved = tensor.Data[index];
            tensor.Data[index] = saved + 1e-2f;
            double up = trainer.ComputeLoss(beats, 3);
            tensor.Data[index] = saved - 1e-2f;
            double down = trainer.ComputeLoss(beats, 3);
            tensor.Data[index] = saved;

            Assert.Equal((up - down) / 2e-2, gradient.Data[index], 3e-3);
        }
    }

    [Fact]
    public void Trainer_Rejects_TooFewValuesForCount()
    {
        var trainer = new AutoencoderTrainer(AutoencoderParameters.Initialize(Shape, seed: 7), new TrainingOptions());

        Assert.Throws<ArgumentException>(() => trainer.ComputeLoss(new float[Shape.BeatLength * 2 - 1], 2));
    }

    [Theory]
    [InlineData(nameof(TrainingOptions.BatchSize))]
    [InlineData(nameof(TrainingOptions.Threads))]
    [InlineData(nameof(TrainingOptions.ShardSize))]
    [InlineData(nameof(TrainingOptions.LearningRate))]
    [InlineData(nameof(TrainingOptions.ClipNorm))]
    [InlineData(nameof(TrainingOptions.Width))]
    public void TrainingOptions_Rejects_OutOfRangeSetting(string setting)
    {
        var options = setting switch
        {
            nameof(TrainingOptions.BatchSize) => new TrainingOptions { BatchSize = 0 },
            nameof(TrainingOptions.Threads) => new TrainingOptions { Threads = 0 },
            nameof(TrainingOptions.ShardSize) => new TrainingOptions { ShardSize = 0 },
            nameof(TrainingOptions.LearningRate) => new TrainingOptions { LearningRate = 0 },
            nameof(TrainingOptions.Width) => new TrainingOptions { Width = (KernelWidth)4 },
            _ => new TrainingOptions { ClipNorm = -1 },
        };

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(setting, error.ParamName);
    }
}
