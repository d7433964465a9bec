using System.Globalization;
using EcgStream.Beats.Ecg5000;
using EcgStream.Model.Classification;
using EcgStream.Model.Serialization;
using EcgStream.Trainer.Augmentation;
using EcgStream.Trainer.Balancing;
using EcgStream.Trainer.Cli;
using EcgStream.Trainer.Data;
using EcgStream.Trainer.Evaluation;
using EcgStream.Trainer.Report;
using Spectre.Console;

namespace EcgStream.Trainer.Training;

/// <summary>
/// The <c>train-classifier</c> command: split the data, balance the training split, train with early stopping on
/// validation, evaluate on test, then write the model, the metrics JSON, the report and (when asked) the test scores.
/// </summary>
public static class ClassifierTrainWorkflow
{
    /// <summary>Runs the whole command; returns the exit code. <paramref name="cancellation"/> is Ctrl-C: stop and keep the best epoch.</summary>
    public static int Run(ClassifierTrainOptions options, IAnsiConsole console, CancellationToken cancellation)
    {
        options.Validate();
        var data = Ecg5000DataSet.LoadForClassifier(options.DataDirectory, options.Protocol);
        // With --folds the validation beats join training: cross-validation over both chooses the epoch count.
        var train = options.Folds > 0 ? [.. data.In(DataSplit.Train), .. data.In(DataSplit.Validation)] : data.In(DataSplit.Train);
        var validation = options.Folds > 0 ? train : data.In(DataSplit.Validation);
        CrossValidationOutcome? crossValidation = null;
        if (options.Folds > 0)
        {
            console.MarkupLine(Markup.Escape($"{options.Folds}-fold cross-validation on {train.Count} beats, {options.Epochs} epochs per fold, learning rate × {Invariant(options.LearningRateFactor)} every {options.LearningRatePatience} epochs"));
            crossValidation = ClassifierCrossValidation.Run(train, options, (k, history) => console.WriteLine(
                $"fold {k}/{options.Folds}: held-out macro-F1 by epoch {string.Join(" ", history.Select(e => e.ValidationMacroF1.ToString("F3", CultureInfo.InvariantCulture)))}"), cancellation);
            console.MarkupLine(Markup.Escape(
                $"cross-validation chose {crossValidation.ChosenEpochs} epochs (mean held-out macro-F1 {crossValidation.MeanMacroF1[crossValidation.ChosenEpochs - 1]:F4}, "
                + $"accuracy {crossValidation.MeanAccuracy[crossValidation.ChosenEpochs - 1]:F4}); training on all {train.Count} beats, its curves are of those beats"));
        }
        var balanced = ClassBalancer.Balance(train, options.Balance, options.Seed, options.SmoteNeighbours);

        // Fitted on the real training beats: synthetic beats are interpolations of them and would change nothing but the weighting.
        var normalisation = BeatMatrix.Fit(train);
        float[] trainMatrix = BeatMatrix.Pack(balanced.Beats, normalisation);
        int[] trainLabels = ClassLabels.IndexesOf(balanced.Beats);
        float[] validationMatrix = BeatMatrix.Pack(validation, normalisation);
        int[] validationLabels = ClassLabels.IndexesOf(validation);

        var parameters = new ClassifierParameters(options.Architecture);
        parameters.Initialise(options.Seed);
        var trainingOptions = options.ToTrainingOptions(balanced.ClassWeights);
        string arch = ClassifierArchitectureNames.Name(options.Architecture);
        console.MarkupLine(Markup.Escape(
            $"protocol {ProtocolNames.Of(options.Protocol)}: train {train.Count} beats ({Counts(balanced.OriginalCounts)}), "
            + $"balanced by {ProtocolNames.Of(options.Balance)} to {balanced.Beats.Count} ({Counts(balanced.BalancedCounts)}), "
            + $"validation {validation.Count}, test {data.In(DataSplit.Test).Count}"));
        var fit = crossValidation is null ? options : options.ForFinalFit(crossValidation.ChosenEpochs);
        console.MarkupLine(Markup.Escape(
            $"{arch} ({parameters.Count} parameters); {options.Threads} threads, batch {options.BatchSize}, lr {Invariant(options.LearningRate)}, "
            + $"dropout {Invariant(options.Dropout)}, augmentation {Describe(options.Augmentation)}, up to {fit.Epochs} epochs, patience {fit.Patience}, keeping {Describe(fit.Checkpoint)}"));

        var outcome = TrainWithProgress(fit, parameters, trainingOptions, trainMatrix, trainLabels, validationMatrix, validationLabels, console, cancellation);
        var kept = outcome.History[outcome.BestEpoch - 1];
        console.MarkupLine(Markup.Escape(
            $"{Describe(outcome.StopReason)} after {outcome.History.Count} epochs in {outcome.Elapsed.TotalSeconds:F0} s; keeping epoch {outcome.BestEpoch} "
            + $"(validation loss {kept.ValidationLoss:G5}, accuracy {kept.ValidationAccuracy:F4}, macro-F1 {kept.ValidationMacroF1:F4})"));

        // Under --folds the validation beats are the training beats, and their held-out predictions are the folds'.
        var bias = options.TuneBias
            ? ClassBiasTuning.Tune(crossValidation?.HeldOutProbabilities ?? outcome.ValidationProbabilities[outcome.BestEpoch - 1], validationLabels, parameters.ClassCount)
            : null;
        if (bias is not null)
        {
            outcome.BestParameters.AddToOutputBias([.. bias.Offsets]);
            console.MarkupLine(Markup.Escape(
                $"output bias tuned on {validationLabels.Length} held-out beats: offsets {string.Join(" ", bias.Offsets.Select(o => o.ToString("+0.00;-0.00;0", CultureInfo.InvariantCulture)))}, "
                + $"held-out macro-F1 {bias.HeldOutMacroF1Before:F4} → {bias.HeldOutMacroF1After:F4} (fitted on those beats)"));
        }

        var untested = new ClassifierModel(outcome.BestParameters, new ClassifierMetadata
        {
            ModelVersion = options.ResolvedModelVersion,
            Normalisation = normalisation,
            ClassNames = ClassLabels.Names,
            Provenance = Provenance(fit, data, balanced, outcome, bias),
        });
        using var classifier = BeatClassifier.Create(untested, options.Threads);

        // Under --folds the validation beats were trained on: the held-out figures are cross-validation's.
        var validationOutcome = crossValidation is null ? ClassifierEvaluation.Run(untested, data, DataSplit.Validation, classifier) : null;
        var evaluation = ClassifierEvaluation.Run(untested, data, DataSplit.Test, classifier);
        var model = untested with
        {
            Metadata = untested.Metadata with
            {
                Provenance = WithFigures(untested.Metadata.Provenance, validationOutcome?.Metrics, crossValidation, evaluation.Metrics),
            },
        };
        evaluation = evaluation with { Metrics = evaluation.Metrics with { ModelVersion = model.Metadata.ModelVersion } };

        MetricsFile.CreateFolderOf(options.ModelPath);
        ClassifierFile.Save(options.ModelPath, model);
        ClassificationMetricsFile.Write(options.ResolvedMetricsPath, evaluation.Metrics);
        if (options.ScoresPath is not null) ClassifierScoresFile.Write(options.ScoresPath, evaluation.Predictions);
        ClassifierHtmlReport.Write(options.ResolvedReportPath, ClassifierReportBuilder.Build(Path.GetFileName(options.ModelPath), model.Metadata.Provenance, evaluation));

        console.MarkupLine(Markup.Escape(validationOutcome is null
            ? $"cross-validation ({crossValidation!.Folds} folds, epoch {crossValidation.ChosenEpochs}): accuracy {crossValidation.MeanAccuracy[crossValidation.ChosenEpochs - 1]:F4}, macro-F1 {crossValidation.MeanMacroF1[crossValidation.ChosenEpochs - 1]:F4}"
            : $"validation{(bias is null ? "" : " (the output bias was tuned on it)")}: accuracy {validationOutcome.Metrics.Accuracy:F4}, balanced accuracy {validationOutcome.Metrics.BalancedAccuracy:F4}, macro-F1 {validationOutcome.Metrics.MacroF1:F4}"));
        ClassifierMetricsTable.Write(console, evaluation.Metrics);
        console.MarkupLine(Markup.Escape($"model: {options.ModelPath}  metrics: {options.ResolvedMetricsPath}  report: {options.ResolvedReportPath}"
            + (options.ScoresPath is null ? "" : $"  scores: {options.ScoresPath}")));
        return 0;
    }

    private static ClassifierTrainingOutcome TrainWithProgress(
        ClassifierTrainOptions options, ClassifierParameters parameters, ClassifierTrainingOptions trainingOptions,
        float[] train, int[] trainLabels, float[] validation, int[] validationLabels, IAnsiConsole console, CancellationToken cancellation)
    {
        ClassifierEpochRecord? best = null;
        string Line(ClassifierEpochRecord e)
        {
            if (e.IsBest) best = e;
            string bestFigure = options.Checkpoint == ClassifierCheckpoint.MacroF1 ? $"{best!.ValidationMacroF1:F4}" : $"{best!.ValidationLoss:G5}";
            return $"epoch {e.Epoch}/{options.Epochs}  loss {e.TrainLoss:G5}  val loss {e.ValidationLoss:G5}  val acc {e.ValidationAccuracy:F4}  "
                + $"val macro-F1 {e.ValidationMacroF1:F4}  lr {e.LearningRate:G3}  best {bestFigure} @ {best.Epoch}  ({e.Elapsed.TotalSeconds:F1} s)";
        }

        ClassifierTrainingOutcome Train(Action<ClassifierEpochRecord> onEpoch) => ClassifierTrainingLoop.Run(
            parameters, trainingOptions, train, trainLabels, validation, validationLabels,
            options.Epochs, options.Patience, options.ToSchedule(), options.Checkpoint, onEpoch, cancellation,
            options.Augmentation.IsOn ? new BeatAugmentation(options.Augmentation, options.Seed) : null);

        // A progress bar needs a terminal; when output is redirected (scripts, CI logs) one plain line per epoch reads better.
        if (!console.Profile.Capabilities.Interactive) return Train(e => console.WriteLine(Line(e)));
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape($"epoch 1/{options.Epochs}  training..."), maxValue: options.Epochs);
                var outcome = Train(e =>
                {
                    task.Description = Markup.Escape(Line(e));
                    task.Increment(1);
                });
                task.StopTask();
                return outcome;
            });
    }

    private static Dictionary<string, string> Provenance(
        ClassifierTrainOptions options, SplitDataSet data, BalancedTrainingSet balanced, ClassifierTrainingOutcome outcome, ClassBias? bias)
    {
        string I(int value) => value.ToString(CultureInfo.InvariantCulture);
        string Curve(Func<ClassifierEpochRecord, double> figure) => string.Join(",", outcome.History.Select(e => figure(e).ToString("R", CultureInfo.InvariantCulture)));
        var provenance = new Dictionary<string, string>
        {
            [ProvenanceKeys.Checkpoint] = Describe(options.Checkpoint),
            [ProvenanceKeys.Protocol] = ProtocolNames.Of(options.Protocol),
            [ProvenanceKeys.SplitSeed] = I(data.SplitSeed),
            [ProvenanceKeys.Seed] = I(options.Seed),
            [ProvenanceKeys.Balance] = ProtocolNames.Of(options.Balance),
            [ProvenanceKeys.SmoteNeighbours] = I(options.SmoteNeighbours),
            [ProvenanceKeys.TrainClassCounts] = string.Join(",", balanced.OriginalCounts),
            [ProvenanceKeys.BalancedClassCounts] = string.Join(",", balanced.BalancedCounts),
            [ProvenanceKeys.Loss] = balanced.ClassWeights is null ? "cross-entropy" : "weighted-cross-entropy",
            [ProvenanceKeys.LearningRate] = Invariant(options.LearningRate),
            [ProvenanceKeys.BatchSize] = I(options.BatchSize),
            [ProvenanceKeys.Dropout] = Invariant(options.Dropout),
            [ProvenanceKeys.WeightDecay] = Invariant(options.WeightDecay),
            [ProvenanceKeys.LearningRatePatience] = I(options.LearningRatePatience),
            [ProvenanceKeys.LearningRateFactor] = Invariant(options.LearningRateFactor),
            [ProvenanceKeys.ClipNorm] = Invariant(options.ClipNorm),
            [ProvenanceKeys.Augmentation] = Describe(options.Augmentation),
            [ProvenanceKeys.MaxEpochs] = I(options.Epochs),
            [ProvenanceKeys.Patience] = I(options.Patience),
            [ProvenanceKeys.EpochsRun] = I(outcome.History.Count),
            [ProvenanceKeys.BestEpoch] = I(outcome.BestEpoch),
            [ProvenanceKeys.StopReason] = Describe(outcome.StopReason),
            [ProvenanceKeys.Threads] = I(options.Threads),
            [ProvenanceKeys.TrainSeconds] = outcome.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture),
            [ProvenanceKeys.TrainBeats] = I(balanced.Beats.Count),
            [ProvenanceKeys.DataFiles] = string.Join(";", data.Beats.Select(b => b.Beat.SourceFile).Distinct()),
            [ProvenanceKeys.TrainLossCurve] = Curve(e => e.TrainLoss),
            [ProvenanceKeys.LearningRateCurve] = Curve(e => e.LearningRate),
            [ProvenanceKeys.ValidationLossCurve] = Curve(e => e.ValidationLoss),
            [ProvenanceKeys.ValidationAccuracyCurve] = Curve(e => e.ValidationAccuracy),
            [ProvenanceKeys.ValidationMacroF1Curve] = Curve(e => e.ValidationMacroF1),
        };
        if (bias is not null)
        {
            provenance[ProvenanceKeys.BiasTuning] = "held-out-macro-f1";
            provenance[ProvenanceKeys.ClassBiasOffsets] = string.Join(",", bias.Offsets.Select(o => o.ToString("R", CultureInfo.InvariantCulture)));
            provenance[ProvenanceKeys.BiasTuningMacroF1Before] = bias.HeldOutMacroF1Before.ToString("F4", CultureInfo.InvariantCulture);
            provenance[ProvenanceKeys.BiasTuningMacroF1After] = bias.HeldOutMacroF1After.ToString("F4", CultureInfo.InvariantCulture);
        }
        if (balanced.ClassWeights is { } weights) provenance[ProvenanceKeys.ClassWeights] = string.Join(",", weights.Select(w => w.ToString("R", CultureInfo.InvariantCulture)));
        return provenance;
    }

    private static Dictionary<string, string> WithFigures(
        IReadOnlyDictionary<string, string> provenance, ClassificationMetrics? validation, CrossValidationOutcome? crossValidation, ClassificationMetrics test)
    {
        string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
        var result = new Dictionary<string, string>(provenance);
        foreach (var (prefix, m) in new[] { (ProvenanceKeys.ValidationPrefix, validation), (ProvenanceKeys.TestPrefix, test) })
        {
            if (m is null) continue;
            result[prefix + "accuracy"] = F(m.Accuracy);
            result[prefix + "balanced_accuracy"] = F(m.BalancedAccuracy);
            result[prefix + "macro_f1"] = F(m.MacroF1);
            result[prefix + "macro_recall"] = F(m.MacroRecall);
        }
        if (crossValidation is not null)
        {
            result[ProvenanceKeys.Folds] = crossValidation.Folds.ToString(CultureInfo.InvariantCulture);
            result[ProvenanceKeys.CrossValidationPrefix + "accuracy"] = F(crossValidation.MeanAccuracy[crossValidation.ChosenEpochs - 1]);
            result[ProvenanceKeys.CrossValidationPrefix + "macro_f1"] = F(crossValidation.MeanMacroF1[crossValidation.ChosenEpochs - 1]);
            result[ProvenanceKeys.CrossValidationMacroF1Curve] = string.Join(",", crossValidation.MeanMacroF1.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        }
        return result;
    }

    private static string Counts(IReadOnlyList<int> counts) =>
        string.Join(", ", counts.Select((c, i) => $"{ClassLabels.Names[i]} {c}"));

    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Describe(AugmentationOptions a) => !a.IsOn ? "none"
        : $"scale={Invariant(a.ScaleFraction)},shift={a.ShiftSamples},noise={Invariant(a.NoiseStd)},warp={Invariant(a.WarpFraction)}";

    private static string Describe(ClassifierCheckpoint checkpoint) => checkpoint switch
    {
        ClassifierCheckpoint.MacroF1 => "validation-macro-f1",
        ClassifierCheckpoint.Loss => "validation-loss",
        _ => "last-epoch",
    };

    private static string Describe(StopReason reason) => reason switch
    {
        StopReason.MaxEpochs => "max-epochs",
        StopReason.EarlyStopping => "early-stopping",
        StopReason.Interrupted => "interrupted",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };
}
