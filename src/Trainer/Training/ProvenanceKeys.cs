namespace EcgStream.Trainer.Training;

/// <summary>Keys of the provenance entries the trainer stores in a model file (all values are strings).</summary>
public static class ProvenanceKeys
{
    /// <summary>"seed" or "ucr": the protocol the model was trained and thresholded under.</summary>
    public const string Protocol = "protocol";

    /// <summary>Seed of the data split shuffles.</summary>
    public const string SplitSeed = "split_seed";

    /// <summary>Seed of the initial weights and epoch shuffles.</summary>
    public const string Seed = "seed";

    /// <summary>Training loss, "l1" or "mse".</summary>
    public const string Loss = "loss";

    /// <summary>Adam learning rate.</summary>
    public const string LearningRate = "learning_rate";

    /// <summary>Epochs without progress before each learning-rate cut (0: no cuts).</summary>
    public const string LearningRatePatience = "lr_patience";

    /// <summary>What each learning-rate cut multiplies the rate by.</summary>
    public const string LearningRateFactor = "lr_factor";

    /// <summary>Learning rate of each epoch, comma-separated.</summary>
    public const string LearningRateCurve = "learning_rate_curve";

    /// <summary>Beats per mini-batch.</summary>
    public const string BatchSize = "batch_size";

    /// <summary>Gradient clipping norm (0: off).</summary>
    public const string ClipNorm = "clip_norm";

    /// <summary>Most epochs allowed.</summary>
    public const string MaxEpochs = "max_epochs";

    /// <summary>Early-stopping patience in epochs.</summary>
    public const string Patience = "patience";

    /// <summary>Epochs that ran.</summary>
    public const string EpochsRun = "epochs_run";

    /// <summary>Epoch whose weights were kept.</summary>
    public const string BestEpoch = "best_epoch";

    /// <summary>Why training stopped.</summary>
    public const string StopReason = "stop_reason";

    /// <summary>Training threads.</summary>
    public const string Threads = "threads";

    /// <summary>Wall time of the training loop in seconds.</summary>
    public const string TrainSeconds = "train_seconds";

    /// <summary>Number of training beats.</summary>
    public const string TrainBeats = "train_beats";

    /// <summary>The data files read, "TRAIN-name;TEST-name".</summary>
    public const string DataFiles = "data_files";

    /// <summary>Training loss per epoch, comma-separated.</summary>
    public const string TrainLossCurve = "train_loss_curve";

    /// <summary>Validation loss per epoch, comma-separated.</summary>
    public const string ValidationLossCurve = "validation_loss_curve";

    /// <summary>The trained architecture: "lstm-ae" or "dense-ae" (also the file's metadata architecture).</summary>
    public const string Architecture = "architecture";

    /// <summary>What picked the kept epoch: "validation-roc-auc" or "validation-loss".</summary>
    public const string Checkpoint = "checkpoint";

    /// <summary>Validation ROC-AUC per epoch, comma-separated (only when epochs are ranked by it).</summary>
    public const string ValidationRocAucCurve = "validation_roc_auc_curve";

    /// <summary>Prefix of the test figures stored at training time, e.g. "test.roc_auc".</summary>
    public const string TestPrefix = "test.";

    /// <summary>Classifier: how the training split was balanced, e.g. "smote".</summary>
    public const string Balance = "balance";

    /// <summary>Classifier: k of SMOTE.</summary>
    public const string SmoteNeighbours = "smote_k";

    /// <summary>Classifier: training beats of each class before balancing, comma-separated in class-index order.</summary>
    public const string TrainClassCounts = "train_class_counts";

    /// <summary>Classifier: training beats of each class after balancing, comma-separated in class-index order.</summary>
    public const string BalancedClassCounts = "balanced_class_counts";

    /// <summary>Classifier: the loss weight of each class, comma-separated (only with class weights).</summary>
    public const string ClassWeights = "class_weights";

    /// <summary>Classifier: dropout probability.</summary>
    public const string Dropout = "dropout";

    /// <summary>Classifier: Adam's weight decay.</summary>
    public const string WeightDecay = "weight_decay";

    /// <summary>Classifier: validation macro-F1 per epoch, comma-separated.</summary>
    public const string ValidationMacroF1Curve = "validation_macro_f1_curve";

    /// <summary>Classifier: validation accuracy per epoch, comma-separated.</summary>
    public const string ValidationAccuracyCurve = "validation_accuracy_curve";

    /// <summary>Prefix of the validation figures of the kept epoch, e.g. "validation.macro_f1": what model choices rest on.</summary>
    public const string ValidationPrefix = "validation.";

    /// <summary>The training-beat augmentation, e.g. "scale=0.1,shift=5,noise=0.05,warp=0.1", or "none".</summary>
    public const string Augmentation = "augmentation";

    /// <summary>Folds of the cross-validation that chose the epoch count (absent when a validation slice chose the epoch).</summary>
    public const string Folds = "folds";

    /// <summary>Prefix of the cross-validation figures at the chosen epoch, averaged over the held-out folds ("cv.macro_f1").</summary>
    public const string CrossValidationPrefix = "cv.";

    /// <summary>Mean held-out macro-F1 after each epoch of the cross-validation, comma-separated.</summary>
    public const string CrossValidationMacroF1Curve = "cv_macro_f1_curve";

    /// <summary>How the output bias was tuned after training, "held-out-macro-f1" (absent when it was not).</summary>
    public const string BiasTuning = "bias_tuning";

    /// <summary>The per-class offsets added to the output bias, comma-separated, class 0 first.</summary>
    public const string ClassBiasOffsets = "class_bias_offsets";

    /// <summary>Held-out macro-F1 before the offsets.</summary>
    public const string BiasTuningMacroF1Before = "bias_tuning_macro_f1_before";

    /// <summary>Held-out macro-F1 with the offsets, on the beats they were fitted on.</summary>
    public const string BiasTuningMacroF1After = "bias_tuning_macro_f1_after";
}
