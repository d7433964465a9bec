using EcgStream.Model;
using EcgStream.Model.Parameters;
using EcgStream.Model.Training;

namespace EcgStream.Trainer.Training;

/// <summary>The LSTM autoencoder's <see cref="AutoencoderTrainer"/> behind <see cref="IAutoencoderTraining"/>.</summary>
internal sealed class LstmAutoencoderTraining(AutoencoderShape shape, TrainingOptions options) : IAutoencoderTraining
{
    private readonly AutoencoderTrainer _trainer = new(AutoencoderParameters.Initialize(shape, options.Seed), options);
    private readonly AutoencoderParameters _best = new(shape);

    public double LearningRate { get => _trainer.LearningRate; set => _trainer.LearningRate = value; }

    public float TrainEpoch(ReadOnlySpan<float> beats, int count) => _trainer.TrainEpoch(beats, count);

    public float ComputeLoss(ReadOnlySpan<float> beats, int count) => _trainer.ComputeLoss(beats, count);

    public void KeepBest() => _trainer.Parameters.CopyTo(_best);

    public IAutoencoderModel Current(ModelMetadata metadata) => new AutoencoderModel(_trainer.Parameters, metadata);

    public IAutoencoderModel Best(ModelMetadata metadata) => new AutoencoderModel(_best, metadata);
}
