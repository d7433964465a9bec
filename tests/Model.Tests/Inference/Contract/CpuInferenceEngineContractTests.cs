using EcgStream.Model.Inference;
using EcgStream.Model.Parameters;

namespace EcgStream.Model.Tests.Inference.Contract;

/// <summary>The engine contract for the LSTM autoencoder's CPU engine.</summary>
public sealed class CpuInferenceEngineContractTests : InferenceEngineContract
{
    protected override IInferenceEngine CreateEngine() =>
        new CpuInferenceEngine(AutoencoderParameters.Initialize(new AutoencoderShape(SequenceLength: 7, Features: 2, EmbeddingSize: 5, HiddenSize: 9), seed: 74), threads: 1);
}
