using EcgStream.Model;

namespace EcgStream.Trainer.Training;

/// <summary>
/// One architecture's trainer as <see cref="TrainingLoop"/> drives it: epochs, validation loss, the learning rate, and
/// a copy of the weights at the best epoch. <see cref="LstmAutoencoderTraining"/> and <see cref="DenseAutoencoderTraining"/>.
/// </summary>
internal interface IAutoencoderTraining
{
    /// <summary>Adam's learning rate for the next steps.</summary>
    double LearningRate { get; set; }

    /// <summary>One shuffled pass over the beats; the mean per-beat loss.</summary>
    float TrainEpoch(ReadOnlySpan<float> beats, int count);

    /// <summary>The loss of the beats, no gradient.</summary>
    float ComputeLoss(ReadOnlySpan<float> beats, int count);

    /// <summary>Copies the current weights into the kept best.</summary>
    void KeepBest();

    /// <summary>The live weights with <paramref name="metadata"/> (not a copy: they change with the next epoch).</summary>
    IAutoencoderModel Current(ModelMetadata metadata);

    /// <summary>The weights last kept by <see cref="KeepBest"/>, with <paramref name="metadata"/>.</summary>
    IAutoencoderModel Best(ModelMetadata metadata);
}
