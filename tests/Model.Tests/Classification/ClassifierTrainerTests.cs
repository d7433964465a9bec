using EcgStream.Model.Classification;
using EcgStream.Model.Kernels;

namespace EcgStream.Model.Tests.Classification;

public sealed class ClassifierTrainerTests
{
    [Theory]
    [MemberData(nameof(ClassifierTestData.Architectures), MemberType = typeof(ClassifierTestData))]
    public void ClassifierTrainer_GivesIdenticalWeights_WhateverTheThreadCount(ClassifierArchitecture architecture)
    {
        const int length = 32, count = 45;
        var beats = ClassifierTestData.Beats(count, length, seed: 1);
        var labels = ClassifierTestData.Labels(count, 5, seed: 2);
        var one = ClassifierTestData.Parameters(architecture, seed: 3, sequenceLength: length);
        var two = one.Clone();

        new ClassifierTrainer(one, Options(threads: 1)).TrainEpoch(beats, labels, count);
        new ClassifierTrainer(two, Options(threads: 2)).TrainEpoch(beats, labels, count);

        for (int i = 0; i < one.Tensors().Count; i++) Assert.Equal(one.Tensors()[i].Data, two.Tensors()[i].Data);
    }

    [Theory]
    [MemberData(nameof(ClassifierTestData.Architectures), MemberType = typeof(ClassifierTestData))]
    public void ClassifierTrainer_LowersTheLoss_OnSeparableClasses(ClassifierArchitecture architecture)
    {
        // Class k is a sine wave of k + 1 periods with a random phase and noise: any of the networks separates them quickly.
        const int length = 48, count = 60;
        var (beats, labels) = Waves(count, length, seed: 4);
        var parameters = ClassifierTestData.Parameters(architecture, seed: 5, sequenceLength: length);
        var trainer = new ClassifierTrainer(parameters, Options(threads: 2, learningRate: 1e-2));
        float before = trainer.ComputeLoss(beats, labels, count);

        for (int epoch = 0; epoch < 30; epoch++) trainer.TrainEpoch(beats, labels, count);

        Assert.True(trainer.ComputeLoss(beats, labels, count) < 0.5f * before, $"loss {before} → {trainer.ComputeLoss(beats, labels, count)}");
    }

    [Fact]
    public void ClassifierTrainer_Predict_GivesProbabilitiesThatSumToOne()
    {
        var parameters = ClassifierTestData.Parameters(ClassifierArchitecture.Conv1d, seed: 6, sequenceLength: 40);
        var trainer = new ClassifierTrainer(parameters, Options(threads: 2));
        var beats = ClassifierTestData.Beats(37, 40, seed: 7);
        var probabilities = new float[37 * 5];

        trainer.Predict(beats, 37, probabilities);

        for (int b = 0; b < 37; b++) Assert.Equal(1.0, probabilities.AsSpan(b * 5, 5).ToArray().Sum(p => (double)p), 5);
    }

    [Fact]
    public void ClassifierTrainer_Rejects_ALabelOutsideTheClasses()
    {
        var trainer = new ClassifierTrainer(ClassifierTestData.Parameters(ClassifierArchitecture.Lstm, seed: 1, sequenceLength: 8), Options(threads: 1));

        Assert.Throws<ArgumentOutOfRangeException>(() => trainer.ComputeLoss(new float[16], [0, 5], 2));
    }

    [Fact]
    public void ClassifierTrainer_Rejects_ClassWeightsOfTheWrongLength()
    {
        var parameters = ClassifierTestData.Parameters(ClassifierArchitecture.Lstm, seed: 1, sequenceLength: 8);

        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassifierTrainer(parameters, Options(threads: 1, classWeights: [1f, 2f])));
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(1f)]
    public void ClassifierTrainingOptions_Rejects_DropoutOutsideZeroToOne(float dropout)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassifierTrainingOptions { Dropout = dropout }.Validate());
    }

    [Fact]
    public void ClassifierTrainingOptions_Rejects_ANonPositiveClassWeight()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassifierTrainingOptions { ClassWeights = [1f, 0f, 1f, 1f, 1f] }.Validate());
    }

    [Fact]
    public void ClassifierTrainingOptions_Rejects_AnUnknownWidth()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassifierTrainingOptions { Width = (KernelWidth)4 }.Validate());
    }

    private static ClassifierTrainingOptions Options(int threads, double learningRate = 1e-3, float[]? classWeights = null) =>
        new() { Threads = threads, ShardSize = 8, BatchSize = 16, Seed = 9, LearningRate = learningRate, ClassWeights = classWeights };

    /// <summary>Beats of class k: 2·sin(2π(k + 1)t/L + φ) with a random phase φ, plus noise in [−0.3, 0.3].</summary>
    internal static (float[] Beats, int[] Labels) Waves(int count, int length, int seed)
    {
        var random = new Random(seed);
        var beats = new float[count * length];
        var labels = new int[count];
        for (int b = 0; b < count; b++)
        {
            labels[b] = b % 5;
            double phase = random.NextDouble() * 2 * Math.PI;
            for (int t = 0; t < length; t++)
            {
                beats[b * length + t] = (float)(2 * Math.Sin(2 * Math.PI * (labels[b] + 1) * t / length + phase) + random.NextDouble() * 0.6 - 0.3);
            }
        }
        return (beats, labels);
    }
}
