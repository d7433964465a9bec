using EcgStream.Model.Cuda;

namespace EcgStream.Model.Tests.Cuda;

public sealed class CudaRnnAlgorithmNamesTests
{
    [Theory]
    [InlineData("standard", CudaRnnAlgorithm.Standard)]
    [InlineData("persist-static", CudaRnnAlgorithm.PersistStatic)]
    [InlineData("small-h", CudaRnnAlgorithm.PersistStaticSmallH)]
    public void TryParse_ReturnsAlgorithm_ForItsName(string name, CudaRnnAlgorithm expected)
    {
        bool parsed = CudaRnnAlgorithmNames.TryParse(name, out var algorithm);

        Assert.True(parsed);
        Assert.Equal(expected, algorithm);
    }

    [Fact]
    public void TryParse_ReturnsNull_ForAuto()
    {
        bool parsed = CudaRnnAlgorithmNames.TryParse("auto", out var algorithm);

        Assert.True(parsed);
        Assert.Null(algorithm);
    }

    [Theory]
    [InlineData("Standard")]
    [InlineData("persist_static")]
    [InlineData("persist-dynamic")]
    [InlineData("small_h")]
    [InlineData("3")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_Rejects_UnknownNames(string? name)
    {
        bool parsed = CudaRnnAlgorithmNames.TryParse(name, out _);

        Assert.False(parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(CudaRnnAlgorithm.Standard)]
    [InlineData(CudaRnnAlgorithm.PersistStatic)]
    [InlineData(CudaRnnAlgorithm.PersistStaticSmallH)]
    public void Name_RoundTrips_ThroughTryParse(CudaRnnAlgorithm? algorithm)
    {
        string name = CudaRnnAlgorithmNames.Name(algorithm);

        Assert.True(CudaRnnAlgorithmNames.TryParse(name, out var parsed));
        Assert.Equal(algorithm, parsed);
        Assert.Contains(name, CudaRnnAlgorithmNames.Choices.Split('|'));
    }

    [Fact]
    public void CudaRnnAlgorithm_HasCudnnEnumValues()
    {
        // cudnnRNNAlgo_t: STANDARD 0, PERSIST_STATIC 1, PERSIST_DYNAMIC 2 (not used), PERSIST_STATIC_SMALL_H 3.
        Assert.Equal(0, (int)CudaRnnAlgorithm.Standard);
        Assert.Equal(1, (int)CudaRnnAlgorithm.PersistStatic);
        Assert.Equal(3, (int)CudaRnnAlgorithm.PersistStaticSmallH);
    }
}
