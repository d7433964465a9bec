using System.Globalization;
using EcgStream.Model;
using EcgStream.Model.Cuda;
using EcgStream.Model.Inference;
using EcgStream.Model.Parameters;

namespace EcgStream.Benchmarks.Cuda;

/// <summary>
/// `cuda-parity [--beats N] [--seed S] [--rnn auto|standard|persist-static|small-h]`: scores the same random beats with the CPU engine and the CUDA engine (TF32 off,
/// then on) on the same random weights of the ECG5000 model's size, for every error metric, and prints the largest and
/// mean relative difference of the per-beat errors and the largest difference of the reconstructions. The last line is
/// `parity_ok=true|false`: true when every TF32-off error is within 1e-4 relative of the CPU engine's.
/// </summary>
internal static class CudaParityCheck
{
    /// <summary>The acceptance bound on |gpu − cpu| / |cpu| for a beat's error with TF32 off.</summary>
    public const double Tolerance = 1e-4;

    /// <summary>Runs the check; returns the process exit code (0 pass, 1 fail, 2 bad arguments).</summary>
    public static int Run(IReadOnlyList<string> args)
    {
        int beats = 512, seed = 20240601;
        CudaRnnAlgorithm? algorithm = CudaRnnAlgorithm.Standard;
        for (int i = 0; i < args.Count; i += 2)
        {
            string? value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--beats" when int.TryParse(value, out int n) && n is >= 1 and <= 65536: beats = n; break;
                case "--seed" when int.TryParse(value, out int s): seed = s; break;
                case "--rnn" when CudaRnnAlgorithmNames.TryParse(value, out var a): algorithm = a; break;
                default:
                    Console.Error.WriteLine($"error: cuda-parity takes --beats N (1..65536), --seed S and --rnn {CudaRnnAlgorithmNames.Choices}; got '{args[i]} {value}'.");
                    return 2;
            }
        }

        var shape = AutoencoderShape.Ecg5000;
        var parameters = AutoencoderParameters.Initialize(shape, seed);
        var random = new Random(seed + 1);
        var input = new float[beats * shape.BeatLength];
        for (int i = 0; i < input.Length; i++) input[i] = (float)(random.NextDouble() * 4 - 2);

        using var cpu = new CpuInferenceEngine(parameters);
        bool ok = true;
        foreach (bool tf32 in new[] { false, true })
        {
            CudaInferenceEngine gpu;
            try
            {
                gpu = new CudaInferenceEngine(parameters, new CudaEngineOptions { AllowTf32 = tf32, Algorithm = algorithm });
            }
            catch (CudaException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
            using var _ = gpu;
            if (!tf32) Console.WriteLine($"cuda-parity: {gpu.Device} {gpu.DeviceName} vs cpu ({cpu.Threads} threads); {beats} beats, seed {seed}, rnn {CudaRnnAlgorithmNames.Name(algorithm)}; {gpu.Libraries}");
            foreach (var metric in Enum.GetValues<ErrorMetric>())
            {
                var expected = new float[beats];
                var actual = new float[beats];
                var expectedReconstruction = new float[input.Length];
                var actualReconstruction = new float[input.Length];
                cpu.Score(input, beats, metric, expected, expectedReconstruction);
                gpu.Score(input, beats, metric, actual, actualReconstruction);

                double maxRelative = 0, sumRelative = 0, maxReconstruction = 0;
                for (int i = 0; i < beats; i++)
                {
                    double relative = Math.Abs(actual[i] - expected[i]) / Math.Abs(expected[i]);
                    if (!(relative <= maxRelative)) maxRelative = relative;   // NaN propagates as a failure
                    sumRelative += relative;
                }
                for (int i = 0; i < input.Length; i++) maxReconstruction = Math.Max(maxReconstruction, Math.Abs(actualReconstruction[i] - expectedReconstruction[i]));
                if (!tf32 && !(maxRelative <= Tolerance)) ok = false;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"metric={metric} tf32={(tf32 ? "on" : "off")} max_rel={maxRelative:E2} mean_rel={sumRelative / beats:E2} reconstruction_max_abs={maxReconstruction:E2}"));
            }
        }
        Console.WriteLine($"parity_ok={(ok ? "true" : "false")}");
        return ok ? 0 : 1;
    }
}
