using System.Diagnostics;
using System.Globalization;
using EcgStream.Model;
using EcgStream.Model.Cuda;
using EcgStream.Model.Inference;
using EcgStream.Model.Parameters;

namespace EcgStream.Benchmarks.Engine;

/// <summary>
/// Measures an engine's throughput: Score calls on one fixed batch of random beats, for a fixed time, with random
/// weights of the ECG5000 model's size. Prints progress, batch latency percentiles and, last, the summary line that
/// scripts/bench-engine.sh reads.
/// </summary>
internal static class EngineBenchmark
{
    /// <summary>Runs the benchmark; returns the process exit code.</summary>
    public static int Run(EngineBenchmarkOptions options)
    {
        if (options.Classifier) return ClassifierEngineBenchmark.Run(options);
        // --model autoencoder: the LSTM autoencoder; --model dense-ae: the dense one (its twin: bench_pytorch.py --model dense-ae).
        IAutoencoderModel model = options.DenseAutoencoder
            ? new DenseAutoencoderModel(DenseAutoencoderParameters.Initialize(DenseAutoencoderParameters.Ecg5000Sizes, options.Seed), new ModelMetadata())
            : new AutoencoderModel(AutoencoderParameters.Initialize(AutoencoderShape.Ecg5000, options.Seed), new ModelMetadata());
        var shape = model.Shape;
        IInferenceEngine engine;
        string reason;
        try
        {
            (engine, reason) = InferenceEngineFactory.Create(options.Device, model, options.Threads, new CudaEngineOptions { AllowTf32 = options.AllowTf32, Algorithm = options.RnnAlgorithm, CudaGraphs = options.CudaGraphs });
        }
        catch (CudaException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
        using var _ = engine;
        Console.WriteLine($"engine: {reason}");

        var random = new Random(options.Seed + 1);
        var beats = new float[options.Batch * shape.BeatLength];
        for (int i = 0; i < beats.Length; i++) beats[i] = (float)(random.NextDouble() * 4 - 2);
        var errors = new float[options.Batch];
        Console.WriteLine($"engine: device={engine.Device} model={AutoencoderArchitectureNames.Name(model.Architecture)} batch={options.Batch} threads={options.Threads} seconds={options.Seconds}");

        // Warm-up: JIT tiering (tier-1 with PGO) and the engine's workspaces, so they are not in the measurement.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed.TotalSeconds < Math.Min(2, options.Seconds / 2)) engine.Score(beats, options.Batch, ErrorMetric.L1Sum, errors);

        var latencies = new List<double>(1 << 16);
        // CPU time of the whole process (every engine thread): on a shared machine, beats per CPU-second is the figure that
        // other processes' load changes least.
        var cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        var total = Stopwatch.StartNew();
        var progress = Stopwatch.StartNew();
        long batches = 0;
        while (total.Elapsed.TotalSeconds < options.Seconds)
        {
            long start = Stopwatch.GetTimestamp();
            engine.Score(beats, options.Batch, ErrorMetric.L1Sum, errors);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            batches++;
            if (progress.Elapsed.TotalSeconds >= 1)
            {
                Console.WriteLine($"  {total.Elapsed.TotalSeconds,5:F1} s: {batches * options.Batch / total.Elapsed.TotalSeconds,10:F1} beats/s");
                progress.Restart();
            }
        }
        double elapsed = total.Elapsed.TotalSeconds;
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart).TotalSeconds;
        double beatsPerSecond = batches * options.Batch / elapsed;

        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"batches={batches} p50_ms={Percentile(latencies, 0.50):F3} p99_ms={Percentile(latencies, 0.99):F3} per_beat_p50_ms={Percentile(latencies, 0.50) / options.Batch:F4}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cpu_seconds={cpuSeconds:F2} beats_per_cpu_second={batches * options.Batch / cpuSeconds:F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"beats_per_second={beatsPerSecond:F1} batch={options.Batch} threads={options.Threads}"));
        return 0;
    }

    /// <summary>The value below which a fraction <paramref name="q"/> of the sorted values lie (nearest rank).</summary>
    internal static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}
