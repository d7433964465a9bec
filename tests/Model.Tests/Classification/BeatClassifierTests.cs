using EcgStream.Model.Classification;
using EcgStream.Model.Tests.Inference;

namespace EcgStream.Model.Tests.Classification;

public sealed class BeatClassifierTests
{
    [Theory]
    [MemberData(nameof(ClassifierTestData.Architectures), MemberType = typeof(ClassifierTestData))]
    public void BeatClassifier_Classify_MatchesTheTrainersPrediction(ClassifierArchitecture architecture)
    {
        const int count = 150;
        var parameters = ClassifierTestData.Parameters(architecture, seed: 11);
        var beats = ClassifierTestData.Beats(count, 140, seed: 12);
        var expected = new float[count * 5];
        new ClassifierTrainer(parameters, new ClassifierTrainingOptions { Threads = 1 }).Predict(beats, count, expected);
        using var classifier = BeatClassifier.Create(new ClassifierModel(parameters, new ClassifierMetadata()), threads: 2);
        var probabilities = new float[count * 5];

        classifier.Classify(beats, count, probabilities);

        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], probabilities[i], 1e-5f);
    }

    [Fact]
    public void BeatClassifier_IsUnaffected_WhenTheModelsParametersChangeAfterCreation()
    {
        var parameters = ClassifierTestData.Parameters(ClassifierArchitecture.Conv1d, seed: 13);
        var beats = ClassifierTestData.Beats(3, 140, seed: 14);
        using var classifier = BeatClassifier.Create(new ClassifierModel(parameters, new ClassifierMetadata()), threads: 1);
        var before = new float[15];
        classifier.Classify(beats, 3, before);

        parameters.Initialise(seed: 99);
        var after = new float[15];
        classifier.Classify(beats, 3, after);

        Assert.Equal(before, after);
    }

    [Fact]
    public void BeatClassifier_GivesTheSameProbabilities_WhenCalledFromSeveralThreadsAtOnce()
    {
        const int count = 70;
        using var classifier = BeatClassifier.Create(new ClassifierModel(ClassifierTestData.Parameters(ClassifierArchitecture.Conv1dLstm, seed: 19), new ClassifierMetadata()), threads: 2);
        var beats = ClassifierTestData.Beats(count, 140, seed: 20);
        var expected = new float[count * 5];
        classifier.Classify(beats, count, expected);

        var results = new float[4][];
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var probabilities = new float[count * 5];
            for (int repeat = 0; repeat < 5; repeat++) classifier.Classify(beats, count, probabilities);
            results[i] = probabilities;
        });

        foreach (var result in results) Assert.Equal(expected, result);
    }

    [Fact]
    public void BeatClassifier_Rejects_AProbabilityBufferThatIsTooShort()
    {
        using var classifier = BeatClassifier.Create(new ClassifierModel(ClassifierTestData.Parameters(ClassifierArchitecture.Lstm, seed: 1), new ClassifierMetadata()), threads: 1);

        Assert.Throws<ArgumentException>(() => classifier.Classify(new float[2 * 140], 2, new float[9]));
    }

    [Theory]
    [InlineData(ClassifierArchitecture.Conv1d, 1)]
    [InlineData(ClassifierArchitecture.Conv1d, 64)]
    [InlineData(ClassifierArchitecture.Lstm, 64)]
    [InlineData(ClassifierArchitecture.Conv1dLstm, BeatClassifier.MaxBeatsPerPass + 3)]
    public void BeatClassifier_Classify_AllocatesNothing_OnOneThreadAfterWarmUp(ClassifierArchitecture architecture, int count)
    {
        using var classifier = BeatClassifier.Create(new ClassifierModel(ClassifierTestData.Parameters(architecture, seed: 15), new ClassifierMetadata()), threads: 1);
        var beats = ClassifierTestData.Beats(count, 140, seed: 16);
        var probabilities = new float[count * 5];
        classifier.Classify(beats, count, probabilities);

        // With one thread every pass runs on this thread, so its own counter sees every allocation of a call.
        long quietest = CpuInferenceEngineAllocationTests.QuietestWindow(GC.GetAllocatedBytesForCurrentThread, callsPerWindow: 2,
            () => classifier.Classify(beats, count, probabilities));

        Assert.Equal(0, quietest);
    }

    [Fact]
    public void BeatClassifier_Classify_AllocatesNothingOnTheCallingThread_WithHelperThreads()
    {
        using var classifier = BeatClassifier.Create(new ClassifierModel(ClassifierTestData.Parameters(ClassifierArchitecture.Conv1d, seed: 17), new ClassifierMetadata()), threads: 2);
        int count = 2 * BeatClassifier.MaxBeatsPerPass + 5;
        var beats = ClassifierTestData.Beats(count, 140, seed: 18);
        var probabilities = new float[count * 5];
        classifier.Classify(beats, count, probabilities);

        long quietest = CpuInferenceEngineAllocationTests.QuietestWindow(GC.GetAllocatedBytesForCurrentThread, callsPerWindow: 20,
            () => classifier.Classify(beats, count, probabilities));

        Assert.Equal(0, quietest);
    }
}
