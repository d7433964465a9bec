using System.Diagnostics;
using System.Globalization;
using EcgStream.Model.Classification;

namespace EcgStream.Benchmarks.Engine;

/// <summary>
/// Measures <see cref="BeatClassifier"/>'s throughput: Classify calls on one fixed batch of random beats, for a fixed time,
/// with randomly initialised weights of the chosen architecture. Same output as <see cref="EngineBenchmark"/>, so
/// scripts/bench-engine.sh reads both; its PyTorch twin is `scripts/bench_pytorch.py --model classifier --arch A`.
/// </summary>
internal static class ClassifierEngineBenchmark
{
    /// <summary>Runs the benchmark; returns the process exit code.</summary>
    public static int Run(EngineBenchmarkOptions options)
    {
        var parameters = new ClassifierParameters(options.Architecture);
        parameters.Initialise(options.Seed);
        using var classifier = BeatClassifier.Create(new ClassifierModel(parameters, new ClassifierMetadata()), options.Threads);
        string arch = ClassifierArchitectureNames.Name(options.Architecture);
        Console.WriteLine($"engine: classifier {arch} ({parameters.Count} parameters) on the CPU");

        var random = new Random(options.Seed + 1);
        var beats = new float[options.Batch * classifier.SamplesPerBeat];
        for (int i = 0; i < beats.Length; i++) beats[i] = (float)(random.NextDouble() * 4 - 2);
        var probabilities = new float[options.Batch * classifier.ClassCount];
        Console.WriteLine($"engine: device=cpu model=classifier arch={arch} batch={options.Batch} threads={options.Threads} seconds={options.Seconds}");

        // Warm-up: JIT tiering (tier-1 with PGO) and the classifier's workspaces, so they are not in the measurement.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed.TotalSeconds < Math.Min(2, options.Seconds / 2)) classifier.Classify(beats, options.Batch, probabilities);

        var latencies = new List<double>(1 << 16);
        var cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        var total = Stopwatch.StartNew();
        var progress = Stopwatch.StartNew();
        long batches = 0;
        while (total.Elapsed.TotalSeconds < options.Seconds)
        {
            long start = Stopwatch.GetTimestamp();
            classifier.Classify(beats, options.Batch, probabilities);
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

        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"batches={batches} p50_ms={EngineBenchmark.Percentile(latencies, 0.50):F3} p99_ms={EngineBenchmark.Percentile(latencies, 0.99):F3} per_beat_p50_ms={EngineBenchmark.Percentile(latencies, 0.50) / options.Batch:F4}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cpu_seconds={cpuSeconds:F2} beats_per_cpu_second={batches * options.Batch / cpuSeconds:F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"beats_per_second={batches * options.Batch / elapsed:F1} batch={options.Batch} threads={options.Threads}"));
        return 0;
    }
}
