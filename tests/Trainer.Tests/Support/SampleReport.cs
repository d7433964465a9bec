using EcgStream.Trainer.Report;
using EcgStream.Trainer.Training;

namespace EcgStream.Trainer.Tests.Support;

/// <summary>Report data for the hand-made split of <see cref="ScoredBeats"/>, with a short loss history.</summary>
public static class SampleReport
{
    /// <summary>The report's data: every class present, one reconstruction per class, four epochs of loss.</summary>
    public static ReportData Data()
    {
        var scores = ScoredBeats.Decided();
        var byClass = scores.GroupBy(s => s.Beat.Class).OrderBy(g => g.Key).ToList();
        return new ReportData
        {
            ModelName = "sample.safetensors",
            Metrics = ScoredBeats.Metrics(),
            Scores = scores,
            TrainLoss = [60, 40, 30, 28],
            ValidationLoss = [62, 41, 29, 30],
            BestEpoch = 3,
            ClassAverages = byClass.Select(g => new ClassAverage(g.Key, g.Count(), g.First().Beat.Samples,
                g.First().Beat.Samples.Select(_ => 0.1f).ToArray())).ToList(),
            Examples = byClass.Select(g => new ReconstructionExample(g.First(), g.First().Beat.Samples.Select(x => 0.9f * x).ToArray())).ToList(),
            Provenance = new Dictionary<string, string> { [ProvenanceKeys.Protocol] = "seed", [ProvenanceKeys.Seed] = "1" },
        };
    }
}
