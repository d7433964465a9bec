using EcgStream.Beats.Ecg5000;
using EcgStream.Model;
using EcgStream.Trainer.Data;
using EcgStream.Trainer.Evaluation;

namespace EcgStream.Trainer.Tests.Support;

/// <summary>A small hand-made test split with known scores, for metric, file and report tests.</summary>
public static class ScoredBeats
{
    /// <summary>The threshold of <see cref="Metadata"/>.</summary>
    public const float Threshold = 2.5f;

    /// <summary>A model's metadata with <see cref="Threshold"/>.</summary>
    public static ModelMetadata Metadata { get; } = new()
    {
        ModelVersion = "test-model",
        Threshold = Threshold,
        ThresholdMethod = "max-f1-validation",
        ErrorMetric = ErrorMetric.L1Sum,
    };

    /// <summary>
    /// Eight test beats: normal scored 1, 2, 3 (the 3 is a false alarm); R-on-T PVC 4, 5; PVC 2 (missed); SP/EB 6; UB 7.
    /// </summary>
    public static IReadOnlyList<BeatScore> Decided()
    {
        (BeatClass Class, float Score)[] rows =
        [
            (BeatClass.Normal, 1), (BeatClass.Normal, 2), (BeatClass.Normal, 3),
            (BeatClass.RonTPvc, 4), (BeatClass.RonTPvc, 5), (BeatClass.Pvc, 2), (BeatClass.SpEb, 6), (BeatClass.Ub, 7),
        ];
        var beats = rows.Select((r, i) => new SplitBeat(
            new LabeledBeat(r.Class, Samples(i), i < 4 ? "ECG5000_TRAIN.txt" : "ECG5000_TEST.txt", i * 10), DataSplit.Test)).ToList();
        return Evaluator.Decide(beats, rows.Select(r => r.Score).ToArray(), Threshold);
    }

    /// <summary>The figures of <see cref="Decided"/> under the seed protocol.</summary>
    public static EvaluationMetrics Metrics() => Evaluator.Measure(Decided(), Metadata, DataProtocol.Seed, DataSplit.Test, splitSeed: 5000);

    private static float[] Samples(int index) =>
        Enumerable.Range(0, SyntheticEcg5000.Samples).Select(t => MathF.Sin(t / 10f + index)).ToArray();
}
