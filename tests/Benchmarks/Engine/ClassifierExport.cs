using EcgStream.Model.Classification;
using EcgStream.Model.Parameters;
using EcgStream.Model.Serialization;

namespace EcgStream.Benchmarks.Engine;

/// <summary>
/// `classifier-export --arch A --out DIR [--seed S] [--beats N]`: writes DIR/classifier-A.safetensors (ClassifierFile.Save of
/// weights initialised from the seed) and DIR/classifier-A.outputs.safetensors (N random beats, "input" [N, 140], and this
/// program's BeatClassifier probabilities, "probabilities" [N, 5]), for scripts/check_classifier_pytorch.py to load into
/// the PyTorch twin with load_state_dict(strict=True) and compare.
/// </summary>
internal static class ClassifierExport
{
    /// <summary>Runs the export; returns the process exit code.</summary>
    public static int Run(IReadOnlyList<string> args)
    {
        var architecture = ClassifierArchitecture.Conv1d;
        string? folder = null;
        int seed = 21, beats = 16;
        for (int i = 0; i + 1 < args.Count; i += 2)
        {
            string value = args[i + 1];
            bool ok = args[i] switch
            {
                "--arch" => ClassifierArchitectureNames.TryParse(value, out architecture),
                "--out" => (folder = value) is not null,
                "--seed" => int.TryParse(value, out seed),
                "--beats" => int.TryParse(value, out beats) && beats > 0,
                _ => false,
            };
            if (!ok)
            {
                Console.Error.WriteLine($"error: bad option {args[i]} {value}");
                return 2;
            }
        }
        if (folder is null)
        {
            Console.Error.WriteLine("error: --out DIR is required");
            return 2;
        }
        Directory.CreateDirectory(folder);
        var parameters = new ClassifierParameters(architecture);
        parameters.Initialise(seed);
        var model = new ClassifierModel(parameters, new ClassifierMetadata { ModelVersion = $"export-{ClassifierArchitectureNames.Name(architecture)}-{seed}" });
        string name = ClassifierArchitectureNames.Name(architecture);
        string modelPath = Path.Combine(folder, $"classifier-{name}.safetensors");
        ClassifierFile.Save(modelPath, model);

        var random = new Random(seed + 1);
        var input = new float[beats * parameters.SequenceLength];
        for (int i = 0; i < input.Length; i++) input[i] = (float)(random.NextDouble() * 4 - 2);
        var probabilities = new float[beats * parameters.ClassCount];
        using (var classifier = BeatClassifier.Create(model, threads: 1)) classifier.Classify(input, beats, probabilities);
        string outputsPath = Path.Combine(folder, $"classifier-{name}.outputs.safetensors");
        using (var stream = File.Create(outputsPath))
        {
            SafetensorsWriter.Write(stream,
                [new NamedTensor("input", [beats, parameters.SequenceLength], input), new NamedTensor("probabilities", [beats, parameters.ClassCount], probabilities)],
                new Dictionary<string, string> { ["architecture"] = name, ["seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        Console.WriteLine($"{modelPath}\n{outputsPath}");
        return 0;
    }
}
