using EcgStream.Model.Inference;
using EcgStream.Model.Parameters;

namespace EcgStream.Model.Tests.Inference.Contract;

/// <summary>The engine contract for the dense autoencoder's CPU engine.</summary>
public sealed class DenseCpuInferenceEngineContractTests : InferenceEngineContract
{
    protected override IInferenceEngine CreateEngine() =>
        new DenseCpuInferenceEngine(DenseAutoencoderParameters.Initialize(DenseAutoencoderParameters.Ecg5000Sizes, seed: 75), threads: 1);
}
