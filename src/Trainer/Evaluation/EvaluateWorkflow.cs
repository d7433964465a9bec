using EcgStream.Model.Serialization;
using EcgStream.Trainer.Cli;
using EcgStream.Trainer.Data;
using EcgStream.Trainer.Report;
using Spectre.Console;

namespace EcgStream.Trainer.Evaluation;

/// <summary>
/// The <c>evaluate</c> and <c>report</c> commands: score one split with a model file at its stored threshold, print the
/// figures, and write metrics.json, the scores CSV and the report where asked.
/// </summary>
public static class EvaluateWorkflow
{
    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(EvaluateOptions options, IAnsiConsole console)
    {
        options.Validate();
        var model = ModelFile.LoadAny(options.ModelPath);
        const int Ecg5000Samples = 140;
        if (model.Shape.BeatLength != Ecg5000Samples)
        {
            throw new InvalidOptionsException($"--model: '{options.ModelPath}' takes beats of {model.Shape.BeatLength} samples; ECG5000 beats have {Ecg5000Samples}.");
        }
        var provenance = model.Metadata.Provenance;
        var protocol = options.Protocol ?? TrainedSplit.Protocol(provenance);
        int splitSeed = TrainedSplit.Seed(provenance);

        var data = Ecg5000DataSet.Load(options.DataDirectory, protocol, splitSeed);
        using var scorer = BeatScorer.Open(model, options.Device, options.Threads, out string reason);
        console.MarkupLine(Markup.Escape($"scoring on {reason}"));
        var evaluation = ModelEvaluation.Run(model.Metadata, data, options.Split, scorer);

        MetricsTable.Write(console, evaluation.Metrics);
        if (options.MetricsPath is not null) MetricsFile.Write(options.MetricsPath, evaluation.Metrics);
        if (options.ScoresPath is not null) ScoresFile.Write(options.ScoresPath, evaluation.Scores);
        if (options.ReportPath is not null)
        {
            HtmlReport.Write(options.ReportPath, ReportBuilder.Build(Path.GetFileName(options.ModelPath), model.Metadata, evaluation, scorer));
        }
        var written = new[] { ("metrics", options.MetricsPath), ("scores", options.ScoresPath), ("report", options.ReportPath) }
            .Where(w => w.Item2 is not null).Select(w => $"{w.Item1}: {w.Item2}");
        if (written.Any()) console.MarkupLine(Markup.Escape(string.Join("  ", written)));
        return 0;
    }
}
