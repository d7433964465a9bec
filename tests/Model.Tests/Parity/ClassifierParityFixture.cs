using EcgStream.Model.Classification;
using EcgStream.Model.Serialization;
using Xunit.Abstractions;

namespace EcgStream.Model.Tests.Parity;

/// <summary>The beat classifier's PyTorch fixtures in tests/Parity (scripts/make_classifier_parity_fixtures.py); see tests/Parity/README.md.</summary>
internal sealed class ClassifierParityFixture
{
    private readonly SafetensorsContent _content;

    private ClassifierParityFixture(string file)
    {
        _content = SafetensorsReader.Read(ParityFixture.PathOf(file));
    }

    /// <summary>The per-layer cases.</summary>
    public static ClassifierParityFixture Layers() => new("classifier_layers.safetensors");

    /// <summary>The end-to-end fixture of <paramref name="architecture"/>.</summary>
    public static ClassifierParityFixture Of(ClassifierArchitecture architecture) =>
        new($"classifier_{ClassifierArchitectureNames.Name(architecture)}.safetensors");

    public IReadOnlyDictionary<string, string> Metadata => _content.Metadata;

    public float[] Tensor(string name) => _content.Tensors[name].ToSingles();

    public int[] Labels(string name) => Tensor(name).Select(v => (int)v).ToArray();

    public long[] Shape(string name) => _content.Tensors[name].Shape;

    /// <summary>The weights rebuilt from their I8 codes, float32(q)·scale, for a network over <paramref name="sequenceLength"/> samples.</summary>
    public ClassifierParameters Parameters(ClassifierArchitecture architecture, int sequenceLength)
    {
        var parameters = new ClassifierParameters(architecture, sequenceLength);
        ParityFixture.CopyStored(_content, "param", parameters.Tensors());
        return parameters;
    }

    /// <summary>Asserts ‖actual − expected‖ / ‖expected‖ ≤ <paramref name="tolerance"/>, naming the tensor; writes the error to <paramref name="output"/> when given.</summary>
    public static void AssertClose(string what, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double tolerance, ITestOutputHelper? output = null)
    {
        double error = ParityFixture.RelativeError(actual, expected);
        output?.WriteLine($"{what}: relative error {error:E2} (tolerance {tolerance:E0})");
        Assert.True(error <= tolerance, $"{what}: relative error {error:E2} > {tolerance:E0}");
    }
}
