using EcgStream.Model.Parameters;

namespace EcgStream.Model.Cuda;

/// <summary>
/// The autoencoder's parameters resident on the GPU, uploaded once: one cuDNN weight space per LSTM layer and the
/// output layer's weight [Features, Hidden] and bias [Features]. Read-only after construction, so every worker's
/// stream reads the same copy.
/// </summary>
internal sealed unsafe class CudaModelWeights : IDisposable
{
    private readonly CudaRuntimeApi _runtime;
    private readonly void*[] _layerSpaces;

    /// <summary>Packs and uploads every tensor. <paramref name="layers"/> are encoder 1, encoder 2, decoder 1, decoder 2, as cuDNN describes them for <paramref name="handle"/>.</summary>
    public CudaModelWeights(CudaRuntimeApi runtime, nint handle, IReadOnlyList<CudnnLstm> layers, AutoencoderParameters parameters)
    {
        _runtime = runtime;
        LstmParameters[] lstms = [parameters.Encoder1, parameters.Encoder2, parameters.Decoder1, parameters.Decoder2];
        _layerSpaces = new void*[layers.Count];
        LayerSpaceBytes = new nuint[layers.Count];
        try
        {
            for (int i = 0; i < layers.Count; i++)
            {
                LayerSpaceBytes[i] = layers[i].WeightSpaceBytes;
                _layerSpaces[i] = Allocate(layers[i].WeightSpaceBytes);
                Upload(_layerSpaces[i], layers[i].PackWeights(handle, lstms[i], _layerSpaces[i]));
            }
            OutputWeight = (float*)Allocate((nuint)(parameters.Output.Weight.Length * sizeof(float)));
            Upload(OutputWeight, parameters.Output.Weight);
            OutputBias = (float*)Allocate((nuint)(parameters.Output.Bias.Length * sizeof(float)));
            Upload(OutputBias, parameters.Output.Bias);
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
    public float* OutputWeight { get; }

    /// <summary>decoder.output_layer.bias on the device: [Features].</summary>
    public float* OutputBias { get; }

    /// <summary>The weight space of layer <paramref name="index"/> (0 encoder 1 … 3 decoder 2).</summary>
    public void* LayerSpace(int index) => _layerSpaces[index];

    /// <summary>Frees the device memory.</summary>
    public void Dispose()
    {
        foreach (void* space in _layerSpaces) if (space is not null) _runtime.Free(space);
        if (OutputWeight is not null) _runtime.Free(OutputWeight);
        if (OutputBias is not null) _runtime.Free(OutputBias);
    }

    private void* Allocate(nuint bytes)
    {
        void* pointer;
        _runtime.Check(_runtime.Malloc(&pointer, bytes), "cudaMalloc");
        return pointer;
    }

    private void Upload(void* destination, float[] values)
    {
        fixed (float* source = values)
            _runtime.Check(_runtime.Memcpy(destination, source, (nuint)(values.Length * sizeof(float)), CudaRuntimeApi.HostToDevice), "cudaMemcpy");
    }
}
