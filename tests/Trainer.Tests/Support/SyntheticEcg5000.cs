using System.Globalization;
using System.Text;
using EcgStream.Beats.Ecg5000;

namespace EcgStream.Trainer.Tests.Support;

/// <summary>
/// Small ECG5000-shaped data sets for tests: 140-sample beats whose shape depends on the class (a bump whose position
/// moves with the class, plus seeded noise), written in the UCR .txt or the 2018 .tsv format.
/// </summary>
public static class SyntheticEcg5000
{
    /// <summary>Samples per beat, as in ECG5000.</summary>
    public const int Samples = 140;

    /// <summary>Beats of each class 1..5 in the TRAIN file of <see cref="WriteFiles"/>'s default data set.</summary>
    public static readonly int[] DefaultTrainCounts = [40, 6, 4, 3, 1];

    /// <summary>Beats of each class 1..5 in the TEST file of <see cref="WriteFiles"/>'s default data set.</summary>
    public static readonly int[] DefaultTestCounts = [40, 6, 5, 3, 2];

    /// <summary>Labelled beats with <paramref name="counts"/>[c-1] beats of class c, classes interleaved, named as rows of <paramref name="fileName"/>.</summary>
    public static List<LabeledBeat> Beats(int[] counts, string fileName, int seed)
    {
        var random = new Random(seed);
        var classes = new List<BeatClass>();
        for (int c = 0; c < counts.Length; c++) classes.AddRange(Enumerable.Repeat((BeatClass)(c + 1), counts[c]));
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(classes));
        return classes.Select((beatClass, row) => new LabeledBeat(beatClass, Shape(beatClass, random), fileName, row)).ToList();
    }

    /// <summary>Writes ECG5000_TRAIN and ECG5000_TEST with the given class counts into <paramref name="folder"/>; returns the folder.</summary>
    public static string WriteFiles(string folder, string extension = "txt", int[]? trainCounts = null, int[]? testCounts = null)
    {
        Directory.CreateDirectory(folder);
        Write(Path.Combine(folder, $"ECG5000_TRAIN.{extension}"), Beats(trainCounts ?? DefaultTrainCounts, $"ECG5000_TRAIN.{extension}", seed: 11));
        Write(Path.Combine(folder, $"ECG5000_TEST.{extension}"), Beats(testCounts ?? DefaultTestCounts, $"ECG5000_TEST.{extension}", seed: 12));
        return folder;
    }

    /// <summary>Writes <paramref name="beats"/> in the UCR layout: .tsv tab-separated, anything else as the .txt's padded floats.</summary>
    public static void Write(string path, IEnumerable<LabeledBeat> beats)
    {
        bool tsv = path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase);
        var text = new StringBuilder();
        foreach (var beat in beats)
        {
            var fields = new[] { tsv ? ((int)beat.Class).ToString(CultureInfo.InvariantCulture) : Txt((int)beat.Class) }
                .Concat(beat.Samples.Select(s => tsv ? s.ToString("R", CultureInfo.InvariantCulture) : Txt(s)));
            text.Append(tsv ? string.Join('\t', fields) : "  " + string.Join("  ", fields)).Append('\n');
        }
        File.WriteAllText(path, text.ToString());
    }

    // The UCR .txt writes every value as "  1.0000000e+00"; the reader must take the class in that float form.
    private static string Txt(double value) => value.ToString("0.0000000e+00", CultureInfo.InvariantCulture);

    private static float[] Shape(BeatClass beatClass, Random random)
    {
        double centre = 30 + 20 * ((int)beatClass - 1);
        double height = beatClass == BeatClass.Normal ? 3 : 2 + 0.5 * (int)beatClass;
        var samples = new float[Samples];
        for (int t = 0; t < Samples; t++)
        {
            double bump = height * Math.Exp(-Math.Pow((t - centre) / 6.0, 2));
            samples[t] = (float)(bump - 0.5 + 0.05 * (random.NextDouble() - 0.5));
        }
        return samples;
    }
}
