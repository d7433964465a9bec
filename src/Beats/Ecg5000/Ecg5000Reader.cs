using System.Globalization;

namespace EcgStream.Beats.Ecg5000;

/// <summary>
/// Reads ECG5000 in the UCR archive's formats: one beat per line, the class first (as a float, "1.0000000e+00"),
/// then the samples; whitespace-separated (.txt) or tab-separated (.tsv of the 2018 archive).
/// </summary>
public static class Ecg5000Reader
{
    /// <summary>File names looked for in a data directory, in order of preference.</summary>
    public static readonly (string Train, string Test)[] KnownFileNames =
    [
        ("ECG5000_TRAIN.txt", "ECG5000_TEST.txt"),
        ("ECG5000_TRAIN.tsv", "ECG5000_TEST.tsv"),
    ];

    /// <summary>
    /// Finds the train and test files in <paramref name="directory"/>; throws <see cref="Ecg5000FormatException"/>
    /// naming what is missing.
    /// </summary>
    public static (string TrainPath, string TestPath) Locate(string directory)
    {
        if (!Directory.Exists(directory))
            throw new Ecg5000FormatException($"Data directory '{directory}' does not exist. Get ECG5000 from the UCR archive and pass its folder.");
        foreach (var (train, test) in KnownFileNames)
        {
            string trainPath = Path.Combine(directory, train), testPath = Path.Combine(directory, test);
            if (File.Exists(trainPath) && File.Exists(testPath)) return (trainPath, testPath);
            if (File.Exists(trainPath)) throw new Ecg5000FormatException($"'{testPath}' is missing (found '{trainPath}').");
            if (File.Exists(testPath)) throw new Ecg5000FormatException($"'{trainPath}' is missing (found '{testPath}').");
        }
        throw new Ecg5000FormatException(
            $"No ECG5000 files in '{directory}': expected ECG5000_TRAIN.txt and ECG5000_TEST.txt (or the .tsv pair).");
    }

    /// <summary>
    /// Reads every row of <paramref name="path"/>. Each row must hold a class 1..5 and exactly
    /// <paramref name="samplesPerBeat"/> finite samples; the first bad row throws <see cref="Ecg5000FormatException"/>
    /// with file, line and reason.
    /// </summary>
    public static IReadOnlyList<LabeledBeat> Read(string path, int samplesPerBeat = 140)
    {
        if (!File.Exists(path)) throw new Ecg5000FormatException($"Data file '{path}' does not exist.");
        string name = Path.GetFileName(path);
        var beats = new List<LabeledBeat>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            beats.Add(ParseRow(line, samplesPerBeat, name, lineNumber, beats.Count));
        }
        if (beats.Count == 0) throw new Ecg5000FormatException($"{name}: the file holds no beats.");
        return beats;
    }

    private static LabeledBeat ParseRow(string line, int samplesPerBeat, string name, int lineNumber, int row)
    {
        var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != samplesPerBeat + 1)
            throw new Ecg5000FormatException(
                $"{name}:{lineNumber}: expected {samplesPerBeat + 1} columns (class + {samplesPerBeat} samples), found {fields.Length}.");

        if (!double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double label)
            || label != Math.Round(label) || label < 1 || label > 5)
            throw new Ecg5000FormatException($"{name}:{lineNumber}: unknown label '{fields[0]}' (expected a class 1..5).");

        var samples = new float[samplesPerBeat];
        for (int i = 0; i < samplesPerBeat; i++)
        {
            if (!float.TryParse(fields[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
                throw new Ecg5000FormatException($"{name}:{lineNumber}: column {i + 2} '{fields[i + 1]}' is not a number.");
            if (!float.IsFinite(value))
                throw new Ecg5000FormatException($"{name}:{lineNumber}: column {i + 2} is {fields[i + 1]} (samples must be finite).");
            samples[i] = value;
        }
        return new LabeledBeat((BeatClass)(int)label, samples, name, row);
    }
}
