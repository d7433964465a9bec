namespace EcgStream.Beats.Ecg5000;

/// <summary>ECG5000's five classes, numbered as in the archive's first column.</summary>
public enum BeatClass
{
    /// <summary>1: a normal beat.</summary>
    Normal = 1,

    /// <summary>2: R-on-T premature ventricular contraction.</summary>
    RonTPvc = 2,

    /// <summary>3: premature ventricular contraction.</summary>
    Pvc = 3,

    /// <summary>4: supraventricular premature or ectopic beat.</summary>
    SpEb = 4,

    /// <summary>5: unclassified beat.</summary>
    Ub = 5,
}
