using EcgStream.Model;
using EcgStream.Trainer.Data;

namespace EcgStream.Trainer.Evaluation;

/// <summary>Scores one split of a data set with a model and measures the result against its threshold.</summary>
public static class ModelEvaluation
{
    /// <summary>Scores every beat of <paramref name="split"/> with <paramref name="scorer"/> and computes the figures.</summary>
    public static EvaluationOutcome Run(ModelMetadata metadata, SplitDataSet data, DataSplit split, BeatScorer scorer)
    {
        var beats = data.Beats.Where(b => b.Split == split).ToList();
        if (beats.Count == 0) throw new InvalidOperationException($"The {ProtocolNames.Of(data.Protocol)} protocol has no {ProtocolNames.Of(split)} beats.");
        float[] values = scorer.Score(beats.Select(b => b.Beat).ToList());
        var scores = Evaluator.Decide(beats, values, metadata.Threshold);
        var metrics = Evaluator.Measure(scores, metadata, data.Protocol, split, data.SplitSeed);
        return new EvaluationOutcome(scores, metrics);
    }
}
