using EcgStream.Model.Parameters;

namespace EcgStream.Model.Training;

/// <summary>
/// Trains a dense autoencoder's parameters in place with back-propagation and Adam, with the same losses, batching,
/// clipping and shuffling as <see cref="AutoencoderTrainer"/>. A mini-batch is run in shards of
/// <see cref="TrainingOptions.ShardSize"/> beats on the calling thread, gradients added in shard order, so results
/// are deterministic; <see cref="TrainingOptions.Threads"/> is not used (a beat costs about 120 k multiply-adds forward
/// and backward, too little to share between cores). Not safe for concurrent calls.
/// </summary>
public sealed class DenseAutoencoderTrainer : AutoencoderTrainerBase<DenseAutoencoderParameters>
{
    private readonly DenseAutoencoderNetwork _network;

    /// <summary>Prepares to train <paramref name="parameters"/> (updated in place) with <paramref name="options"/>.</summary>
    public DenseAutoencoderTrainer(DenseAutoencoderParameters parameters, TrainingOptions options)
        : base(parameters, options, p => p.Tensors(), p => new DenseAutoencoderParameters(p.Sizes))
    {
        _network = new DenseAutoencoderNetwork(parameters, options.ShardSize, options.Width);
    }

    private protected override int BeatLength => Parameters.BeatLength;

    /// <summary>The shards run in order on the calling thread.</summary>
    private protected override double RunShards(ReadOnlySpan<float> beats, int count, float scale, DenseAutoencoderParameters? gradients)
    {
        int beatLength = BeatLength;
        double loss = 0;
        for (int start = 0; start < count; start += Options.ShardSize)
        {
            int n = Math.Min(Options.ShardSize, count - start);
            _network.Forward(beats.Slice(start * beatLength, n * beatLength), n);
            loss += _network.LossSum(Options.Loss);

            // LinearLayer.Backward adds into dW and db, so the shards' gradients sum in place.
            if (gradients is not null) _network.Backward(Options.Loss, scale, gradients);
        }
        return loss;
    }

    private protected override void ReconstructShard(ReadOnlySpan<float> beats, int count, Span<float> destination)
    {
        _network.Forward(beats, count);
        _network.Reconstruction.AsSpan(0, beats.Length).CopyTo(destination);
    }

    private protected override bool HasParametersShape(DenseAutoencoderParameters gradients) => gradients.Sizes.SequenceEqual(Parameters.Sizes);
}
