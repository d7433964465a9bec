using EcgStream.Model.Classification;

namespace EcgStream.Model.Tests.Classification;

/// <summary>
/// The classifier's back-propagation against central finite differences of its own loss along a random direction: a coarse
/// check (float32 losses and the kinks of ReLU and max-pooling limit it to about 10 %) that catches a wrong sign or a missing
/// factor; the exact check is against PyTorch (ClassifierParityTests, 1e-4).
/// </summary>
public sealed class ClassifierGradientTests
{
    [Theory]
    [MemberData(nameof(ClassifierTestData.Architectures), MemberType = typeof(ClassifierTestData))]
    public void ClassifierTrainer_Gradient_MatchesFiniteDifferences_ForEachArchitecture(ClassifierArchitecture architecture)
    {
        AssertGradientMatchesFiniteDifferences(architecture, classWeights: null);
    }

    [Theory]
    [MemberData(nameof(ClassifierTestData.Architectures), MemberType = typeof(ClassifierTestData))]
    public void ClassifierTrainer_Gradient_MatchesFiniteDifferences_WithClassWeights(ClassifierArchitecture architecture)
    {
        AssertGradientMatchesFiniteDifferences(architecture, classWeights: [0.5f, 2f, 1f, 3f, 0.25f]);
    }

    private static void AssertGradientMatchesFiniteDifferences(ClassifierArchitecture architecture, float[]? classWeights)
    {
        const int length = 24, count = 11;
        var parameters = ClassifierTestData.Parameters(architecture, seed: 5, sequenceLength: length);
        var beats = ClassifierTestData.Beats(count, length, seed: 6);
        var labels = ClassifierTestData.Labels(count, 5, seed: 7);
        var trainer = new ClassifierTrainer(parameters, new ClassifierTrainingOptions { Threads = 1, ShardSize = 4, ClassWeights = classWeights });
        var gradients = new ClassifierParameters(architecture, length);
        trainer.ComputeGradients(beats, labels, count, gradients);

        // Direction d with elements in [−1, 1]; the derivative along it is g·d.
        var random = new Random(8);
        var tensors = parameters.Tensors();
        var direction = tensors.Select(t => t.Data.Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray()).ToArray();
        double analytic = 0;
        for (int i = 0; i < tensors.Count; i++)
            for (int j = 0; j < direction[i].Length; j++) analytic += (double)gradients.Tensors()[i].Data[j] * direction[i][j];
        const float epsilon = 1e-3f;
        double plus = LossAt(parameters, direction, epsilon, trainer, beats, labels, count);
        double minus = LossAt(parameters, direction, -epsilon, trainer, beats, labels, count);
        double numeric = (plus - minus) / (2 * epsilon);

        Assert.True(Math.Abs(numeric - analytic) <= 1e-1 * Math.Abs(analytic) + 1e-4, $"finite difference {numeric:G6}, back-propagation {analytic:G6}");
    }

    private static double LossAt(ClassifierParameters parameters, float[][] direction, float step, ClassifierTrainer trainer, float[] beats, int[] labels, int count)
    {
        var tensors = parameters.Tensors();
        var saved = tensors.Select(t => (float[])t.Data.Clone()).ToArray();
        for (int i = 0; i < tensors.Count; i++)
            for (int j = 0; j < direction[i].Length; j++) tensors[i].Data[j] += step * direction[i][j];
        double loss = trainer.ComputeLoss(beats, labels, count);
        for (int i = 0; i < tensors.Count; i++) saved[i].CopyTo(tensors[i].Data, 0);
        return loss;
    }
}
