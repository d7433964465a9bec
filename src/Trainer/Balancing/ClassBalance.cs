namespace EcgStream.Trainer.Balancing;

/// <summary>How the classifier's training split is balanced against ECG5000's class imbalance (<c>--balance</c>).</summary>
public enum ClassBalance
{
    /// <summary>The training beats as they are ("none").</summary>
    None,

    /// <summary>
    /// SMOTE ("smote"): every class is raised to the size of the largest with synthetic beats interpolated between a beat
    /// and one of its nearest neighbours in the same class.
    /// </summary>
    Smote,

    /// <summary>
    /// SMOTE with undersampling ("smote-undersample"): every class is brought to the size of the second largest class;
    /// the largest (Normal) loses a random share of its beats, the smaller ones gain synthetic beats.
    /// </summary>
    SmoteUndersample,

    /// <summary>
    /// Inverse-frequency class weights in the loss ("class-weights"): class c weighs n / (k · n_c), where n is the number of
    /// training beats, k the number of classes present and n_c the beats of class c (1 for a class with no training beat);
    /// the beats are left as they are.
    /// </summary>
    ClassWeights,
}
