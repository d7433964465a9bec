using EcgStream.Model.Classification;
using EcgStream.Model.Serialization;
using EcgStream.Trainer.Cli;
using EcgStream.Trainer.Data;
using EcgStream.Trainer.Report;
using EcgStream.Trainer.Training;
using Spectre.Console;

namespace EcgStream.Trainer.Evaluation;

/// <summary>
/// The <c>evaluate-classifier</c> command: classify one split with a classifier file, print the figures, and write the
/// metrics JSON, the per-beat probabilities CSV and the report where asked.
/// </summary>
public static class ClassifierEvaluateWorkflow
{
    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(ClassifierEvaluateOptions options, IAnsiConsole console)
    {
        options.Validate();
        var model = ClassifierFile.Load(options.ModelPath);
        const int Ecg5000Samples = 140;
        if (model.Parameters.SequenceLength != Ecg5000Samples)
        {
            throw new InvalidOptionsException($"--model: '{options.ModelPath}' takes beats of {model.Parameters.SequenceLength} samples; ECG5000 beats have {Ecg5000Samples}.");
        }
        if (model.Parameters.ClassCount != ClassLabels.Count)
        {
            throw new InvalidOptionsException($"--model: '{options.ModelPath}' has {model.Parameters.ClassCount} classes; ECG5000 has {ClassLabels.Count}.");
        }
        var provenance = model.Metadata.Provenance;
        var protocol = options.Protocol ?? TrainedSplit.Protocol(provenance);
        int splitSeed = TrainedSplit.Seed(provenance);

        if (provenance.TryGetValue(ProvenanceKeys.Protocol, out var trainedUnder) && trainedUnder != ProtocolNames.Of(protocol))
        {
            // The protocols' test splits overlap the other protocol's training beats, so such figures flatter the model.
            console.MarkupLine(Markup.Escape($"warning: the model was trained under the {trainedUnder} protocol; some of its training beats are in the "
                + $"{ProtocolNames.Of(protocol)} protocol's {ProtocolNames.Of(options.Split)} split, so these figures are not a held-out measure."));
        }
        var data = Ecg5000DataSet.LoadForClassifier(options.DataDirectory, protocol, splitSeed);
        using var classifier = BeatClassifier.Create(model, options.Threads);
        var evaluation = ClassifierEvaluation.Run(model, data, options.Split, classifier);

        ClassifierMetricsTable.Write(console, evaluation.Metrics);
        if (options.MetricsPath is not null) ClassificationMetricsFile.Write(options.MetricsPath, evaluation.Metrics);
        if (options.ScoresPath is not null) ClassifierScoresFile.Write(options.ScoresPath, evaluation.Predictions);
        if (options.ReportPath is not null)
        {
            ClassifierHtmlReport.Write(options.ReportPath, ClassifierReportBuilder.Build(Path.GetFileName(options.ModelPath), provenance, evaluation));
        }
        var written = new[] { ("metrics", options.MetricsPath), ("scores", options.ScoresPath), ("report", options.ReportPath) }
            .Where(w => w.Item2 is not null).Select(w => $"{w.Item1}: {w.Item2}");
        if (written.Any()) console.MarkupLine(Markup.Escape(string.Join("  ", written)));
        return 0;
    }
}
