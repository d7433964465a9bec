using EcgStream.Model.Classification;
using EcgStream.Model.Kernels;
using EcgStream.Model.Tests.Inference;

namespace EcgStream.Model.Tests.Classification;

public sealed class ClassifierNetworkAllocationTests
{
    [Theory]
    [MemberData(nameof(ClassifierTestData.Architectures), MemberType = typeof(ClassifierTestData))]
    public void ClassifierNetwork_ForwardAndBackward_AllocateNothing_AfterWarmUp(ClassifierArchitecture architecture)
    {
        const int batch = 16;
        var parameters = ClassifierTestData.Parameters(architecture, seed: 31);
        var gradients = new ClassifierParameters(architecture);
        var network = new ClassifierNetwork(parameters, batch, dropout: 0.3f, VectorMath.PreferredWidth);
        var beats = ClassifierTestData.Beats(batch, 140, seed: 32);
        var labels = ClassifierTestData.Labels(batch, 5, seed: 33);
        float[] weights = [1f, 2f, 1f, 3f, 1f];
        void Step()
        {
            network.Forward(beats, batch, training: true, refreshWeights: true, dropoutKey: 7, firstSample: 0);
            network.LossSum(labels, weights);
            network.Backward(labels, weights, 1f / 30f, gradients);
        }
        Step();

        // One shard's training step on this thread: the layers' buffers and the product's packing buffer are reused.
        long quietest = CpuInferenceEngineAllocationTests.QuietestWindow(GC.GetAllocatedBytesForCurrentThread, callsPerWindow: 2, Step);

        Assert.Equal(0, quietest);
    }
}
