using EcgStream.Model.Classification;
using EcgStream.Model.Tests.Kernels;

namespace EcgStream.Model.Tests.Classification;

/// <summary>Shared inputs of the classifier tests: architectures, initialised parameters, random beats and labels.</summary>
internal static class ClassifierTestData
{
    /// <summary>Every architecture.</summary>
    public static TheoryData<ClassifierArchitecture> Architectures => new() { ClassifierArchitecture.Conv1d, ClassifierArchitecture.Lstm, ClassifierArchitecture.Conv1dLstm };

    /// <summary>Parameters of <paramref name="architecture"/> initialised from <paramref name="seed"/>.</summary>
    public static ClassifierParameters Parameters(ClassifierArchitecture architecture, int seed, int sequenceLength = 140, int classCount = 5)
    {
        var parameters = new ClassifierParameters(architecture, sequenceLength, classCount);
        parameters.Initialise(seed);
        return parameters;
    }

    /// <summary>Uniform random beats in [−2, 2], [count, length].</summary>
    public static float[] Beats(int count, int length, int seed) => KernelWidths.Random(count * length, seed, scale: 2f);

    /// <summary>Random class indexes 0..classes−1.</summary>
    public static int[] Labels(int count, int classes, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.Next(classes)).ToArray();
    }
}
