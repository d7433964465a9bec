using EcgStream.Model;
using EcgStream.Model.Parameters;
using EcgStream.Model.Training;

namespace EcgStream.Trainer.Training;

/// <summary>The dense autoencoder's <see cref="DenseAutoencoderTrainer"/> behind <see cref="IAutoencoderTraining"/>.</summary>
internal sealed class DenseAutoencoderTraining(IReadOnlyList<int> sizes, TrainingOptions options) : IAutoencoderTraining
{
    private readonly DenseAutoencoderTrainer _trainer = new(DenseAutoencoderParameters.Initialize(sizes, options.Seed), options);
    private DenseAutoencoderParameters? _best;

    public double LearningRate { get => _trainer.LearningRate; set => _trainer.LearningRate = value; }

    public float TrainEpoch(ReadOnlySpan<float> beats, int count) => _trainer.TrainEpoch(beats, count);

    public float ComputeLoss(ReadOnlySpan<float> beats, int count) => _trainer.ComputeLoss(beats, count);

    public void KeepBest() => _best = _trainer.Parameters.Clone();

    public IAutoencoderModel Current(ModelMetadata metadata) => new DenseAutoencoderModel(_trainer.Parameters, metadata);

    public IAutoencoderModel Best(ModelMetadata metadata) =>
        new DenseAutoencoderModel(_best ?? throw new InvalidOperationException("No epoch has been kept."), metadata);
}
