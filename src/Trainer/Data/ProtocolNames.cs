using EcgStream.Beats.Ecg5000;
using EcgStream.Model;
using EcgStream.Trainer.Balancing;

namespace EcgStream.Trainer.Data;

/// <summary>The names protocols, splits, classes and metrics go by on the command line, in files and in the report.</summary>
public static class ProtocolNames
{
    /// <summary>"seed" or "ucr".</summary>
    public static string Of(DataProtocol protocol) => protocol switch
    {
        DataProtocol.Seed => "seed",
        DataProtocol.Ucr => "ucr",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol)),
    };

    /// <summary>"train", "validation", "test" or "unused".</summary>
    public static string Of(DataSplit split) => split.ToString().ToLowerInvariant();

    /// <summary>The class's usual name: Normal, R-on-T PVC, PVC, SP/EB, UB.</summary>
    public static string Of(BeatClass beatClass) => beatClass switch
    {
        BeatClass.Normal => "Normal",
        BeatClass.RonTPvc => "R-on-T PVC",
        BeatClass.Pvc => "PVC",
        BeatClass.SpEb => "SP/EB",
        BeatClass.Ub => "UB",
        _ => throw new ArgumentOutOfRangeException(nameof(beatClass)),
    };

    /// <summary>"l1sum", "mae" or "mse", the spellings of <c>--error-metric</c>.</summary>
    public static string Of(ErrorMetric metric) => metric switch
    {
        ErrorMetric.L1Sum => "l1sum",
        ErrorMetric.MeanAbsolute => "mae",
        ErrorMetric.MeanSquared => "mse",
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };

    /// <summary>"none", "smote", "smote-undersample" or "class-weights", the spellings of <c>--balance</c>.</summary>
    public static string Of(ClassBalance balance) => balance switch
    {
        ClassBalance.None => "none",
        ClassBalance.Smote => "smote",
        ClassBalance.SmoteUndersample => "smote-undersample",
        ClassBalance.ClassWeights => "class-weights",
        _ => throw new ArgumentOutOfRangeException(nameof(balance)),
    };

    /// <summary>Every spelling of <c>--balance</c>, in <see cref="ClassBalance"/> order.</summary>
    public static IReadOnlyList<string> Balances { get; } = ["none", "smote", "smote-undersample", "class-weights"];

    /// <summary>Parses a <c>--balance</c> spelling (any case); false for anything else.</summary>
    public static bool TryParse(string? text, out ClassBalance balance)
    {
        int index = Balances.ToList().IndexOf(text?.ToLowerInvariant() ?? "");
        balance = index < 0 ? default : (ClassBalance)index;
        return index >= 0;
    }

    /// <summary>Parses "seed" or "ucr" (any case); false for anything else.</summary>
    public static bool TryParse(string? text, out DataProtocol protocol)
    {
        switch (text?.ToLowerInvariant())
        {
            case "seed": protocol = DataProtocol.Seed; return true;
            case "ucr": protocol = DataProtocol.Ucr; return true;
            default: protocol = default; return false;
        }
    }

    /// <summary>Parses "l1sum", "mae" or "mse" (any case); false for anything else.</summary>
    public static bool TryParse(string? text, out ErrorMetric metric)
    {
        switch (text?.ToLowerInvariant())
        {
            case "l1sum": metric = ErrorMetric.L1Sum; return true;
            case "mae": metric = ErrorMetric.MeanAbsolute; return true;
            case "mse": metric = ErrorMetric.MeanSquared; return true;
            default: metric = default; return false;
        }
    }
}
