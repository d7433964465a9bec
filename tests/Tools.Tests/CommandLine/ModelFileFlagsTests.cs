using EcgStream.Detector.Scoring;
using EcgStream.Tools.CommandLine;

namespace EcgStream.Tools.Tests.CommandLine;

public sealed class ModelFileFlagsTests
{
    [Fact]
    public void Model_FindsTheShippedModel_AsAFullPath()
    {
        string path = ModelFileFlags.Model("models/ecg5000.safetensors");

        Assert.True(Path.IsPathRooted(path) && File.Exists(path), path);
    }

    [Fact]
    public void Model_NamesTheMissingFile()
    {
        var error = Assert.Throws<CommandLineException>(() => ModelFileFlags.Model("no/such/model.safetensors"));

        Assert.StartsWith("model file 'no/such/model.safetensors' does not exist", error.Message);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("")]
    public void Classifier_IsEmpty_WhenNoneIsAsked(string value)
    {
        Assert.Equal("", ModelFileFlags.Classifier(value));
    }

    [Fact]
    public void Classifier_FindsTheShippedClassifier_AsAFullPath()
    {
        string path = ModelFileFlags.Classifier(EngineOptions.ShippedClassifierPath);

        Assert.True(Path.IsPathRooted(path) && File.Exists(path), path);
    }
}
