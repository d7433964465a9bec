using EcgStream.Model.Classification;
using EcgStream.Trainer.Augmentation;
using EcgStream.Trainer.Balancing;
using EcgStream.Trainer.Data;
using EcgStream.Trainer.Training;

namespace EcgStream.Trainer.Cli;

/// <summary>Settings of <c>train-classifier</c>, mapped from its flags and checked by <see cref="Validate"/> before any work starts.</summary>
public sealed class ClassifierTrainOptions
{
    /// <summary>Folder holding ECG5000_TRAIN/TEST (.txt or .tsv). Required.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>The network. The default is <see cref="ClassifierArchitecture.Conv1d"/>.</summary>
    public ClassifierArchitecture Architecture { get; set; } = ClassifierArchitecture.Conv1d;

    /// <summary>
    /// How the training split is balanced. The default is <see cref="ClassBalance.Smote"/>: on the UCR validation slice
    /// conv1d reached a macro-F1 of 0.59–0.73 with SMOTE against 0.46 without (it never predicted PVC, SP/EB or UB).
    /// </summary>
    public ClassBalance Balance { get; set; } = ClassBalance.Smote;

    /// <summary>k of SMOTE, the nearest neighbours a synthetic beat may be drawn towards. The default is 5.</summary>
    public int SmoteNeighbours { get; set; } = Smote.DefaultNeighbours;

    /// <summary>How the data is split. The default is <see cref="DataProtocol.Seed"/>.</summary>
    public DataProtocol Protocol { get; set; } = DataProtocol.Seed;

    /// <summary>
    /// Most epochs to run. The default is 60: with a learning rate of 3e-3 the validation figures of every architecture
    /// peaked between epochs 6 and 40 in the runs that set the defaults, and early stopping ends most runs well before 60.
    /// </summary>
    public int Epochs { get; set; } = 60;

    /// <summary>
    /// Epochs without a new best by <see cref="Checkpoint"/> before stopping. The default is 15: the validation macro-F1
    /// moves in steps of a single rare beat (the UCR validation slice holds 2 PVC and 3 SP/EB beats), and 10 stopped a
    /// seed-protocol run at epoch 20 while its validation accuracy was still rising (0.92 → 0.97 by epoch 21 at lr 3e-3).
    /// </summary>
    public int Patience { get; set; } = 15;

    /// <summary>What picks the kept epoch and drives early stopping. The default is <see cref="ClassifierCheckpoint.MacroF1"/>.</summary>
    public ClassifierCheckpoint Checkpoint { get; set; } = ClassifierCheckpoint.MacroF1;

    /// <summary>
    /// Folds of the stratified cross-validation that chooses the number of epochs, after which the model is trained on
    /// train and validation together for that many epochs (the learning rate cut every <see cref="LearningRatePatience"/>
    /// epochs, in the folds as in that fit); 0 (the default) keeps the
    /// validation slice and early stopping instead.
    /// </summary>
    public int Folds { get; set; }

    /// <summary>
    /// After training, add per-class offsets to the output layer's bias, chosen to maximise the macro-F1 of held-out
    /// predictions (the validation split at the kept epoch, or under <see cref="Folds"/> every beat's prediction from the
    /// fold that held it out); see <see cref="Training.ClassBiasTuning"/>. Off by default.
    /// </summary>
    public bool TuneBias { get; set; }

    /// <summary>Beats per mini-batch. The default is 64.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>
    /// Adam's learning rate. The default is 3e-3: conv1d with SMOTE reached a higher validation macro-F1 than at 1e-3 on
    /// both protocols (seed 0.629 against 0.579; ucr 0.727 against 0.692), in fewer epochs.
    /// </summary>
    public double LearningRate { get; set; } = 3e-3;

    /// <summary>Epochs without a new best before each cut of the learning rate; 0 turns cuts off. The default is 5.</summary>
    public int LearningRatePatience { get; set; } = 5;

    /// <summary>What each cut multiplies the learning rate by. The default is 0.5.</summary>
    public double LearningRateFactor { get; set; } = 0.5;

    /// <summary>Dropout probability before the output layer, training only. The default is 0.2.</summary>
    public double Dropout { get; set; } = 0.2;

    /// <summary>Adam's L2 weight decay. The default is 0.</summary>
    public double WeightDecay { get; set; }

    /// <summary>Largest global gradient norm; 0 turns clipping off. The default is 5.</summary>
    public double ClipNorm { get; set; } = 5;

    /// <summary>How the training beats are changed each epoch (--augment-scale, -shift, -noise, -warp). The default changes nothing.</summary>
    public AugmentationOptions Augmentation { get; set; } = new();

    /// <summary>Seed of the initial weights, the shuffles, dropout, SMOTE and augmentation. The default is 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Threads for training and inference. The default is one per core.</summary>
    public int Threads { get; set; } = Environment.ProcessorCount;

    /// <summary>Where the model file goes. The default is models/ecg5000-classifier.safetensors.</summary>
    public string ModelPath { get; set; } = Path.Combine("models", "ecg5000-classifier.safetensors");

    /// <summary>Where the test metrics go; null means classifier-metrics.json next to the model.</summary>
    public string? MetricsPath { get; set; }

    /// <summary>Where the HTML report goes; null means classifier-report.html next to the model.</summary>
    public string? ReportPath { get; set; }

    /// <summary>Where the per-beat test probabilities go, as CSV; null writes none.</summary>
    public string? ScoresPath { get; set; }

    /// <summary>The model's version string; null means "ecg5000-classifier-&lt;protocol&gt;-&lt;arch&gt;".</summary>
    public string? ModelVersion { get; set; }

    /// <summary>The metrics path to use: <see cref="MetricsPath"/> or classifier-metrics.json beside the model.</summary>
    public string ResolvedMetricsPath => MetricsPath ?? Path.Combine(Path.GetDirectoryName(ModelPath) ?? "", "classifier-metrics.json");

    /// <summary>The report path to use: <see cref="ReportPath"/> or classifier-report.html beside the model.</summary>
    public string ResolvedReportPath => ReportPath ?? Path.Combine(Path.GetDirectoryName(ModelPath) ?? "", "classifier-report.html");

    /// <summary>The model version to store: <see cref="ModelVersion"/> or one made from the protocol and architecture.</summary>
    public string ResolvedModelVersion =>
        ModelVersion ?? $"ecg5000-classifier-{ProtocolNames.Of(Protocol)}-{ClassifierArchitectureNames.Name(Architecture)}";

    /// <summary>
    /// The settings of the final training under <see cref="Folds"/>: exactly <paramref name="epochs"/> epochs, the last
    /// one kept, the learning rate cut every <see cref="LearningRatePatience"/> epochs (as in every fold).
    /// </summary>
    public ClassifierTrainOptions ForFinalFit(int epochs)
    {
        var fit = (ClassifierTrainOptions)MemberwiseClone();
        fit.Epochs = epochs;
        fit.Patience = epochs;
        fit.Checkpoint = ClassifierCheckpoint.LastEpoch;
        fit.Folds = 0;
        return fit;
    }

    /// <summary>The learning-rate schedule of the training loop.</summary>
    public PlateauSchedule ToSchedule() => LearningRatePatience == 0 ? PlateauSchedule.Off : new PlateauSchedule(LearningRatePatience, LearningRateFactor);

    /// <summary>The settings handed to the model's trainer, with the loss weights of the balanced training set.</summary>
    public ClassifierTrainingOptions ToTrainingOptions(float[]? classWeights) => new()
    {
        LearningRate = LearningRate,
        BatchSize = BatchSize,
        Dropout = (float)Dropout,
        WeightDecay = WeightDecay,
        ClipNorm = ClipNorm,
        Threads = Threads,
        Seed = Seed,
        ClassWeights = classWeights,
    };

    /// <summary>Throws <see cref="InvalidOptionsException"/> naming the first flag whose value cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory)) throw new InvalidOptionsException("--data: give the folder holding ECG5000_TRAIN and ECG5000_TEST.");
        if (!Enum.IsDefined(Architecture)) throw new InvalidOptionsException($"--arch must be one of {string.Join(", ", ClassifierArchitectureNames.All)}.");
        if (!Enum.IsDefined(Balance)) throw new InvalidOptionsException($"--balance must be one of {string.Join(", ", ProtocolNames.Balances)}.");
        if (SmoteNeighbours is < 1 or > 100) throw new InvalidOptionsException($"--smote-k must be 1..100, not {SmoteNeighbours}.");
        if (Epochs < 1) throw new InvalidOptionsException($"--epochs must be at least 1, not {Epochs}.");
        if (Patience < 1) throw new InvalidOptionsException($"--patience must be at least 1, not {Patience}.");
        if (Folds is 1 or < 0 or > 20) throw new InvalidOptionsException($"--folds must be 0 (off) or 2..20, not {Folds}.");
        if (BatchSize < 1) throw new InvalidOptionsException($"--batch-size must be at least 1, not {BatchSize}.");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new InvalidOptionsException($"--lr must be a positive number, not {LearningRate}.");
        if (LearningRatePatience < 0) throw new InvalidOptionsException($"--lr-patience must be 0 (off) or more, not {LearningRatePatience}.");
        if (!(LearningRateFactor is > 0 and < 1)) throw new InvalidOptionsException($"--lr-factor must be between 0 and 1, not {LearningRateFactor}.");
        if (!(Dropout is >= 0 and < 1)) throw new InvalidOptionsException($"--dropout must be in [0, 1), not {Dropout}.");
        if (!(WeightDecay >= 0) || !double.IsFinite(WeightDecay)) throw new InvalidOptionsException($"--weight-decay must be 0 or positive, not {WeightDecay}.");
        if (!(ClipNorm >= 0) || !double.IsFinite(ClipNorm)) throw new InvalidOptionsException($"--clip-norm must be 0 (off) or positive, not {ClipNorm}.");
        try
        {
            Augmentation.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            string flag = e.ParamName switch
            {
                nameof(AugmentationOptions.ScaleFraction) => "--augment-scale",
                nameof(AugmentationOptions.ShiftSamples) => "--augment-shift",
                nameof(AugmentationOptions.NoiseStd) => "--augment-noise",
                _ => "--augment-warp",
            };
            string actual = Convert.ToString(e.ActualValue, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            throw new InvalidOptionsException($"{flag} {e.Message.Split(" (Parameter")[0]}, not {actual}.");
        }
        if (Threads is < 1 or > 1024) throw new InvalidOptionsException($"--threads must be 1..1024, not {Threads}.");
        if (string.IsNullOrWhiteSpace(ModelPath)) throw new InvalidOptionsException("--out: give the model file to write.");
    }
}
