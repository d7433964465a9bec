using System.Globalization;
using EcgStream.Beats.Ecg5000;
using EcgStream.Beats.Synthetic;

namespace EcgStream.Ingest.Tests;

/// <summary>A temporary folder holding ECG5000-format files made of synthetic beats: row i has class (i mod 5) + 1.</summary>
public sealed class TemporaryEcg5000 : IDisposable
{
    private TemporaryEcg5000(string directory) => Directory = directory;

    /// <summary>The folder, with ECG5000_TRAIN.txt and ECG5000_TEST.txt.</summary>
    public string Directory { get; }

    /// <summary>Writes <paramref name="rows"/> rows to the test file (and one to the train file).</summary>
    public static TemporaryEcg5000 Create(int rows)
    {
        string directory = Path.Combine(Path.GetTempPath(), $"ecgstream-ecg5000-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(directory);
        var generator = new SyntheticBeatGenerator(seed: 77);
        File.WriteAllLines(Path.Combine(directory, "ECG5000_TEST.txt"), Enumerable.Range(0, rows).Select(i => Row((BeatClass)(i % 5 + 1), generator)));
        File.WriteAllLines(Path.Combine(directory, "ECG5000_TRAIN.txt"), [Row(BeatClass.Normal, generator)]);
        return new TemporaryEcg5000(directory);
    }

    /// <inheritdoc/>
    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static string Row(BeatClass beatClass, SyntheticBeatGenerator generator) =>
        string.Join("  ", generator.Generate(beatClass).Select(v => v.ToString("e7", CultureInfo.InvariantCulture))
            .Prepend(((double)(int)beatClass).ToString("e7", CultureInfo.InvariantCulture)));
}
