using EcgStream.Model.Cuda;
using EcgStream.Model.Inference;
using EcgStream.Model.Parameters;
using EcgStream.Model.Tests.Inference.Contract;

namespace EcgStream.Model.Tests.Cuda;

/// <summary>The engine contract for the CUDA engine; skipped, as every CUDA test, where no GPU answers.</summary>
[ContractCondition(typeof(CudaFactAttribute))]
public sealed class CudaInferenceEngineContractTests : InferenceEngineContract
{
    protected override IInferenceEngine CreateEngine() => new CudaInferenceEngine(AutoencoderParameters.Initialize(AutoencoderShape.Ecg5000, seed: 76));

    // cuDNN may pick another algorithm for another batch size, so a beat's error may differ in the last float32 digits.
    protected override double BatchTolerance => 1e-5;
}
