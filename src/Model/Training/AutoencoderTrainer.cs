using EcgStream.Model.Parameters;

namespace EcgStream.Model.Training;

/// <summary>
/// Trains an autoencoder's parameters in place with full back-propagation through time and Adam.
/// A mini-batch is cut into shards of <see cref="TrainingOptions.ShardSize"/> beats; worker threads compute shard
/// gradients in parallel and the shard gradients are summed in shard order, so for given options and data the
/// result is the same whatever the thread count or scheduling. Not safe for concurrent calls.
/// </summary>
public sealed class AutoencoderTrainer : AutoencoderTrainerBase<AutoencoderParameters>
{
    private readonly ShardRunner<AutoencoderParameters> _shards;

    // One network per worker.
    private readonly AutoencoderNetwork?[] _networks;

    /// <summary>Prepares to train <paramref name="parameters"/> (updated in place) with <paramref name="options"/>.</summary>
    public AutoencoderTrainer(AutoencoderParameters parameters, TrainingOptions options)
        : base(parameters, options, p => p.Tensors(), p => new AutoencoderParameters(p.Shape))
    {
        _shards = new ShardRunner<AutoencoderParameters>(options.Threads, options.ShardSize, () => new AutoencoderParameters(parameters.Shape), g => g.Tensors());
        _networks = new AutoencoderNetwork?[options.Threads];
    }

    private protected override int BeatLength => Parameters.Shape.BeatLength;

    /// <summary>
    /// The shards run on the worker threads; their gradients, scaled for the whole batch, are added into
    /// <paramref name="gradients"/> in shard order (see <see cref="ShardRunner{TGradients}"/>).
    /// </summary>
    private protected override unsafe double RunShards(ReadOnlySpan<float> beats, int count, float scale, AutoencoderParameters? gradients)
    {
        int beatLength = BeatLength;
        fixed (float* pointer = beats)
        {
            // A span cannot be captured by the shard body; the pinned pointer can.
            float* basePointer = pointer;
            return _shards.Run(count, gradients, (worker, start, n, shardGradients) =>
            {
                var network = Network(worker);
                network.Forward(new ReadOnlySpan<float>(basePointer + (long)start * beatLength, n * beatLength), n);
                double loss = network.LossSum(Options.Loss);
                if (shardGradients is not null) network.Backward(Options.Loss, scale, shardGradients);
                return loss;
            });
        }
    }

    private protected override void ReconstructShard(ReadOnlySpan<float> beats, int count, Span<float> destination)
    {
        var network = Network(0);
        network.Forward(beats, count);
        network.CopyReconstruction(destination);
    }

    private protected override bool HasParametersShape(AutoencoderParameters gradients) => gradients.Shape == Parameters.Shape;

    private AutoencoderNetwork Network(int worker) =>
        _networks[worker] ??= new AutoencoderNetwork(Parameters, Options.ShardSize, Options.Width);
}
