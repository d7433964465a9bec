using EcgStream.Model.Parameters;

namespace EcgStream.Model.Cuda;

/// <summary>
/// One single-layer LSTM as cuDNN sees it: an RNN descriptor (v8 API) and the size of its packed weight space.
/// This is the only place that knows how PyTorch's weight_ih/weight_hh/bias tensors map into that space.
/// </summary>
internal sealed unsafe class CudnnLstm : IDisposable
{
    private readonly CudnnApi _dnn;
    private readonly CudaHandle _dropout;
    private readonly CudaHandle _descriptor;

    /// <summary>Creates and sets the descriptor: LSTM, two biases (b_ih and b_hh, as PyTorch), float32 data and maths, no projection.</summary>
    public CudnnLstm(CudnnApi dnn, nint handle, int inputSize, int hiddenSize, CudaRnnAlgorithm algorithm, bool allowTf32)
    {
        _dnn = dnn;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        Algorithm = algorithm;
        try
        {
            _dropout = CudaHandle.DropoutDescriptor(dnn);
            nint dropout = _dropout.Value;
            // A single layer has no dropout, but the v8 descriptor still wants an initialised one: rate 0, no state buffer.
            dnn.Check(dnn.SetDropoutDescriptor(dropout, handle, 0f, null, 0, 0), "cudnnSetDropoutDescriptor");
            _descriptor = CudaHandle.RnnDescriptor(dnn);
            nint descriptor = _descriptor.Value;
            // An algorithm cuDNN cannot run for these sizes on this GPU answers CUDNN_STATUS_NOT_SUPPORTED here or later.
            dnn.Check(dnn.SetRNNDescriptor_v8(descriptor, (int)algorithm, CudnnApi.Lstm, CudnnApi.DoubleBias, CudnnApi.Unidirectional,
                    CudnnApi.LinearInput, CudnnApi.DataFloat, CudnnApi.DataFloat, allowTf32 ? CudnnApi.DefaultMath : CudnnApi.FmaMath,
                    inputSize, hiddenSize, hiddenSize, 1, dropout, CudnnApi.PaddedIoEnabled),
                $"cudnnSetRNNDescriptor_v8 ({CudaRnnAlgorithmNames.Name(algorithm)})");
            nuint bytes;
            dnn.Check(dnn.GetRNNWeightSpaceSize(handle, descriptor, &bytes), "cudnnGetRNNWeightSpaceSize");
            WeightSpaceBytes = bytes;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The cuDNN RNN algorithm the descriptor was set for.</summary>
    public CudaRnnAlgorithm Algorithm { get; }

    /// <summary>The cudnnRNNDescriptor_t.</summary>
    public nint Descriptor => _descriptor.Value;

    /// <summary>Size of x_t.</summary>
    public int InputSize { get; }

    /// <summary>Size of h_t and c_t.</summary>
    public int HiddenSize { get; }

    /// <summary>Bytes of the packed weight space cudnnRNNForward reads.</summary>
    public nuint WeightSpaceBytes { get; }

    /// <summary>
    /// The host image of the weight space for <paramref name="parameters"/>. cuDNN reports where each block lives by
    /// returning addresses inside <paramref name="deviceWeightSpace"/> (nothing is read or written there); linear layers
    /// 0–3 are the input weights of gates i, f, g (cuDNN's "new memory"), o, and 4–7 the recurrent ones, the same order
    /// as PyTorch's stacked rows, so each gate's [H, I] block is copied as it stands.
    /// </summary>
    public float[] PackWeights(nint handle, LstmParameters parameters, void* deviceWeightSpace)
    {
        if (parameters.InputSize != InputSize || parameters.HiddenSize != HiddenSize)
            throw new ArgumentException($"LSTM parameters are {parameters.InputSize}→{parameters.HiddenSize}, the layer is {InputSize}→{HiddenSize}.", nameof(parameters));
        var image = new float[(int)(WeightSpaceBytes / sizeof(float))];
        using var matrixDesc = CudaHandle.TensorDescriptor(_dnn);
        using var biasDesc = CudaHandle.TensorDescriptor(_dnn);
        int h = HiddenSize;
        for (int linLayer = 0; linLayer < 8; linLayer++)
        {
            void* matrix, bias;
            _dnn.Check(_dnn.GetRNNWeightParams(handle, Descriptor, 0, WeightSpaceBytes, deviceWeightSpace, linLayer, matrixDesc.Value, &matrix, biasDesc.Value, &bias),
                "cudnnGetRNNWeightParams");
            int gate = linLayer % 4;
            bool input = linLayer < 4;
            int columns = input ? InputSize : h;
            Place(image, deviceWeightSpace, matrix, matrixDesc.Value, input ? parameters.WeightIh : parameters.WeightHh, gate * h * columns, h, columns);
            Place(image, deviceWeightSpace, bias, biasDesc.Value, input ? parameters.BiasIh : parameters.BiasHh, gate * h, h, 1);
        }
        return image;
    }

    /// <summary>Copies a row-major [rows, columns] block of <paramref name="source"/> to where cuDNN placed it, honouring the strides it reports.</summary>
    private void Place(float[] image, void* space, void* block, nint desc, float[] source, int start, int rows, int columns)
    {
        int dataType, dims;
        int* size = stackalloc int[8];
        int* stride = stackalloc int[8];
        _dnn.Check(_dnn.GetTensorNdDescriptor(desc, 8, &dataType, &dims, size, stride), "cudnnGetTensorNdDescriptor");
        // cuDNN describes a matrix as [1, rows, columns] and a bias as [1, rows, 1].
        if (dims != 3 || size[0] != 1 || size[1] != rows || size[2] != columns)
            throw new CudaException($"cuDNN reports a {string.Join("x", new Span<int>(size, dims).ToArray())} weight block where {rows}x{columns} was expected.");
        long offset = ((byte*)block - (byte*)space) / sizeof(float);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                long at = offset + (long)r * stride[1] + (long)c * stride[2];
                if (at < 0 || at >= image.Length) throw new CudaException("cuDNN placed a weight block outside its weight space.");
                image[at] = source[start + r * columns + c];
            }
        }
    }

    /// <summary>Destroys the RNN and dropout descriptors.</summary>
    public void Dispose()
    {
        // Null only when the constructor failed part-way. The RNN descriptor refers to the dropout one, so it goes first.
        _descriptor?.Dispose();
        _dropout?.Dispose();
    }
}
