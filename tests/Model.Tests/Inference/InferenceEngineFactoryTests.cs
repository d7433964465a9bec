using EcgStream.Model;
using EcgStream.Model.Cuda;
using EcgStream.Model.Inference;
using EcgStream.Model.Parameters;

namespace EcgStream.Model.Tests.Inference;

public sealed class InferenceEngineFactoryTests
{
    // Sonames no machine has, so these tests behave the same with or without a GPU.
    private static readonly CudaLibraryNames Missing = new(["libcudart.so.999"], ["libcublas.so.999"], ["libcudnn.so.999"]);

    private static readonly AutoencoderShape Small = new(SequenceLength: 12, Features: 1, EmbeddingSize: 4, HiddenSize: 8);

    [Theory]
    [InlineData("auto", EngineDevice.Auto)]
    [InlineData("cpu", EngineDevice.Cpu)]
    [InlineData("cuda", EngineDevice.Cuda)]
    [InlineData("CUDA", EngineDevice.Cuda)]
    public void ParseDevice_ReturnsDevice_ForKnownNames(string text, EngineDevice expected)
    {
        var device = InferenceEngineFactory.ParseDevice(text);

        Assert.Equal(expected, device);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("")]
    [InlineData("1")]
    [InlineData(" cpu")]
    [InlineData("cuda:0")]
    public void ParseDevice_Throws_ForUnknownNames(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => InferenceEngineFactory.ParseDevice(text));

        Assert.Contains("auto|cpu|cuda", e.Message);
        Assert.Contains($"'{text}'", e.Message);
    }

    [Fact]
    public void Create_FallsBackToCpu_WhenAutoAndCudaLibrariesAreMissing()
    {
        var parameters = AutoencoderParameters.Initialize(Small, seed: 7);

        var (engine, reason) = InferenceEngineFactory.Create(EngineDevice.Auto, parameters, threads: 1, new CudaEngineOptions { LibraryNames = Missing });

        using (engine)
        {
            Assert.IsType<CpuInferenceEngine>(engine);
            Assert.Equal("cpu", engine.Device);
            Assert.Contains("CUDA not used", reason);
            Assert.Contains("libcudart.so.999", reason);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData(CudaRnnAlgorithm.PersistStaticSmallH)]
    public void Create_FallsBackToCpu_WhenAutoWithRnnChoiceAndGraphsAndCudaLibrariesAreMissing(CudaRnnAlgorithm? algorithm)
    {
        var parameters = AutoencoderParameters.Initialize(Small, seed: 7);
        var log = new List<string>();
        var options = new CudaEngineOptions { LibraryNames = Missing, Algorithm = algorithm, CudaGraphs = true, Log = log.Add };

        var (engine, reason) = InferenceEngineFactory.Create(EngineDevice.Auto, parameters, threads: 1, options);

        using (engine)
        {
            Assert.IsType<CpuInferenceEngine>(engine);
            Assert.Contains("CUDA not used", reason);
            Assert.Empty(log);   // nothing measured, nothing about graphs: the CUDA engine never started
        }
    }

    [Fact]
    public void Create_ReturnsEngineThatScoresLikeCpuEngine_WhenAutoFallsBack()
    {
        var parameters = AutoencoderParameters.Initialize(Small, seed: 11);
        float[] beats = RandomBeats(Small, count: 5, seed: 3);
        var expected = new float[5];
        var actual = new float[5];
        using (var cpu = new CpuInferenceEngine(parameters, threads: 1)) cpu.Score(beats, 5, ErrorMetric.MeanAbsolute, expected);

        var (engine, _) = InferenceEngineFactory.Create(EngineDevice.Auto, parameters, threads: 1, new CudaEngineOptions { LibraryNames = Missing });
        using (engine) engine.Score(beats, 5, ErrorMetric.MeanAbsolute, actual);

        Assert.Equal(expected, actual);
        Assert.All(actual, e => Assert.True(float.IsFinite(e) && e > 0));
    }

    [Fact]
    public void Create_Throws_WhenCudaIsRequestedAndLibrariesAreMissing()
    {
        var parameters = AutoencoderParameters.Initialize(Small, seed: 7);

        var e = Assert.Throws<CudaException>(() =>
            InferenceEngineFactory.Create(EngineDevice.Cuda, parameters, threads: 1, new CudaEngineOptions { LibraryNames = Missing }));

        Assert.StartsWith("--device cuda: CUDA is not available", e.Message);
        Assert.Contains("libcudart.so.999", e.Message);
        Assert.Contains("LD_LIBRARY_PATH", e.Message);
    }

    [Fact]
    public void Create_Throws_WhenCudaIsRequestedWithAutoRnnAndLibrariesAreMissing()
    {
        var parameters = AutoencoderParameters.Initialize(Small, seed: 7);
        var options = new CudaEngineOptions { LibraryNames = Missing, Algorithm = null, CudaGraphs = true, Log = _ => { } };

        var e = Assert.Throws<CudaException>(() => InferenceEngineFactory.Create(EngineDevice.Cuda, parameters, threads: 1, options));

        Assert.StartsWith("--device cuda: CUDA is not available", e.Message);
        Assert.Null(e.CudnnStatus);
    }

    [Fact]
    public void Create_ReturnsCpuEngine_WhenCpuIsRequested()
    {
        var parameters = AutoencoderParameters.Initialize(Small, seed: 7);

        var (engine, reason) = InferenceEngineFactory.Create(EngineDevice.Cpu, parameters, threads: 2);

        using (engine)
        {
            Assert.IsType<CpuInferenceEngine>(engine);
            Assert.Contains("--device cpu", reason);
            Assert.Contains("2 threads", reason);
        }
    }

    [Fact]
    public void CudaEngine_Throws_WhenCudaLibrariesAreMissing()
    {
        var parameters = AutoencoderParameters.Initialize(Small, seed: 7);

        var e = Assert.Throws<CudaException>(() => new CudaInferenceEngine(parameters, new CudaEngineOptions { LibraryNames = Missing }));

        Assert.Contains("CUDA runtime library not found: tried libcudart.so.999", e.Message);
    }

    internal static float[] RandomBeats(AutoencoderShape shape, int count, int seed)
    {
        var random = new Random(seed);
        var beats = new float[count * shape.BeatLength];
        for (int i = 0; i < beats.Length; i++) beats[i] = (float)(random.NextDouble() * 4 - 2);
        return beats;
    }
}
