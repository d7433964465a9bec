using EcgStream.Model.Cuda;

namespace EcgStream.Model.Tests.Cuda;

public sealed class RnnAlgorithmFallbackTests
{
    [Theory]
    [InlineData(9, true)]       // cuDNN 8 CUDNN_STATUS_NOT_SUPPORTED
    [InlineData(3000, true)]    // cuDNN 9 CUDNN_STATUS_NOT_SUPPORTED
    [InlineData(3002, true)]    // cuDNN 9 CUDNN_STATUS_NOT_SUPPORTED_SHAPE
    [InlineData(3999, true)]
    [InlineData(0, false)]      // success
    [InlineData(2000, false)]   // cuDNN 9 CUDNN_STATUS_BAD_PARAM
    [InlineData(4000, false)]   // cuDNN 9 CUDNN_STATUS_INTERNAL_ERROR
    [InlineData(5000, false)]   // cuDNN 9 CUDNN_STATUS_EXECUTION_FAILED
    [InlineData(3, false)]      // cuDNN 8 CUDNN_STATUS_BAD_PARAM
    public void IsNotSupported_MatchesCudnn8And9NotSupportedStatuses(int status, bool expected)
    {
        Assert.Equal(expected, RnnAlgorithmFallback.IsNotSupported(status));
    }

    [Theory]
    [InlineData(CudaRnnAlgorithm.PersistStatic)]
    [InlineData(CudaRnnAlgorithm.PersistStaticSmallH)]
    public void ShouldFallBack_IsTrue_WhenCudnnRefusesAPersistentAlgorithm(CudaRnnAlgorithm algorithm)
    {
        var failure = new CudaException("cudnnRNNForward (layer 1) failed: CUDNN_STATUS_NOT_SUPPORTED (cudnnStatus 3000)", 3000);

        Assert.True(RnnAlgorithmFallback.ShouldFallBack(algorithm, failure));
    }

    [Fact]
    public void ShouldFallBack_IsFalse_ForStandard()
    {
        var failure = new CudaException("cudnnRNNForward (layer 1) failed (cudnnStatus 3000)", 3000);

        Assert.False(RnnAlgorithmFallback.ShouldFallBack(CudaRnnAlgorithm.Standard, failure));
    }

    [Fact]
    public void ShouldFallBack_IsFalse_ForOtherFailures()
    {
        var badParam = new CudaException("cudnnRNNForward (layer 1) failed (cudnnStatus 2000)", 2000);
        var notCudnn = new CudaException("cudaMalloc failed: out of memory");

        Assert.False(RnnAlgorithmFallback.ShouldFallBack(CudaRnnAlgorithm.PersistStaticSmallH, badParam));
        Assert.False(RnnAlgorithmFallback.ShouldFallBack(CudaRnnAlgorithm.PersistStaticSmallH, notCudnn));
    }

    [Fact]
    public void ShouldFallBack_SeesStatus_ThroughAWrappingException()
    {
        var inner = new CudaException("cudnnSetRNNDescriptor_v8 (small-h) failed (cudnnStatus 3000)", 3000);
        var wrapped = new CudaException($"--device cuda: {inner.Message}", inner);

        Assert.True(RnnAlgorithmFallback.ShouldFallBack(CudaRnnAlgorithm.PersistStaticSmallH, wrapped));
    }

    [Fact]
    public void LogLine_NamesAlgorithmBatchCauseAndStandard()
    {
        var failure = new CudaException("cudnnRNNForward (layer 2) failed: CUDNN_STATUS_NOT_SUPPORTED (cudnnStatus 3000)", 3000);

        string line = RnnAlgorithmFallback.LogLine(CudaRnnAlgorithm.PersistStaticSmallH, 8192, failure);

        Assert.Equal("rnn small-h not supported by cuDNN at batch 8192 (cudnnRNNForward (layer 2) failed: CUDNN_STATUS_NOT_SUPPORTED (cudnnStatus 3000)); using standard", line);
        Assert.DoesNotContain('\n', line);
    }
}
