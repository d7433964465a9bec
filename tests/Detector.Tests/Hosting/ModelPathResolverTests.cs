using EcgStream.Detector.Hosting;

namespace EcgStream.Detector.Tests.Hosting;

public sealed class ModelPathResolverTests
{
    [Fact]
    public void Resolve_FindsTheShippedModel_AboveTheBinary()
    {
        // The test binary lives in tests/Detector.Tests/bin/...; the shipped model at the repository root.
        string resolved = ModelPathResolver.Resolve("models/ecg5000.safetensors");

        Assert.True(File.Exists(resolved), $"resolved to '{resolved}'");
        Assert.True(Path.IsPathRooted(resolved) || File.Exists(Path.Combine(Environment.CurrentDirectory, resolved)));
    }

    [Fact]
    public void Resolve_LeavesAPathUnchanged_WhenNothingMatches()
    {
        Assert.Equal("models/no-such-model.safetensors", ModelPathResolver.Resolve("models/no-such-model.safetensors"));
    }

    [Fact]
    public void Resolve_LeavesAnAbsolutePathUnchanged_EvenWhenMissing()
    {
        Assert.Equal("/no/such/model.safetensors", ModelPathResolver.Resolve("/no/such/model.safetensors"));
    }
}
