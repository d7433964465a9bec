using EcgStream.Benchmarks.Engine;

// `engine [--model autoencoder|dense-ae|classifier] [--arch conv1d|lstm|conv1d-lstm] --batch B --threads T --seconds S [--device auto|cpu|cuda] [--tf32 on|off] [--rnn auto|standard|persist-static|small-h] [--cuda-graphs on|off]`:
// engine throughput (see EngineBenchmark; the classifier runs on the CPU, see ClassifierEngineBenchmark).
// `classifier-train --arch A [--beats N] [--epochs E] [--threads T] [--batch B] [--shard S]`: classifier training speed (see ClassifierTrainingBenchmark).
// `classifier-export --arch A --out DIR [--seed S] [--beats N]`: a classifier file and its outputs for scripts/check_classifier_pytorch.py.
// `cuda-parity [--beats N] [--seed S] [--rnn auto|standard|persist-static|small-h]`: CUDA engine errors against the CPU engine's (see CudaParityCheck).
// `peak [--seconds S]`: one core's FP32 FMA and cache read peaks, and the autoencoder's ceilings at them (see PeakBenchmark).
const string Usage = "usage: engine [--model autoencoder|dense-ae|classifier] [--arch conv1d|lstm|conv1d-lstm] --batch B --threads T --seconds S [--device auto|cpu|cuda] [--tf32 on|off] [--rnn auto|standard|persist-static|small-h] [--cuda-graphs on|off] [--seed N] | classifier-train --arch A [--beats N] [--epochs E] [--threads T] [--batch B] [--shard S] | classifier-export --arch A --out DIR [--seed S] [--beats N] | cuda-parity [--beats N] [--seed S] [--rnn auto|standard|persist-static|small-h] | peak [--seconds S]";
if (args.Length == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}
switch (args[0])
{
    case "engine":
        string? error = EngineBenchmarkOptions.TryParse(args[1..], out var options);
        if (error is not null)
        {
            Console.Error.WriteLine($"error: {error}\n{Usage}");
            return 2;
        }
        return EngineBenchmark.Run(options);
    case "classifier-train":
        return ClassifierTrainingBenchmark.Run(args[1..]);
    case "classifier-export":
        return ClassifierExport.Run(args[1..]);
    case "cuda-parity":
        return EcgStream.Benchmarks.Cuda.CudaParityCheck.Run(args[1..]);
    case "peak":
        return EcgStream.Benchmarks.Peak.PeakBenchmark.Run(args[1..]);
    default:
        Console.Error.WriteLine($"error: unknown command '{args[0]}'.\n{Usage}");
        return 2;
}
