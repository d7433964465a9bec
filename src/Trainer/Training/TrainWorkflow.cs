using System.Globalization;
using EcgStream.Model;
using EcgStream.Model.Inference;
using EcgStream.Model.Serialization;
using EcgStream.Model.Training;
using EcgStream.Trainer.Cli;
using EcgStream.Trainer.Data;
using EcgStream.Trainer.Evaluation;
using EcgStream.Trainer.Report;
using Spectre.Console;

namespace EcgStream.Trainer.Training;

/// <summary>
/// The <c>train</c> command: split the data, train on normal beats, choose the threshold on validation, evaluate on test,
/// then write the model, metrics.json, the report and (when asked) the test scores.
/// </summary>
public static class TrainWorkflow
{
    /// <summary>Runs the whole command; returns the exit code. <paramref name="cancellation"/> is Ctrl-C: stop and keep the best epoch.</summary>
    public static int Run(TrainOptions options, IAnsiConsole console, CancellationToken cancellation)
    {
        options.Validate();
        var data = Ecg5000DataSet.Load(options.DataDirectory, options.Protocol);
        var trainBeats = data.NormalIn(DataSplit.Train);
        var validationNormal = data.NormalIn(DataSplit.Validation);
        var validation = data.Beats.Where(b => b.Split == DataSplit.Validation).Select(b => b.Beat).ToList();
        var criterion = options.CheckpointCriterion;
        console.MarkupLine(Markup.Escape(
            $"{AutoencoderArchitectureNames.Name(options.Architecture)}, protocol {ProtocolNames.Of(options.Protocol)}: {trainBeats.Count} training beats (normal), "
            + $"validation {data.In(DataSplit.Validation).Count} ({validationNormal.Count} normal), test {data.In(DataSplit.Test).Count}; "
            + $"{options.Threads} threads, batch {options.BatchSize}, loss {options.Loss}, lr {options.LearningRate.ToString(CultureInfo.InvariantCulture)} {Cuts(options)}, up to {options.Epochs} epochs, keeping the best by validation {Describe(criterion)}"));

        var rocAuc = criterion == CheckpointCriterion.RocAuc ? new ValidationRocAuc(validation, options.ErrorMetric, options.Threads) : null;
        var outcome = TrainWithProgress(options, trainBeats, validationNormal, rocAuc, console, cancellation);
        var kept = outcome.History[outcome.BestEpoch - 1];
        console.MarkupLine(Markup.Escape(
            $"{Describe(outcome.StopReason)} after {outcome.History.Count} epochs in {outcome.Elapsed.TotalSeconds:F0} s; keeping epoch {outcome.BestEpoch} "
            + $"(validation loss {kept.ValidationLoss:G5}{(double.IsNaN(kept.ValidationRocAuc) ? "" : $", ROC-AUC {kept.ValidationRocAuc:F4}")})"));

        var untuned = outcome.Best.WithMetadata(new ModelMetadata
        {
            ModelVersion = options.ResolvedModelVersion,
            ErrorMetric = options.ErrorMetric,
            Normalisation = outcome.Normalisation,
        });
        using var scorer = BeatScorer.Open(untuned, EngineDevice.Cpu, options.Threads, out _);
        float[] validationScores = scorer.Score(validation);
        var threshold = ThresholdSelector.Choose(validationScores, validation.Select(b => b.IsAnomaly).ToArray(),
            options.ThresholdMethod, options.ThresholdPercentile);

        var metadata = untuned.Metadata with
        {
            Threshold = threshold.Value,
            ThresholdMethod = threshold.Method,
            Provenance = Provenance(options, data, outcome, trainBeats.Count, criterion),
        };
        var evaluation = ModelEvaluation.Run(metadata, data, DataSplit.Test, scorer);
        var model = untuned.WithMetadata(metadata with { Provenance = WithTestFigures(metadata.Provenance, evaluation.Metrics) });

        MetricsFile.CreateFolderOf(options.ModelPath);
        ModelFile.Save(options.ModelPath, model);
        MetricsFile.Write(options.ResolvedMetricsPath, evaluation.Metrics);
        if (options.ScoresPath is not null) ScoresFile.Write(options.ScoresPath, evaluation.Scores);
        HtmlReport.Write(options.ResolvedReportPath, ReportBuilder.Build(Path.GetFileName(options.ModelPath), model.Metadata, evaluation, scorer));

        MetricsTable.Write(console, evaluation.Metrics);
        console.MarkupLine(Markup.Escape($"model: {options.ModelPath}  metrics: {options.ResolvedMetricsPath}  report: {options.ResolvedReportPath}"
            + (options.ScoresPath is null ? "" : $"  scores: {options.ScoresPath}")));
        return 0;
    }

    private static TrainingOutcome TrainWithProgress(
        TrainOptions options, IReadOnlyList<Beats.Ecg5000.LabeledBeat> train, IReadOnlyList<Beats.Ecg5000.LabeledBeat> validation,
        ValidationRocAuc? rocAuc, IAnsiConsole console, CancellationToken cancellation)
    {
        var architecture = options.Architecture;
        var trainingOptions = options.ToTrainingOptions();
        EpochRecord? best = null;
        string Line(EpochRecord e)
        {
            if (e.IsBest) best = e;
            string bestFigure = rocAuc is null ? $"{best!.ValidationLoss:G5}" : $"{best!.ValidationRocAuc:F4}";
            string auc = rocAuc is null ? "" : $"  val ROC-AUC {e.ValidationRocAuc:F4}";
            return $"epoch {e.Epoch}/{options.Epochs}  loss {e.TrainLoss:G5}  val loss {e.ValidationLoss:G5}{auc}  lr {e.LearningRate:G3}  best {bestFigure} @ {best.Epoch}  ({e.Elapsed.TotalSeconds:F1} s)";
        }

        // A progress bar needs a terminal; when output is redirected (scripts, CI logs) one plain line per epoch reads better.
        if (!console.Profile.Capabilities.Interactive)
        {
            return TrainingLoop.Run(train, validation, architecture, trainingOptions, options.Epochs, options.Patience, options.ToSchedule(),
                rocAuc, e => console.WriteLine(Line(e)), cancellation);
        }
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape($"epoch 1/{options.Epochs}  training..."), maxValue: options.Epochs);
                var outcome = TrainingLoop.Run(train, validation, architecture, trainingOptions, options.Epochs, options.Patience, options.ToSchedule(), rocAuc, e =>
                {
                    task.Description = Markup.Escape(Line(e));
                    task.Increment(1);
                }, cancellation);
                task.StopTask();
                return outcome;
            });
    }

    private static Dictionary<string, string> Provenance(TrainOptions options, SplitDataSet data, TrainingOutcome outcome, int trainBeats, CheckpointCriterion criterion)
    {
        string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        var files = data.Beats.Select(b => b.Beat.SourceFile).Distinct();
        var provenance = new Dictionary<string, string>
        {
            [ProvenanceKeys.Architecture] = AutoencoderArchitectureNames.Name(options.Architecture),
            [ProvenanceKeys.Checkpoint] = "validation-" + Describe(criterion),
            [ProvenanceKeys.Protocol] = ProtocolNames.Of(options.Protocol),
            [ProvenanceKeys.SplitSeed] = data.SplitSeed.ToString(CultureInfo.InvariantCulture),
            [ProvenanceKeys.Seed] = options.Seed.ToString(CultureInfo.InvariantCulture),
            [ProvenanceKeys.Loss] = options.Loss == TrainingLoss.L1 ? "l1" : "mse",
            [ProvenanceKeys.LearningRate] = Invariant(options.LearningRate),
            [ProvenanceKeys.BatchSize] = options.BatchSize.ToString(CultureInfo.InvariantCulture),
            [ProvenanceKeys.LearningRatePatience] = options.LearningRatePatience.ToString(CultureInfo.InvariantCulture),
            [ProvenanceKeys.LearningRateFactor] = Invariant(options.LearningRateFactor),
            [ProvenanceKeys.ClipNorm] = Invariant(options.ClipNorm),
            [ProvenanceKeys.MaxEpochs] = options.Epochs.ToString(CultureInfo.InvariantCulture),
            [ProvenanceKeys.Patience] = options.Patience.ToString(CultureInfo.InvariantCulture),
            [ProvenanceKeys.EpochsRun] = outcome.History.Count.ToString(CultureInfo.InvariantCulture),
            [ProvenanceKeys.BestEpoch] = outcome.BestEpoch.ToString(CultureInfo.InvariantCulture),
            [ProvenanceKeys.StopReason] = Describe(outcome.StopReason),
            [ProvenanceKeys.Threads] = options.Threads.ToString(CultureInfo.InvariantCulture),
            [ProvenanceKeys.TrainSeconds] = outcome.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture),
            [ProvenanceKeys.TrainBeats] = trainBeats.ToString(CultureInfo.InvariantCulture),
            [ProvenanceKeys.DataFiles] = string.Join(";", files),
            [ProvenanceKeys.TrainLossCurve] = string.Join(",", outcome.History.Select(e => e.TrainLoss.ToString("R", CultureInfo.InvariantCulture))),
            [ProvenanceKeys.LearningRateCurve] = string.Join(",", outcome.History.Select(e => e.LearningRate.ToString("R", CultureInfo.InvariantCulture))),
            [ProvenanceKeys.ValidationLossCurve] = string.Join(",", outcome.History.Select(e => e.ValidationLoss.ToString("R", CultureInfo.InvariantCulture))),
        };
        if (criterion == CheckpointCriterion.RocAuc)
        {
            provenance[ProvenanceKeys.ValidationRocAucCurve] = string.Join(",", outcome.History.Select(e => Invariant(e.ValidationRocAuc)));
        }
        return provenance;
    }

    private static Dictionary<string, string> WithTestFigures(IReadOnlyDictionary<string, string> provenance, EvaluationMetrics metrics)
    {
        string Figure(double? value) => value?.ToString("F4", CultureInfo.InvariantCulture) ?? "n/a";
        return new Dictionary<string, string>(provenance)
        {
            [ProvenanceKeys.TestPrefix + "accuracy"] = Figure(metrics.Accuracy),
            [ProvenanceKeys.TestPrefix + "f1"] = Figure(metrics.F1),
            [ProvenanceKeys.TestPrefix + "roc_auc"] = Figure(metrics.RocAuc),
            [ProvenanceKeys.TestPrefix + "pr_auc"] = Figure(metrics.PrAuc),
        };
    }

    private static string Cuts(TrainOptions options) => options.LearningRatePatience == 0
        ? "(constant)"
        : $"(× {options.LearningRateFactor.ToString(CultureInfo.InvariantCulture)} after every {options.LearningRatePatience} epochs without progress)";

    private static string Describe(CheckpointCriterion criterion) => criterion == CheckpointCriterion.RocAuc ? "roc-auc" : "loss";

    private static string Describe(StopReason reason) => reason switch
    {
        StopReason.MaxEpochs => "max-epochs",
        StopReason.EarlyStopping => "early-stopping",
        StopReason.Interrupted => "interrupted",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };
}
