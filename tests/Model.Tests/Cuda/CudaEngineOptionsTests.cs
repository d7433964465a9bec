using EcgStream.Model.Cuda;

namespace EcgStream.Model.Tests.Cuda;

public sealed class CudaEngineOptionsTests
{
    [Fact]
    public void CudaEngineOptions_DefaultsToStandardWithoutGraphs()
    {
        var options = new CudaEngineOptions();

        Assert.Equal(CudaRnnAlgorithm.Standard, options.Algorithm);
        Assert.False(options.CudaGraphs);
        Assert.NotNull(options.Log);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(CudaRnnAlgorithm.PersistStatic)]
    [InlineData(CudaRnnAlgorithm.PersistStaticSmallH)]
    public void Validate_Accepts_AutoAndEveryAlgorithm(CudaRnnAlgorithm? algorithm)
    {
        var options = new CudaEngineOptions { Algorithm = algorithm, CudaGraphs = true };

        options.Validate();
    }

    [Fact]
    public void Validate_Rejects_PersistDynamic()
    {
        // cudnnRNNAlgo_t 2 (PERSIST_DYNAMIC) needs a plan per batch size; the engine does not offer it.
        var options = new CudaEngineOptions { Algorithm = (CudaRnnAlgorithm)2 };

        var e = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(nameof(CudaEngineOptions.Algorithm), e.ParamName);
    }

    [Fact]
    public void Validate_Rejects_NullLog()
    {
        var options = new CudaEngineOptions { Log = null! };

        Assert.Throws<ArgumentNullException>(options.Validate);
    }
}
