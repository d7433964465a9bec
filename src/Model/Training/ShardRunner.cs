using EcgStream.Model.Layers;
using EcgStream.Model.Parameters;

namespace EcgStream.Model.Training;

/// <summary>
/// The trainers' deterministic shard-parallel pass: a batch is cut into shards of a fixed number of beats, the shards run in
/// waves of one shard per worker thread, and the shard losses and gradients are summed in shard order, so for given data the
/// result is the same whatever the thread count or scheduling. Not safe for concurrent calls.
/// </summary>
/// <typeparam name="TGradients">The trainer's parameter set; one per worker holds that worker's shard gradient.</typeparam>
internal sealed class ShardRunner<TGradients>
    where TGradients : class
{
    /// <summary>
    /// Runs beats <paramref name="start"/> .. start + <paramref name="count"/> − 1 on worker <paramref name="worker"/>'s network
    /// and returns the shard's loss sum; when <paramref name="shardGradients"/> is not null (it comes zeroed), adds the shard's
    /// gradients into it.
    /// </summary>
    public delegate double ShardBody(int worker, int start, int count, TGradients? shardGradients);

    private readonly int _threads;
    private readonly int _shardSize;
    private readonly Func<TGradients> _createGradients;
    private readonly Func<TGradients, IReadOnlyList<NamedTensor>> _tensorsOf;

    // One shard at a time per worker; created once, since Parallel.For only reads it.
    private readonly ParallelOptions _parallelOptions;

    // Per worker: the shard gradient (created on first use) and the shard's loss sum of the current wave.
    private readonly TGradients?[] _shardGradients;
    private readonly double[] _shardLosses;

    // The pass in progress, read by _runShard: created once so a wave allocates no closure of its own.
    private readonly Action<int> _runShard;
    private ShardBody? _body;
    private int _count;
    private int _wave;
    private bool _computeGradients;

    /// <summary>
    /// Prepares passes over shards of <paramref name="shardSize"/> beats on <paramref name="threads"/> workers;
    /// <paramref name="createGradients"/> makes a zeroed parameter set of the trainer's shape (a worker's shard gradient) and
    /// <paramref name="tensorsOf"/> gives a parameter set's live tensors, in a fixed order.
    /// </summary>
    public ShardRunner(int threads, int shardSize, Func<TGradients> createGradients, Func<TGradients, IReadOnlyList<NamedTensor>> tensorsOf)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardSize, 1);
        ArgumentNullException.ThrowIfNull(createGradients);
        ArgumentNullException.ThrowIfNull(tensorsOf);
        _threads = threads;
        _shardSize = shardSize;
        _createGradients = createGradients;
        _tensorsOf = tensorsOf;
        _parallelOptions = new ParallelOptions { MaxDegreeOfParallelism = threads };
        _shardGradients = new TGradients?[threads];
        _shardLosses = new double[threads];
        _runShard = RunShard;
    }

    /// <summary>
    /// Runs <paramref name="body"/> on every shard of <paramref name="count"/> beats and returns Σ of the shard losses, in
    /// shard order; when <paramref name="gradients"/> is given, adds every shard gradient into it, in shard order.
    /// </summary>
    public double Run(int count, TGradients? gradients, ShardBody body)
    {
        int shards = (count + _shardSize - 1) / _shardSize;
        _body = body;
        _count = count;
        _computeGradients = gradients is not null;
        double loss = 0;
        try
        {
            for (_wave = 0; _wave < shards; _wave += _threads)
            {
                int inWave = Math.Min(_threads, shards - _wave);
                Parallel.For(0, inWave, _parallelOptions, _runShard);

                // Summed here, in shard order, rather than by the workers as they finish: the order fixes the rounding.
                for (int worker = 0; worker < inWave; worker++)
                {
                    loss += _shardLosses[worker];
                    if (gradients is null) continue;
                    var from = _tensorsOf(_shardGradients[worker]!);
                    var to = _tensorsOf(gradients);
                    for (int i = 0; i < from.Count; i++) Elementwise.Add(from[i].Data, to[i].Data);
                }
            }
        }
        finally
        {
            _body = null;
        }
        return loss;
    }

    private void RunShard(int worker)
    {
        int start = (_wave + worker) * _shardSize;
        int n = Math.Min(_shardSize, _count - start);
        TGradients? shardGradients = null;
        if (_computeGradients)
        {
            shardGradients = _shardGradients[worker] ??= _createGradients();
            foreach (var tensor in _tensorsOf(shardGradients)) Array.Clear(tensor.Data);
        }
        _shardLosses[worker] = _body!(worker, start, n, shardGradients);
    }
}
