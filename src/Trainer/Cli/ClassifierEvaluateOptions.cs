using EcgStream.Trainer.Data;

namespace EcgStream.Trainer.Cli;

/// <summary>Settings of <c>evaluate-classifier</c>, mapped from its flags and checked by <see cref="Validate"/>.</summary>
public sealed class ClassifierEvaluateOptions
{
    /// <summary>The classifier file to evaluate. Required.</summary>
    public string ModelPath { get; set; } = "";

    /// <summary>Folder holding ECG5000_TRAIN/TEST (.txt or .tsv). Required.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>The protocol; null means the one the model was trained with (seed for a model that does not say).</summary>
    public DataProtocol? Protocol { get; set; }

    /// <summary>Which split to evaluate: <see cref="DataSplit.Test"/> (the default) or <see cref="DataSplit.Validation"/>.</summary>
    public DataSplit Split { get; set; } = DataSplit.Test;

    /// <summary>Where the metrics JSON goes; null writes none.</summary>
    public string? MetricsPath { get; set; }

    /// <summary>Where the per-beat probabilities CSV goes; null writes none.</summary>
    public string? ScoresPath { get; set; }

    /// <summary>Where the HTML report goes; null writes none.</summary>
    public string? ReportPath { get; set; }

    /// <summary>Threads for inference. The default is one per core.</summary>
    public int Threads { get; set; } = Environment.ProcessorCount;

    /// <summary>Throws <see cref="InvalidOptionsException"/> naming the first flag whose value cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelPath)) throw new InvalidOptionsException("--model: give the classifier file to evaluate.");
        if (!File.Exists(ModelPath)) throw new InvalidOptionsException($"--model: '{ModelPath}' does not exist.");
        if (string.IsNullOrWhiteSpace(DataDirectory)) throw new InvalidOptionsException("--data: give the folder holding ECG5000_TRAIN and ECG5000_TEST.");
        if (Split is not (DataSplit.Test or DataSplit.Validation)) throw new InvalidOptionsException("--split must be test or validation.");
        if (Threads is < 1 or > 1024) throw new InvalidOptionsException($"--threads must be 1..1024, not {Threads}.");
    }
}
