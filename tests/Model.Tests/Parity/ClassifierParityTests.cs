using EcgStream.Model.Classification;
using EcgStream.Model.Kernels;
using EcgStream.Model.Tests.Classification;
using EcgStream.Model.Tests.Kernels;
using Xunit.Abstractions;

namespace EcgStream.Model.Tests.Parity;

/// <summary>Each classifier architecture end to end against its PyTorch twin (scripts/classifier_models.py) on recorded fixtures.</summary>
public sealed class ClassifierParityTests(ITestOutputHelper output)
{
    private const double OutputTolerance = 1e-5;
    private const double GradientTolerance = 1e-4;

    /// <summary>Every architecture at every kernel width, for the training network.</summary>
    public static TheoryData<ClassifierArchitecture, KernelWidth> ArchitecturesAtEveryWidth => KernelWidths.AtEveryWidth(ClassifierTestData.Architectures);

    [Theory]
    [MemberData(nameof(ArchitecturesAtEveryWidth))]
    public void Classifier_Logits_MatchPyTorchFixture_AtTheRealBeatLength(ClassifierArchitecture architecture, KernelWidth width)
    {
        var fixture = ClassifierParityFixture.Of(architecture);
        var network = new ClassifierNetwork(fixture.Parameters(architecture, 140), maxBatch: 4, dropout: 0f, width);
        var input = fixture.Tensor("full.input");

        network.Forward(input, 4, training: false, refreshWeights: true);

        var expected = fixture.Tensor("full.logits");
        ClassifierParityFixture.AssertClose("full.logits", expected, network.Logits.AsSpan(0, expected.Length), OutputTolerance, output);
    }

    [Theory]
    [MemberData(nameof(ClassifierTestData.Architectures), MemberType = typeof(ClassifierTestData))]
    public void BeatClassifier_Probabilities_MatchPyTorchFixture(ClassifierArchitecture architecture)
    {
        var fixture = ClassifierParityFixture.Of(architecture);
        using var classifier = BeatClassifier.Create(new ClassifierModel(fixture.Parameters(architecture, 140), new ClassifierMetadata()), threads: 2);
        var probabilities = new float[4 * 5];

        classifier.Classify(fixture.Tensor("full.input"), 4, probabilities);

        ClassifierParityFixture.AssertClose("full.probabilities", fixture.Tensor("full.probabilities"), probabilities, OutputTolerance, output);
    }

    [Theory]
    [MemberData(nameof(ArchitecturesAtEveryWidth))]
    public void Classifier_Loss_MatchesPyTorchFixture_WithAndWithoutClassWeights(ClassifierArchitecture architecture, KernelWidth width)
    {
        var fixture = ClassifierParityFixture.Of(architecture);
        var (parameters, input, labels, weights) = Small(fixture, architecture);

        float plain = new ClassifierTrainer(parameters, Options(null, width)).ComputeLoss(input, labels, labels.Length);
        float weighted = new ClassifierTrainer(parameters, Options(weights, width)).ComputeLoss(input, labels, labels.Length);

        ClassifierParityFixture.AssertClose("small.loss.plain", fixture.Tensor("small.loss.plain"), [plain], OutputTolerance, output);
        ClassifierParityFixture.AssertClose("small.loss.weighted", fixture.Tensor("small.loss.weighted"), [weighted], OutputTolerance, output);
    }

    [Theory]
    [MemberData(nameof(ArchitecturesAtEveryWidth))]
    public void Classifier_Gradients_MatchPyTorchFixture_WithClassWeights(ClassifierArchitecture architecture, KernelWidth width)
    {
        var fixture = ClassifierParityFixture.Of(architecture);
        var (parameters, input, labels, weights) = Small(fixture, architecture);
        var gradients = new ClassifierParameters(architecture, parameters.SequenceLength);

        new ClassifierTrainer(parameters, Options(weights, width)).ComputeGradients(input, labels, labels.Length, gradients);

        foreach (var tensor in gradients.Tensors())
            ClassifierParityFixture.AssertClose(tensor.Name, fixture.Tensor("small.grad.weighted." + tensor.Name), tensor.Data, GradientTolerance, output);
    }

    /// <summary>Shards of 4 (the batch of 6 is two shards) check the shard split and the batch-wide weight normaliser too.</summary>
    private static ClassifierTrainingOptions Options(float[]? weights, KernelWidth width) => new() { Threads = 2, ShardSize = 4, ClassWeights = weights, Dropout = 0f, Width = width };

    private static (ClassifierParameters, float[], int[], float[]) Small(ClassifierParityFixture fixture, ClassifierArchitecture architecture)
    {
        int length = int.Parse(fixture.Metadata["small_length"]);
        return (fixture.Parameters(architecture, length), fixture.Tensor("small.input"), fixture.Labels("small.labels"), fixture.Tensor("small.class_weights"));
    }
}
