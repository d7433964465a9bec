using System.Diagnostics;
using System.Globalization;
using EcgStream.Model.Classification;

namespace EcgStream.Benchmarks.Engine;

/// <summary>
/// `classifier-train --arch A [--beats N] [--epochs E] [--threads T] [--batch B] [--shard S]`: times <see cref="ClassifierTrainer.TrainEpoch"/>
/// on random beats and labels (default 4000 beats, 2 epochs, all cores, batch 64, shards of 16), so a protocol's training time can be estimated.
/// </summary>
internal static class ClassifierTrainingBenchmark
{
    /// <summary>Runs the benchmark; returns the process exit code.</summary>
    public static int Run(IReadOnlyList<string> args)
    {
        var architecture = ClassifierArchitecture.Conv1d;
        int beats = 4000, epochs = 2, threads = Environment.ProcessorCount, batch = 64, shard = 16;
        for (int i = 0; i + 1 < args.Count; i += 2)
        {
            string value = args[i + 1];
            bool ok = args[i] switch
            {
                "--arch" => ClassifierArchitectureNames.TryParse(value, out architecture),
                "--beats" => int.TryParse(value, out beats) && beats > 0,
                "--epochs" => int.TryParse(value, out epochs) && epochs > 0,
                "--threads" => int.TryParse(value, out threads) && threads > 0,
                "--batch" => int.TryParse(value, out batch) && batch > 0,
                "--shard" => int.TryParse(value, out shard) && shard > 0,
                _ => false,
            };
            if (!ok)
            {
                Console.Error.WriteLine($"error: bad option {args[i]} {value}");
                return 2;
            }
        }
        var parameters = new ClassifierParameters(architecture);
        parameters.Initialise(1);
        var trainer = new ClassifierTrainer(parameters, new ClassifierTrainingOptions { Threads = threads, BatchSize = batch, ShardSize = shard });
        var random = new Random(2);
        var data = new float[beats * parameters.SequenceLength];
        for (int i = 0; i < data.Length; i++) data[i] = (float)(random.NextDouble() * 4 - 2);
        var labels = Enumerable.Range(0, beats).Select(_ => random.Next(parameters.ClassCount)).ToArray();
        string name = ClassifierArchitectureNames.Name(architecture);
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            float loss = trainer.TrainEpoch(data, labels, beats);
            double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"arch={name} epoch={epoch + 1} beats={beats} threads={threads} shard={shard} seconds={watch.Elapsed.TotalSeconds:F2} cpu_seconds={cpuSeconds:F2} beats_per_second={beats / watch.Elapsed.TotalSeconds:F0} loss={loss:F4}"));
        }
        return 0;
    }
}
