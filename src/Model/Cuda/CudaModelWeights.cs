using EcgStream.Model.Parameters;

namespace EcgStream.Model.Cuda;

/// <summary>
/// The autoencoder's parameters resident on the GPU, uploaded once: one cuDNN weight space per LSTM layer and the
/// output layer's weight [Features, Hidden] and bias [Features]. Read-only after construction, so every worker's
/// stream reads the same copy.
/// </summary>
internal sealed unsafe class CudaModelWeights : IDisposable
{
    // One weight space per LSTM layer, then the output layer's weight and bias; null past a failed upload (Dispose skips them).
    private readonly CudaMemory[] _layerSpaces;
    private readonly CudaMemory _outputWeight, _outputBias;

    /// <summary>Packs and uploads every tensor. <paramref name="layers"/> are encoder 1, encoder 2, decoder 1, decoder 2, as cuDNN describes them for <paramref name="handle"/>.</summary>
    public CudaModelWeights(CudaRuntimeApi runtime, nint handle, IReadOnlyList<CudnnLstm> layers, AutoencoderParameters parameters)
    {
        LstmParameters[] lstms = [parameters.Encoder1, parameters.Encoder2, parameters.Decoder1, parameters.Decoder2];
        _layerSpaces = new CudaMemory[layers.Count];
        LayerSpaceBytes = new nuint[layers.Count];
        try
        {
            for (int i = 0; i < layers.Count; i++)
            {
                LayerSpaceBytes[i] = layers[i].WeightSpaceBytes;
                var space = _layerSpaces[i] = CudaMemory.Device(runtime, layers[i].WeightSpaceBytes);
                Upload(runtime, space, layers[i].PackWeights(handle, lstms[i], space.Pointer));
            }
            _outputWeight = CudaMemory.Device(runtime, (nuint)(parameters.Output.Weight.Length * sizeof(float)));
            Upload(runtime, _outputWeight, parameters.Output.Weight);
            _outputBias = CudaMemory.Device(runtime, (nuint)(parameters.Output.Bias.Length * sizeof(float)));
            Upload(runtime, _outputBias, parameters.Output.Bias);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Bytes of each layer's weight space, for checking that another worker's descriptors agree.</summary>
    public nuint[] LayerSpaceBytes { get; }

    /// <summary>decoder.output_layer.weight on the device: [Features, Hidden] row-major.</summary>
    public float* OutputWeight => _outputWeight.Floats;

    /// <summary>decoder.output_layer.bias on the device: [Features].</summary>
    public float* OutputBias => _outputBias.Floats;

    /// <summary>The weight space of layer <paramref name="index"/> (0 encoder 1 … 3 decoder 2).</summary>
    public void* LayerSpace(int index) => _layerSpaces[index].Pointer;

    /// <summary>Frees the device memory.</summary>
    public void Dispose()
    {
        foreach (var space in _layerSpaces) space?.Dispose();
        _outputWeight?.Dispose();
        _outputBias?.Dispose();
    }

    /// <summary>Copies <paramref name="values"/> to the start of <paramref name="destination"/>.</summary>
    private static void Upload(CudaRuntimeApi runtime, CudaMemory destination, float[] values)
    {
        fixed (float* source = values)
            runtime.Check(runtime.Memcpy(destination.Pointer, source, (nuint)(values.Length * sizeof(float)), CudaRuntimeApi.HostToDevice), "cudaMemcpy");
    }
}
