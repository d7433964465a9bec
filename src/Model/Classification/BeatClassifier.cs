using EcgStream.Model.Inference;
using EcgStream.Model.Kernels;

namespace EcgStream.Model.Classification;

/// <summary>
/// Classifies beats on the CPU: for each beat [SamplesPerBeat] (already normalised with the model's
/// <see cref="ClassifierMetadata.Normalisation"/>) it gives the softmax of the network's logits, [ClassCount] probabilities.
/// </summary>
/// <remarks>
/// A batch is cut into passes of at most <see cref="MaxBeatsPerPass"/> beats, and at least one per thread, which the calling
/// thread and the classifier's helper threads run in parallel. Each pass takes an idle workspace (a network with its own
/// buffers) from a pool, so concurrent <see cref="Classify"/> calls are safe, and once the pool has warmed up a call allocates
/// nothing. The weights are copied at creation; later changes to the model's parameters do not affect the classifier.
/// </remarks>
public sealed unsafe class BeatClassifier : IDisposable
{
    /// <summary>The most beats one pass computes together.</summary>
    public const int MaxBeatsPerPass = 64;

    /// <summary>The classifier's own copy of the weights.</summary>
    private readonly ClassifierParameters _parameters;

    /// <summary>The weights packed for the kernels, and the forward pass.</summary>
    private readonly PackedClassifier _network;

    /// <summary>Helper threads: <see cref="Threads"/> − 1 of them; the caller is the other.</summary>
    private readonly WorkerPool _pool;

    /// <summary>Idle workspaces; one is taken per pass in progress. Guarded by itself.</summary>
    private readonly Stack<ClassifierWorkspace> _workspaces = new();

    /// <summary>Idle per-call job objects. Guarded by itself.</summary>
    private readonly Stack<ClassifyJob> _jobs = new();

    /// <summary>Set by <see cref="Dispose"/>.</summary>
    private volatile bool _disposed;

    private BeatClassifier(ClassifierParameters parameters, int threads)
    {
        _parameters = parameters;
        _network = new PackedClassifier(parameters, MaxBeatsPerPass, VectorMath.PreferredWidth);
        Threads = threads;
        _pool = new WorkerPool(threads - 1);
    }

    /// <summary>Creates a classifier for <paramref name="model"/>'s weights.</summary>
    /// <param name="model">The classifier model (its parameters are copied).</param>
    /// <param name="threads">Threads a batch may use, the calling one included; 0 (the default) means <see cref="Environment.ProcessorCount"/>.</param>
    public static BeatClassifier Create(ClassifierModel model, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(model.Parameters);
        if (threads == 0) threads = Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        return new BeatClassifier(model.Parameters.Clone(), threads);
    }

    /// <summary>The network.</summary>
    public ClassifierArchitecture Architecture => _parameters.Architecture;

    /// <summary>Samples per beat the network takes.</summary>
    public int SamplesPerBeat => _parameters.SequenceLength;

    /// <summary>Classes, i.e. probabilities per beat.</summary>
    public int ClassCount => _parameters.ClassCount;

    /// <summary>Threads a batch may use, the calling one included.</summary>
    public int Threads { get; }

    /// <summary>
    /// Class probabilities of <paramref name="count"/> beats: <paramref name="probabilities"/>[i·ClassCount + k] = P(class k | beat i),
    /// the softmax of the logits (each row sums to 1).
    /// </summary>
    /// <param name="beats">[count, SamplesPerBeat], beat-major, already normalised with the model's normalisation.</param>
    /// <param name="count">Beats; 0 does nothing.</param>
    /// <param name="probabilities">[count, ClassCount]; overwritten.</param>
    public void Classify(ReadOnlySpan<float> beats, int count, Span<float> probabilities)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (beats.Length < (long)count * SamplesPerBeat) throw new ArgumentException($"beats must hold {count}·{SamplesPerBeat} values.", nameof(beats));
        if (probabilities.Length < (long)count * ClassCount) throw new ArgumentException($"probabilities must hold {count}·{ClassCount} values.", nameof(probabilities));
        if (count == 0) return;

        // At least one pass per thread (when there are enough beats), and none larger than MaxBeatsPerPass.
        int passes = Math.Max((count + MaxBeatsPerPass - 1) / MaxBeatsPerPass, Math.Min(Threads, count));
        var job = ObjectStack.Rent(_jobs) ?? new ClassifyJob(this);
        try
        {
            fixed (float* beatsPointer = beats, probabilitiesPointer = probabilities)
            {
                job.Start(beatsPointer, count, passes, probabilitiesPointer);
                _pool.Run(job, passes);
            }
        }
        finally
        {
            // Returned even when a pass threw (the pool rethrows it here), so a failed call does not shrink the pool.
            ObjectStack.Return(_jobs, job);
        }
    }

    /// <summary>Stops the helper threads. Classify must not be running or called afterwards.</summary>
    public void Dispose()
    {
        _disposed = true;
        _pool.Dispose();
    }

    /// <summary>One pass: n ≤ MaxBeatsPerPass beats through the packed network.</summary>
    private void RunPass(float* beats, int n, float* probabilities)
    {
        var workspace = ObjectStack.Rent(_workspaces) ?? _network.CreateWorkspace();
        try
        {
            _network.Run(workspace, beats, n, probabilities);
        }
        finally
        {
            ObjectStack.Return(_workspaces, workspace);
        }
    }

    /// <summary>One Classify call's arguments, shared by the threads that run its passes; reused across calls.</summary>
    private sealed class ClassifyJob(BeatClassifier classifier) : ParallelWork
    {
        private float* _beats, _probabilities;
        private int _count, _passes;

        public void Start(float* beats, int count, int passes, float* probabilities)
        {
            _beats = beats;
            _count = count;
            _passes = passes;
            _probabilities = probabilities;
        }

        protected override void Execute(int index)
        {
            // Beats are split as evenly as possible: pass i takes [i·count/passes, (i+1)·count/passes).
            int first = (int)((long)index * _count / _passes);
            int n = (int)((long)(index + 1) * _count / _passes) - first;
            classifier.RunPass(_beats + (long)first * classifier.SamplesPerBeat, n, _probabilities + (long)first * classifier.ClassCount);
        }
    }
}
