using System.CommandLine;
using System.Globalization;
using EcgStream.Beats.Ecg5000;
using EcgStream.Model;
using EcgStream.Model.Classification;
using EcgStream.Model.Cuda;
using EcgStream.Model.Inference;
using EcgStream.Model.Serialization;
using EcgStream.Model.Training;
using EcgStream.Trainer.Augmentation;
using EcgStream.Trainer.Balancing;
using EcgStream.Trainer.Data;
using EcgStream.Trainer.Evaluation;
using EcgStream.Trainer.Training;
using Spectre.Console;

namespace EcgStream.Trainer.Cli;

/// <summary>
/// The trainer's command line: <c>train</c>, <c>evaluate</c> and <c>report</c> for the autoencoder, <c>train-classifier</c>
/// and <c>evaluate-classifier</c> for the beat classifier. Flags map onto <see cref="TrainOptions"/>,
/// <see cref="EvaluateOptions"/>, <see cref="ClassifierTrainOptions"/> and <see cref="ClassifierEvaluateOptions"/>, which
/// are checked before any work starts. Bad input of any kind ends in one
/// "error: …" line on the error writer and a non-zero exit code, never a stack trace.
/// </summary>
public static class TrainerCommandLine
{
    /// <summary>Exit code for a bad flag value or a parse error.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code for missing or malformed data or model files, or a failed run.</summary>
    public const int InputError = 1;

    /// <summary>Exit code when the user stops training before there is anything to save.</summary>
    public const int Interrupted = 130;

    /// <summary>Parses <paramref name="args"/> and runs the command; output goes to <paramref name="console"/>, errors to <paramref name="error"/>.</summary>
    public static int Invoke(string[] args, IAnsiConsole console, TextWriter output, TextWriter error, CancellationToken cancellation = default)
    {
        var root = Build(console, error, cancellation);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            error.WriteLine($"error: {OneLine(parse.Errors[0].Message)} (see --help)");
            return UsageError;
        }
        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    private static RootCommand Build(IAnsiConsole console, TextWriter error, CancellationToken cancellation)
    {
        var root = new RootCommand("EcgStream trainer: trains the LSTM autoencoder on normal ECG5000 beats, chooses the anomaly threshold on validation, evaluates and reports; "
            + "trains and evaluates the 5-class beat classifier.");
        root.Subcommands.Add(TrainCommand(console, error, cancellation));
        root.Subcommands.Add(EvaluateCommand(console, error, report: false));
        root.Subcommands.Add(EvaluateCommand(console, error, report: true));
        root.Subcommands.Add(TrainClassifierCommand(console, error, cancellation));
        root.Subcommands.Add(EvaluateClassifierCommand(console, error));
        return root;
    }

    private static Command TrainCommand(IAnsiConsole console, TextWriter error, CancellationToken cancellation)
    {
        var defaults = new TrainOptions();
        var data = DataOption();
        var arch = new Option<string>("--arch")
        {
            Description = "Which autoencoder: lstm-ae (LSTM 1→128→64→64→128→1, the shipped model) or dense-ae (Linear 140→64→32→16→32→64→140, ReLU between).",
            DefaultValueFactory = _ => AutoencoderArchitectureNames.Name(defaults.Architecture),
        };
        arch.AcceptOnlyFromAmong([.. AutoencoderArchitectureNames.All]);
        var protocol = ProtocolOption("The data protocol.", defaults: true);
        var epochs = new Option<int>("--epochs") { Description = "Most epochs to train (early stopping may end sooner).", DefaultValueFactory = _ => defaults.Epochs };
        var patience = new Option<int>("--patience") { Description = "Epochs without a new best (see --select-by) before stopping.", DefaultValueFactory = _ => defaults.Patience };
        var selectBy = new Option<string>("--select-by")
        {
            Description = "What picks the kept epoch and drives early stopping: loss (lowest loss of the normal validation beats) "
                + "or roc-auc (highest ROC-AUC of all validation beats; needs anomalies in validation).",
            DefaultValueFactory = _ => "loss",
        };
        selectBy.AcceptOnlyFromAmong("loss", "roc-auc");
        var batchSize = new Option<int>("--batch-size") { Description = "Beats per mini-batch.", DefaultValueFactory = _ => defaults.BatchSize };
        var loss = new Option<string>("--loss") { Description = "Training loss: l1 (sum over a beat, mean over beats) or mse.", DefaultValueFactory = _ => "l1" };
        loss.AcceptOnlyFromAmong("l1", "mse");
        var lr = new Option<double>("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => defaults.LearningRate };
        var lrPatience = new Option<int>("--lr-patience") { Description = "Epochs without a new best (see --select-by) before each cut of the learning rate; 0 turns cuts off.", DefaultValueFactory = _ => defaults.LearningRatePatience };
        var lrFactor = new Option<double>("--lr-factor") { Description = "What each cut multiplies the learning rate by.", DefaultValueFactory = _ => defaults.LearningRateFactor };
        var clipNorm = new Option<double>("--clip-norm") { Description = "Largest global gradient norm; 0 turns clipping off.", DefaultValueFactory = _ => defaults.ClipNorm };
        var seed = new Option<int>("--seed") { Description = "Seed of the initial weights and the epoch shuffles.", DefaultValueFactory = _ => defaults.Seed };
        var threads = ThreadsOption();
        var errorMetric = new Option<string>("--error-metric") { Description = "Score of a beat: l1sum (sum of |x - x̂|), mae or mse.", DefaultValueFactory = _ => ProtocolNames.Of(defaults.ErrorMetric) };
        errorMetric.AcceptOnlyFromAmong("l1sum", "mae", "mse");
        var threshold = new Option<string>("--threshold")
        {
            Description = "How the threshold is chosen on validation: auto (max-f1 when validation has anomalies, else percentile), max-f1 or percentile.",
            DefaultValueFactory = _ => "auto",
        };
        threshold.AcceptOnlyFromAmong("auto", "max-f1", "percentile");
        var percentile = new Option<double>("--threshold-percentile") { Description = "Percentile of normal validation errors used by the percentile method.", DefaultValueFactory = _ => defaults.ThresholdPercentile };
        var output = new Option<string>("--out") { Description = "Model file to write (safetensors).", DefaultValueFactory = _ => defaults.ModelPath };
        var metrics = new Option<string?>("--metrics") { Description = "Test metrics JSON to write [default: metrics.json next to --out]." };
        var report = new Option<string?>("--report") { Description = "HTML report to write [default: report.html next to --out]." };
        var scores = new Option<string?>("--scores") { Description = "CSV of per-beat test scores to write (source file, row, label, split, score, decision)." };
        var version = new Option<string?>("--model-version") { Description = "Version string stored in the model [default: ecg5000-<protocol>-<seed>]." };

        var command = new Command("train", "Train on the normal training beats, choose the threshold on validation, evaluate on test, write model, metrics.json and report.html.")
        {
            data, arch, protocol, epochs, patience, selectBy, batchSize, loss, lr, lrPatience, lrFactor, clipNorm, seed, threads, errorMetric, threshold, percentile, output, metrics, report, scores, version,
        };
        command.SetAction(parse => Guard(error, () =>
        {
            var options = new TrainOptions
            {
                DataDirectory = parse.GetValue(data) ?? "",
                Architecture = AutoencoderArchitectureNames.TryParse(parse.GetValue(arch), out var a) ? a : defaults.Architecture,
                Protocol = ParseProtocol(parse.GetValue(protocol)) ?? defaults.Protocol,
                Epochs = parse.GetValue(epochs),
                Patience = parse.GetValue(patience),
                CheckpointCriterion = parse.GetValue(selectBy) == "roc-auc" ? CheckpointCriterion.RocAuc : CheckpointCriterion.Loss,
                BatchSize = parse.GetValue(batchSize),
                Loss = parse.GetValue(loss) == "mse" ? TrainingLoss.Mse : TrainingLoss.L1,
                LearningRate = parse.GetValue(lr),
                LearningRatePatience = parse.GetValue(lrPatience),
                LearningRateFactor = parse.GetValue(lrFactor),
                ClipNorm = parse.GetValue(clipNorm),
                Seed = parse.GetValue(seed),
                Threads = parse.GetValue(threads),
                ErrorMetric = ProtocolNames.TryParse(parse.GetValue(errorMetric), out Model.ErrorMetric m) ? m : defaults.ErrorMetric,
                ThresholdMethod = parse.GetValue(threshold) switch { "max-f1" => ThresholdMethod.MaxF1, "percentile" => ThresholdMethod.Percentile, _ => ThresholdMethod.Auto },
                ThresholdPercentile = parse.GetValue(percentile),
                ModelPath = parse.GetValue(output) ?? defaults.ModelPath,
                MetricsPath = parse.GetValue(metrics),
                ReportPath = parse.GetValue(report),
                ScoresPath = parse.GetValue(scores),
                ModelVersion = parse.GetValue(version),
            };
            options.Validate();
            return WithCtrlC(console, token => TrainWorkflow.Run(options, console, token), cancellation);
        }));
        return command;
    }

    private static Command EvaluateCommand(IAnsiConsole console, TextWriter error, bool report)
    {
        var model = new Option<string>("--model") { Description = "Model file to evaluate (safetensors).", Required = true };
        var data = DataOption();
        var protocol = ProtocolOption("The data protocol [default: the one the model was trained with].", defaults: false);
        var split = new Option<string>("--split") { Description = "Which split to evaluate.", DefaultValueFactory = _ => "test" };
        split.AcceptOnlyFromAmong("test", "validation");
        var device = new Option<string>("--device") { Description = "Where inference runs: auto (CUDA when present, else CPU), cpu or cuda.", DefaultValueFactory = _ => "auto" };
        device.AcceptOnlyFromAmong("auto", "cpu", "cuda");
        var threads = ThreadsOption();
        var output = new Option<string?>("--out")
        {
            Description = report ? "HTML report to write." : "metrics.json to write [default: none, the table is printed].",
            Required = report,
        };
        var scores = new Option<string?>("--scores") { Description = "CSV of per-beat scores to write (source file, row, label, split, score, decision)." };
        var html = new Option<string?>("--report") { Description = "HTML report to write as well." };

        var command = report
            ? new Command("report", "Write the HTML report of a model on one split: loss curves, error histograms, ROC, confusion matrix, class averages, reconstructions.")
            : new Command("evaluate", "Evaluate a model file on a protocol and split at its stored threshold: table, metrics.json, optional per-beat scores.");
        foreach (var option in new Option[] { model, data, protocol, split, device, threads, output }) command.Options.Add(option);
        if (!report) { command.Options.Add(scores); command.Options.Add(html); }
        command.SetAction(parse => Guard(error, () =>
        {
            var options = new EvaluateOptions
            {
                ModelPath = parse.GetValue(model) ?? "",
                DataDirectory = parse.GetValue(data) ?? "",
                Protocol = ParseProtocol(parse.GetValue(protocol)),
                Split = parse.GetValue(split) == "validation" ? DataSplit.Validation : DataSplit.Test,
                Device = InferenceEngineFactory.ParseDevice(parse.GetValue(device) ?? "auto"),
                Threads = parse.GetValue(threads),
                MetricsPath = report ? null : parse.GetValue(output),
                ReportPath = report ? parse.GetValue(output) : parse.GetValue(html),
                ScoresPath = report ? null : parse.GetValue(scores),
            };
            return EvaluateWorkflow.Run(options, console);
        }));
        return command;
    }

    private static Command TrainClassifierCommand(IAnsiConsole console, TextWriter error, CancellationToken cancellation)
    {
        var defaults = new ClassifierTrainOptions();
        var data = DataOption();
        var arch = new Option<string>("--arch")
        {
            Description = "The network: conv1d (three conv blocks, global average pool), lstm (two stacked LSTMs) or conv1d-lstm (two conv blocks, then an LSTM).",
            DefaultValueFactory = _ => ClassifierArchitectureNames.Name(defaults.Architecture),
        };
        arch.AcceptOnlyFromAmong([.. ClassifierArchitectureNames.All]);
        var balance = new Option<string>("--balance")
        {
            Description = "How the training split (only it) is balanced: none, smote (every class raised to the largest with SMOTE), "
                + "smote-undersample (every class brought to the second largest: Normal undersampled, the rest SMOTE) or class-weights (inverse-frequency loss weights).",
            DefaultValueFactory = _ => ProtocolNames.Of(defaults.Balance),
        };
        balance.AcceptOnlyFromAmong([.. ProtocolNames.Balances]);
        var smoteK = new Option<int>("--smote-k") { Description = "Nearest neighbours (same class) SMOTE interpolates towards.", DefaultValueFactory = _ => defaults.SmoteNeighbours };
        var protocol = new Option<string>("--protocol")
        {
            Description = "The data protocol. ucr: the archive's TRAIN (500 beats) gives train and a stratified validation slice, TEST (4500) tests. "
                + "seed: the test split is the autoencoder's seed-protocol test split (1259 beats); every other beat gives train and a stratified validation slice.",
            DefaultValueFactory = _ => ProtocolNames.Of(defaults.Protocol),
        };
        protocol.AcceptOnlyFromAmong("seed", "ucr");
        var epochs = new Option<int>("--epochs") { Description = "Most epochs to train (early stopping may end sooner).", DefaultValueFactory = _ => defaults.Epochs };
        var patience = new Option<int>("--patience") { Description = "Epochs without a new best (see --select-by) before stopping.", DefaultValueFactory = _ => defaults.Patience };
        var selectBy = new Option<string>("--select-by")
        {
            Description = "What picks the kept epoch and drives early stopping: macro-f1 (highest validation macro-F1) or loss (lowest validation cross-entropy).",
            DefaultValueFactory = _ => "macro-f1",
        };
        selectBy.AcceptOnlyFromAmong("macro-f1", "loss");
        var folds = new Option<int>("--folds")
        {
            Description = "K > 0: stratified K-fold cross-validation on train+validation (every fold runs --epochs, the learning rate cut every --lr-patience epochs) chooses the epoch count "
                + "with the highest mean held-out macro-F1, then the model trains on train+validation for that many epochs. 0: validation slice and early stopping.",
            DefaultValueFactory = _ => defaults.Folds,
        };
        var tuneBias = new Option<bool>("--tune-bias")
        {
            Description = "After training, add per-class offsets to the output bias that maximise the macro-F1 of held-out predictions "
                + "(the validation split, or with --folds each beat's prediction from the fold that held it out). Off by default.",
        };
        var batchSize = new Option<int>("--batch-size") { Description = "Beats per mini-batch.", DefaultValueFactory = _ => defaults.BatchSize };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => defaults.LearningRate };
        var lrPatience = new Option<int>("--lr-patience") { Description = "Epochs without a new best before each cut of the learning rate (with --folds: every this many epochs); 0 turns cuts off.", DefaultValueFactory = _ => defaults.LearningRatePatience };
        var lrFactor = new Option<double>("--lr-factor") { Description = "What each cut multiplies the learning rate by.", DefaultValueFactory = _ => defaults.LearningRateFactor };
        var dropout = new Option<double>("--dropout") { Description = "Dropout probability before the output layer (training only).", DefaultValueFactory = _ => defaults.Dropout };
        var weightDecay = new Option<double>("--weight-decay") { Description = "Adam L2 weight decay.", DefaultValueFactory = _ => defaults.WeightDecay };
        var clipNorm = new Option<double>("--clip-norm") { Description = "Largest global gradient norm; 0 turns clipping off.", DefaultValueFactory = _ => defaults.ClipNorm };
        var augmentScale = new Option<double>("--augment-scale") { Description = "Augmentation, training beats only, drawn afresh each epoch: largest relative amplitude change a (factor in [1-a, 1+a]); 0 is off.", DefaultValueFactory = _ => defaults.Augmentation.ScaleFraction };
        var augmentShift = new Option<int>("--augment-shift") { Description = "Augmentation: largest time shift in samples, either way; 0 is off.", DefaultValueFactory = _ => defaults.Augmentation.ShiftSamples };
        var augmentNoise = new Option<double>("--augment-noise") { Description = "Augmentation: standard deviation of added Gaussian noise (normalised units); 0 is off.", DefaultValueFactory = _ => defaults.Augmentation.NoiseStd };
        var augmentWarp = new Option<double>("--augment-warp") { Description = "Augmentation: largest relative time stretch w about the beat's centre (factor in [1-w, 1+w]); 0 is off.", DefaultValueFactory = _ => defaults.Augmentation.WarpFraction };
        var seed = new Option<int>("--seed") { Description = "Seed of the initial weights, shuffles, dropout, SMOTE and augmentation.", DefaultValueFactory = _ => defaults.Seed };
        var threads = ThreadsOption();
        var output = new Option<string>("--out") { Description = "Classifier file to write (safetensors).", DefaultValueFactory = _ => defaults.ModelPath };
        var metrics = new Option<string?>("--metrics") { Description = "Test metrics JSON to write [default: classifier-metrics.json next to --out]." };
        var report = new Option<string?>("--report") { Description = "HTML report to write [default: classifier-report.html next to --out]." };
        var scores = new Option<string?>("--scores") { Description = "CSV of per-beat test predictions to write (true class, predicted class, five probabilities)." };
        var version = new Option<string?>("--model-version") { Description = "Version string stored in the model [default: ecg5000-classifier-<protocol>-<arch>]." };

        var command = new Command("train-classifier", "Train a 5-class beat classifier with early stopping on validation, evaluate it on test, write model, classifier-metrics.json and classifier-report.html.")
        {
            data, arch, balance, smoteK, protocol, epochs, patience, selectBy, folds, tuneBias, batchSize, lr, lrPatience, lrFactor, dropout, weightDecay, clipNorm,
            augmentScale, augmentShift, augmentNoise, augmentWarp, seed, threads,
            output, metrics, report, scores, version,
        };
        command.SetAction(parse => Guard(error, () =>
        {
            var options = new ClassifierTrainOptions
            {
                DataDirectory = parse.GetValue(data) ?? "",
                Architecture = ClassifierArchitectureNames.TryParse(parse.GetValue(arch), out var a) ? a : defaults.Architecture,
                Balance = ProtocolNames.TryParse(parse.GetValue(balance), out ClassBalance b) ? b : defaults.Balance,
                SmoteNeighbours = parse.GetValue(smoteK),
                Protocol = ParseProtocol(parse.GetValue(protocol)) ?? defaults.Protocol,
                Epochs = parse.GetValue(epochs),
                Patience = parse.GetValue(patience),
                Checkpoint = parse.GetValue(selectBy) == "loss" ? ClassifierCheckpoint.Loss : ClassifierCheckpoint.MacroF1,
                Folds = parse.GetValue(folds),
                TuneBias = parse.GetValue(tuneBias),
                BatchSize = parse.GetValue(batchSize),
                LearningRate = parse.GetValue(lr),
                LearningRatePatience = parse.GetValue(lrPatience),
                LearningRateFactor = parse.GetValue(lrFactor),
                Dropout = parse.GetValue(dropout),
                WeightDecay = parse.GetValue(weightDecay),
                ClipNorm = parse.GetValue(clipNorm),
                Augmentation = new AugmentationOptions
                {
                    ScaleFraction = parse.GetValue(augmentScale),
                    ShiftSamples = parse.GetValue(augmentShift),
                    NoiseStd = parse.GetValue(augmentNoise),
                    WarpFraction = parse.GetValue(augmentWarp),
                },
                Seed = parse.GetValue(seed),
                Threads = parse.GetValue(threads),
                ModelPath = parse.GetValue(output) ?? defaults.ModelPath,
                MetricsPath = parse.GetValue(metrics),
                ReportPath = parse.GetValue(report),
                ScoresPath = parse.GetValue(scores),
                ModelVersion = parse.GetValue(version),
            };
            options.Validate();
            return WithCtrlC(console, token => ClassifierTrainWorkflow.Run(options, console, token), cancellation);
        }));
        return command;
    }

    private static Command EvaluateClassifierCommand(IAnsiConsole console, TextWriter error)
    {
        var model = new Option<string>("--model") { Description = "Classifier file to evaluate (safetensors).", Required = true };
        var data = DataOption();
        var protocol = ProtocolOption("The data protocol [default: the one the model was trained with].", defaults: false);
        protocol.Description = "The data protocol, seed or ucr [default: the one the model was trained with].";
        var split = new Option<string>("--split") { Description = "Which split to evaluate.", DefaultValueFactory = _ => "test" };
        split.AcceptOnlyFromAmong("test", "validation");
        var threads = ThreadsOption();
        var output = new Option<string?>("--out") { Description = "Metrics JSON to write [default: none, the tables are printed]." };
        var scores = new Option<string?>("--scores") { Description = "CSV to write: one line per beat with its true class, predicted class and five probabilities." };
        var html = new Option<string?>("--report") { Description = "HTML report to write: confusion matrix, per-class figures, example beats." };

        var command = new Command("evaluate-classifier", "Evaluate a classifier file on a protocol and split: accuracy, balanced accuracy, macro-F1, per-class figures, 5x5 confusion matrix.")
        {
            model, data, protocol, split, threads, output, scores, html,
        };
        command.SetAction(parse => Guard(error, () =>
        {
            var options = new ClassifierEvaluateOptions
            {
                ModelPath = parse.GetValue(model) ?? "",
                DataDirectory = parse.GetValue(data) ?? "",
                Protocol = ParseProtocol(parse.GetValue(protocol)),
                Split = parse.GetValue(split) == "validation" ? DataSplit.Validation : DataSplit.Test,
                Threads = parse.GetValue(threads),
                MetricsPath = parse.GetValue(output),
                ScoresPath = parse.GetValue(scores),
                ReportPath = parse.GetValue(html),
            };
            return ClassifierEvaluateWorkflow.Run(options, console);
        }));
        return command;
    }

    private static Option<string> DataOption() =>
        new("--data") { Description = "Folder holding ECG5000_TRAIN and ECG5000_TEST (.txt, or the 2018 archive's .tsv).", Required = true };

    private static Option<string?> ProtocolOption(string description, bool defaults)
    {
        var option = new Option<string?>("--protocol")
        {
            Description = description + " seed: TRAIN+TEST pooled, normal beats 85/7.5/7.5 %, anomalies halved between validation and test. ucr: TRAIN's normal beats train, TEST tests.",
        };
        if (defaults) option.DefaultValueFactory = _ => "seed";
        option.AcceptOnlyFromAmong("seed", "ucr");
        return option;
    }

    private static Option<int> ThreadsOption() =>
        new("--threads") { Description = "Threads to use.", DefaultValueFactory = _ => Environment.ProcessorCount };

    private static DataProtocol? ParseProtocol(string? text) => ProtocolNames.TryParse(text, out DataProtocol protocol) ? protocol : null;

    /// <summary>
    /// Runs <paramref name="work"/> with a token that the first Ctrl-C cancels (training then stops after the epoch in
    /// progress and saves the best weights); a second Ctrl-C ends the process at once.
    /// </summary>
    private static int WithCtrlC(IAnsiConsole console, Func<CancellationToken, int> work, CancellationToken outer)
    {
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(outer);
        ConsoleCancelEventHandler handler = (_, e) =>
        {
            if (ctrlC.IsCancellationRequested) return;
            e.Cancel = true;
            ctrlC.Cancel();
            console.MarkupLine("[yellow]Ctrl-C: stopping after this epoch and saving the best model so far (Ctrl-C again to abort).[/]");
        };
        Console.CancelKeyPress += handler;
        try
        {
            return work(ctrlC.Token);
        }
        finally
        {
            Console.CancelKeyPress -= handler;
        }
    }

    /// <summary>Runs a command body, turning every kind of bad input into one error line and an exit code.</summary>
    private static int Guard(TextWriter error, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (ExitCodeFor(e) is int code)
        {
            error.WriteLine($"error: {OneLine(e.Message)}");
            return code;
        }
    }

    private static int? ExitCodeFor(Exception e) => e switch
    {
        InvalidOptionsException or ArgumentException => UsageError,
        Ecg5000FormatException or ModelFileException or CudaException or TrainingDivergedException => InputError,
        IOException or UnauthorizedAccessException => InputError,
        OperationCanceledException => Interrupted,
        _ => null,
    };

    /// <summary>The message on one line: System.CommandLine lists allowed values one per line, tab-indented.</summary>
    private static string OneLine(string message) =>
        string.Join(" ", message.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
