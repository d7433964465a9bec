namespace EcgStream.Model.Cuda;

/// <summary>
/// Everything one concurrent caller of the CUDA engine needs: its own stream, cuBLAS and cuDNN handles bound to that
/// stream, descriptors, device scratch and pinned host buffers. Used by one thread at a time.
/// </summary>
/// <remarks>
/// Layout on the device is sequence-major, [T, batch, vector], the layout cuDNN's RNN kernels work in. Per batch:
/// beats up (pinned → device) → transpose to [T, B, F] → encoder 1 → encoder 2 (its final h is z) → z repeated T times
/// (a rank-1 product with a ones vector: exact) → decoder 1 → decoder 2 → output layer (bias broadcast, then one GEMM)
/// → x̂ − x → one cuDNN reduction per beat (Σ|d| or √Σd²) → errors down; reconstructions are transposed back and
/// copied down only when asked for. Buffers grow to the largest batch seen, up to the launch limit.
/// </remarks>
internal sealed unsafe class CudaWorker : IDisposable
{
    private readonly CudaLibraries _cuda;
    private readonly AutoencoderShape _shape;
    private readonly int _maxBatch;
    private readonly CudaHandle _stream, _blas, _dnn;
    // The four layer descriptors for each algorithm cuDNN accepted at set-up; _layers is the set the current call runs.
    private readonly Dictionary<CudaRnnAlgorithm, CudnnLstm[]> _layersByAlgorithm = [];
    private readonly List<(CudaRnnAlgorithm Algorithm, CudaException Failure)> _refused = [];
    private CudnnLstm[] _layers;

    // Descriptors whose sizes follow the batch; set by Configure for _configuredBatch beats.
    private readonly CudaHandle _dataFeatures, _dataEmbedding, _dataHidden;   // RNN data [T, B, F|E|H]
    private readonly CudaHandle _stateEmbedding, _stateHidden;                // h and c [1, B, E|H]
    private readonly CudaHandle _beatsBatchMajor, _beatsSeqMajor;             // [T, B, F, 1] viewed over [B, T, F] and over [T, B, F] memory
    private readonly CudaHandle _errorsDesc;                                  // [1, B, 1, 1]
    private readonly CudaHandle _reduceL1, _reduceL2;
    private int _configuredBatch = -1;
    private CudaRnnAlgorithm _configuredAlgorithm;

    // Device buffers, sized for _allocatedBatch beats (CudaMemory.None until allocated).
    private int _allocatedBatch;
    private CudaMemory _beatsDevice = CudaMemory.None, _beatsSeq = CudaMemory.None, _wide = CudaMemory.None, _narrow = CudaMemory.None,
        _decoderInput = CudaMemory.None, _z = CudaMemory.None, _outputSeq = CudaMemory.None, _difference = CudaMemory.None,
        _errorsDevice = CudaMemory.None, _ones = CudaMemory.None, _zeroState = CudaMemory.None, _hiddenSink = CudaMemory.None,
        _cellSink = CudaMemory.None, _reconstructionDevice = CudaMemory.None;
    private CudaMemory _workspace = CudaMemory.None;
    private nuint _workspaceBytes;

    // Every beat's sequence length (T, int) on the device: cudnnRNNForward reads it from there, asynchronously.
    private CudaMemory _seqLengthsDevice = CudaMemory.None;

    // Pinned host buffers: page-locked memory lets the copies run asynchronously on the stream at full bus speed.
    private CudaMemory _beatsHost = CudaMemory.None, _errorsHost = CudaMemory.None, _reconstructionHost = CudaMemory.None;

    /// <summary>
    /// Creates the stream, the handles and the four layer descriptors for each of <paramref name="algorithms"/>. An algorithm
    /// other than standard that cuDNN refuses (CUDNN_STATUS_NOT_SUPPORTED) is left out and listed in <see cref="Refused"/>.
    /// </summary>
    public CudaWorker(CudaLibraries cuda, AutoencoderShape shape, CudaEngineOptions options, IReadOnlyList<CudaRnnAlgorithm> algorithms)
    {
        _cuda = cuda;
        _shape = shape;
        _maxBatch = options.MaxBatchPerLaunch;
        var dnn = cuda.Dnn;
        _stream = CudaHandle.Stream(cuda.Runtime, CudaRuntimeApi.StreamNonBlocking);
        nint stream = _stream.Value;
        _blas = CudaHandle.Cublas(cuda.Blas);
        CublasApi.Check(cuda.Blas.SetStream(_blas.Value, stream), "cublasSetStream");
        CublasApi.Check(cuda.Blas.SetMathMode(_blas.Value, CublasApi.DefaultMath), "cublasSetMathMode");
        _dnn = CudaHandle.Cudnn(dnn);
        nint dnnHandle = _dnn.Value;
        dnn.Check(dnn.SetStream(dnnHandle, stream), "cudnnSetStream");

        foreach (var algorithm in algorithms)
        {
            try
            {
                _layersByAlgorithm[algorithm] = CreateLayers(dnn, dnnHandle, shape, algorithm, options.AllowTf32);
            }
            catch (CudaException e) when (RnnAlgorithmFallback.ShouldFallBack(algorithm, e))
            {
                _refused.Add((algorithm, e));
            }
        }
        if (!_layersByAlgorithm.TryGetValue(CudaRnnAlgorithm.Standard, out var standard))
            throw new InvalidOperationException("A CUDA worker always needs the standard RNN algorithm, the fallback of the others.");
        _layers = standard;
        _configuredAlgorithm = CudaRnnAlgorithm.Standard;

        _dataFeatures = CudaHandle.RnnDataDescriptor(dnn);
        _dataEmbedding = CudaHandle.RnnDataDescriptor(dnn);
        _dataHidden = CudaHandle.RnnDataDescriptor(dnn);
        _stateEmbedding = CudaHandle.TensorDescriptor(dnn);
        _stateHidden = CudaHandle.TensorDescriptor(dnn);
        _beatsBatchMajor = CudaHandle.TensorDescriptor(dnn);
        _beatsSeqMajor = CudaHandle.TensorDescriptor(dnn);
        _errorsDesc = CudaHandle.TensorDescriptor(dnn);
        _reduceL1 = CreateReduction(CudnnApi.ReduceNorm1);
        _reduceL2 = CreateReduction(CudnnApi.ReduceNorm2);
    }

    /// <summary>The cuDNN handle, for packing weights with this worker's descriptors.</summary>
    public nint DnnHandle => _dnn.Value;

    /// <summary>The algorithms cuDNN accepted at set-up, standard always among them.</summary>
    public IReadOnlyCollection<CudaRnnAlgorithm> Algorithms => _layersByAlgorithm.Keys;

    /// <summary>The algorithms cuDNN refused at set-up, with its answer.</summary>
    public IReadOnlyList<(CudaRnnAlgorithm Algorithm, CudaException Failure)> Refused => _refused;

    /// <summary>The four LSTM layers for <paramref name="algorithm"/>: encoder 1, encoder 2, decoder 1, decoder 2.</summary>
    public IReadOnlyList<CudnnLstm> LayersFor(CudaRnnAlgorithm algorithm) => _layersByAlgorithm[algorithm];

    /// <summary>
    /// Scores <paramref name="count"/> beats (at most the launch limit) with <paramref name="algorithm"/> and blocks until
    /// their errors are back. <paramref name="weights"/> must have been packed for that algorithm's descriptors.
    /// A cuDNN "not supported" comes back as a <see cref="CudaException"/> before that call is launched, and the whole
    /// call may then be repeated with another algorithm: it rewrites every buffer in stream order.
    /// </summary>
    public void Run(CudaModelWeights weights, CudaRnnAlgorithm algorithm, ReadOnlySpan<float> beats, int count, ErrorMetric metric, Span<float> errors, Span<float> reconstructions)
    {
        var rt = _cuda.Runtime;
        var dnn = _cuda.Dnn;
        var blas = _cuda.Blas;
        int t = _shape.SequenceLength, f = _shape.Features, e = _shape.EmbeddingSize, h = _shape.HiddenSize;
        int beatLength = _shape.BeatLength;
        bool wantReconstructions = !reconstructions.IsEmpty;
        EnsureCapacity(count, wantReconstructions);
        Configure(count, algorithm);

        float one = 1f, zero = 0f, minusOne = -1f;
        nuint beatBytes = (nuint)count * (nuint)beatLength * sizeof(float);
        beats[..(count * beatLength)].CopyTo(new Span<float>(_beatsHost.Floats, count * beatLength));
        rt.Check(rt.MemcpyAsync(_beatsDevice.Floats, _beatsHost.Floats, beatBytes, CudaRuntimeApi.HostToDevice, _stream.Value), "cudaMemcpyAsync (beats)");
        dnn.Check(dnn.TransformTensor(_dnn.Value, &one, _beatsBatchMajor.Value, _beatsDevice.Floats, &zero, _beatsSeqMajor.Value, _beatsSeq.Floats), "cudnnTransformTensor (beats)");

        Forward(weights, 0, _dataFeatures.Value, _beatsSeq.Floats, _dataHidden.Value, _wide.Floats, _stateHidden.Value, null);
        Forward(weights, 1, _dataHidden.Value, _wide.Floats, _dataEmbedding.Value, _narrow.Floats, _stateEmbedding.Value, _z.Floats);
        // Decoder input [T, B·E] = ones[T] ⊗ z[B·E]: column j of the column-major result is z, for every step j.
        CublasApi.Check(blas.Sgemm(_blas.Value, CublasApi.OpN, CublasApi.OpN, count * e, t, 1, &one, _z.Floats, count * e, _ones.Floats, 1, &zero, _decoderInput.Floats, count * e),
            "cublasSgemm (repeat z)");
        Forward(weights, 2, _dataEmbedding.Value, _decoderInput.Floats, _dataEmbedding.Value, _narrow.Floats, _stateEmbedding.Value, null);
        Forward(weights, 3, _dataEmbedding.Value, _narrow.Floats, _dataHidden.Value, _wide.Floats, _stateHidden.Value, null);

        // x̂ [F, T·B] (column-major) = bias ⊗ ones, then += Wᵀ-view · Y: W is [F, H] row-major, i.e. H×F column-major.
        int steps = t * count;
        CublasApi.Check(blas.Sgemm(_blas.Value, CublasApi.OpN, CublasApi.OpN, f, steps, 1, &one, weights.OutputBias, f, _ones.Floats, 1, &zero, _outputSeq.Floats, f),
            "cublasSgemm (output bias)");
        CublasApi.Check(blas.Sgemm(_blas.Value, CublasApi.OpT, CublasApi.OpN, f, steps, h, &one, weights.OutputWeight, h, _wide.Floats, h, &one, _outputSeq.Floats, f),
            "cublasSgemm (output layer)");
        CublasApi.Check(blas.Sgeam(_blas.Value, CublasApi.OpN, CublasApi.OpN, f, steps, &one, _outputSeq.Floats, f, &minusOne, _beatsSeq.Floats, f, _difference.Floats, f),
            "cublasSgeam (x̂ − x)");
        dnn.Check(dnn.ReduceTensor(_dnn.Value, metric == ErrorMetric.MeanSquared ? _reduceL2.Value : _reduceL1.Value, null, 0, _workspace.Pointer, _workspaceBytes,
                &one, _beatsSeqMajor.Value, _difference.Floats, &zero, _errorsDesc.Value, _errorsDevice.Floats),
            "cudnnReduceTensor");
        rt.Check(rt.MemcpyAsync(_errorsHost.Floats, _errorsDevice.Floats, (nuint)count * sizeof(float), CudaRuntimeApi.DeviceToHost, _stream.Value), "cudaMemcpyAsync (errors)");
        if (wantReconstructions)
        {
            dnn.Check(dnn.TransformTensor(_dnn.Value, &one, _beatsSeqMajor.Value, _outputSeq.Floats, &zero, _beatsBatchMajor.Value, _reconstructionDevice.Floats), "cudnnTransformTensor (reconstructions)");
            rt.Check(rt.MemcpyAsync(_reconstructionHost.Floats, _reconstructionDevice.Floats, beatBytes, CudaRuntimeApi.DeviceToHost, _stream.Value), "cudaMemcpyAsync (reconstructions)");
        }
        rt.Check(rt.StreamSynchronize(_stream.Value), "cudaStreamSynchronize");

        float samples = beatLength;
        for (int i = 0; i < count; i++)
        {
            float reduced = _errorsHost.Floats[i];
            errors[i] = metric switch
            {
                ErrorMetric.L1Sum => reduced,
                ErrorMetric.MeanAbsolute => reduced / samples,
                _ => reduced * reduced / samples,   // the reduction gave √Σd²
            };
        }
        if (wantReconstructions) new ReadOnlySpan<float>(_reconstructionHost.Floats, count * beatLength).CopyTo(reconstructions);
    }

    private void Forward(CudaModelWeights weights, int layer, nint xDesc, float* x, nint yDesc, float* y, nint stateDesc, float* finalHidden)
    {
        var dnn = _cuda.Dnn;
        // Every layer starts from h = c = 0, as nn.LSTM does without (h0, c0). Initial and final states are passed as
        // buffers, never null, the way PyTorch calls cuDNN; only encoder 2's final h (z) is read afterwards.
        dnn.Check(dnn.RNNForward(_dnn.Value, _layers[layer].Descriptor, CudnnApi.ForwardInference, (int*)_seqLengthsDevice.Pointer, xDesc, x, yDesc, y,
                stateDesc, _zeroState.Floats, finalHidden is null ? _hiddenSink.Floats : finalHidden, stateDesc, _zeroState.Floats, _cellSink.Floats,
                weights.LayerSpaceBytes[layer], weights.LayerSpace(layer), _workspaceBytes, _workspace.Pointer, 0, null),
            $"cudnnRNNForward (layer {layer + 1})");
    }

    /// <summary>
    /// Sets every batch-sized descriptor for <paramref name="batch"/> beats, selects <paramref name="algorithm"/>'s layers
    /// and grows the workspace to what cuDNN asks for them.
    /// </summary>
    private void Configure(int batch, CudaRnnAlgorithm algorithm)
    {
        if (batch == _configuredBatch && algorithm == _configuredAlgorithm) return;
        // Marked unconfigured first: if cuDNN refuses the algorithm below, the next call sets everything again.
        _configuredBatch = -1;
        _layers = _layersByAlgorithm[algorithm];
        var dnn = _cuda.Dnn;
        int t = _shape.SequenceLength, f = _shape.Features, e = _shape.EmbeddingSize, h = _shape.HiddenSize;
        int[] lengths = new int[batch];
        Array.Fill(lengths, t);
        fixed (int* seqLengths = lengths)
        {
            SetRnnData(_dataFeatures.Value, batch, f, seqLengths);
            SetRnnData(_dataEmbedding.Value, batch, e, seqLengths);
            SetRnnData(_dataHidden.Value, batch, h, seqLengths);
        }
        SetTensor(_stateEmbedding.Value, [1, batch, e], [batch * e, e, 1]);
        SetTensor(_stateHidden.Value, [1, batch, h], [batch * h, h, 1]);
        // The same logical [T, B, F] tensor over two memory orders: the caller's beat-major rows and cuDNN's step-major one.
        SetTensor(_beatsBatchMajor.Value, [t, batch, f, 1], [f, t * f, 1, 1]);
        SetTensor(_beatsSeqMajor.Value, [t, batch, f, 1], [batch * f, f, 1, 1]);
        SetTensor(_errorsDesc.Value, [1, batch, 1, 1], [batch, 1, 1, 1]);

        nuint needed = 0;
        (nint Data, int Layer)[] inputs = [(_dataFeatures.Value, 0), (_dataHidden.Value, 1), (_dataEmbedding.Value, 2), (_dataEmbedding.Value, 3)];
        foreach (var (data, layer) in inputs)
        {
            nuint work, reserve;
            dnn.Check(dnn.GetRNNTempSpaceSizes(_dnn.Value, _layers[layer].Descriptor, CudnnApi.ForwardInference, data, &work, &reserve), "cudnnGetRNNTempSpaceSizes");
            needed = Math.Max(needed, work);
        }
        foreach (nint reduce in (ReadOnlySpan<nint>)[_reduceL1.Value, _reduceL2.Value])
        {
            nuint work;
            dnn.Check(dnn.GetReductionWorkspaceSize(_dnn.Value, reduce, _beatsSeqMajor.Value, _errorsDesc.Value, &work), "cudnnGetReductionWorkspaceSize");
            needed = Math.Max(needed, work);
        }
        if (needed > _workspaceBytes)
        {
            _workspace.Dispose();
            _workspaceBytes = 0;
            _workspace = CudaMemory.Device(_cuda.Runtime, needed);
            _workspaceBytes = needed;
        }
        _configuredBatch = batch;
        _configuredAlgorithm = algorithm;
    }

    /// <summary>The four layers for one algorithm; on failure the layers already made are destroyed.</summary>
    private static CudnnLstm[] CreateLayers(CudnnApi dnn, nint handle, AutoencoderShape shape, CudaRnnAlgorithm algorithm, bool allowTf32)
    {
        (int Input, int Hidden)[] sizes =
        [
            (shape.Features, shape.HiddenSize),
            (shape.HiddenSize, shape.EmbeddingSize),
            (shape.EmbeddingSize, shape.EmbeddingSize),
            (shape.EmbeddingSize, shape.HiddenSize),
        ];
        var layers = new List<CudnnLstm>(sizes.Length);
        try
        {
            foreach (var (input, hidden) in sizes) layers.Add(new CudnnLstm(dnn, handle, input, hidden, algorithm, allowTf32));
            return [.. layers];
        }
        catch
        {
            foreach (var layer in layers) layer.Dispose();
            throw;
        }
    }

    /// <summary>Grows the device and pinned buffers to hold <paramref name="batch"/> beats (next power of two, at most the launch limit).</summary>
    private void EnsureCapacity(int batch, bool reconstructions)
    {
        int t = _shape.SequenceLength, f = _shape.Features, e = _shape.EmbeddingSize, h = _shape.HiddenSize;
        if (batch > _allocatedBatch)
        {
            FreeBuffers();
            int capacity = (int)Math.Min(_maxBatch, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)batch));
            long beatFloats = (long)capacity * _shape.BeatLength;
            _beatsDevice = AllocateFloats(beatFloats);
            _beatsSeq = AllocateFloats(beatFloats);
            _wide = AllocateFloats((long)t * capacity * h);
            _narrow = AllocateFloats((long)t * capacity * e);
            _decoderInput = AllocateFloats((long)t * capacity * e);
            _z = AllocateFloats((long)capacity * e);
            _outputSeq = AllocateFloats((long)t * capacity * f);
            _difference = AllocateFloats((long)t * capacity * f);
            _errorsDevice = AllocateFloats(capacity);
            // One ones vector serves both broadcasts: T entries for z, T·B for the output bias.
            _ones = UploadConstant((long)t * capacity, 1f);
            _zeroState = UploadConstant((long)capacity * Math.Max(e, h), 0f);
            _hiddenSink = AllocateFloats((long)capacity * Math.Max(e, h));
            _cellSink = AllocateFloats((long)capacity * Math.Max(e, h));
            _beatsHost = AllocatePinnedFloats(beatFloats);
            _errorsHost = AllocatePinnedFloats(capacity);
            _seqLengthsDevice = UploadConstant(capacity, t);
            _allocatedBatch = capacity;
        }
        if (reconstructions && _reconstructionDevice.Pointer is null)
        {
            long beatFloats = (long)_allocatedBatch * _shape.BeatLength;
            _reconstructionDevice = AllocateFloats(beatFloats);
            _reconstructionHost = AllocatePinnedFloats(beatFloats);
        }
    }

    /// <summary>A device buffer of <paramref name="count"/> copies of <paramref name="value"/>, written once.</summary>
    private CudaMemory UploadConstant<T>(long count, T value) where T : unmanaged
    {
        nuint bytes = (nuint)(count * sizeof(T));
        var device = CudaMemory.Device(_cuda.Runtime, bytes);
        var host = new T[count];
        Array.Fill(host, value);
        try
        {
            fixed (T* source = host)
                _cuda.Runtime.Check(_cuda.Runtime.Memcpy(device.Pointer, source, bytes, CudaRuntimeApi.HostToDevice), "cudaMemcpy (constant)");
            return device;
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    private void SetRnnData(nint desc, int batch, int vectorSize, int* seqLengths)
    {
        // No padding fill: every beat has all T steps, and a fill value would make cuDNN write padded positions.
        _cuda.Dnn.Check(_cuda.Dnn.SetRNNDataDescriptor(desc, CudnnApi.DataFloat, CudnnApi.SeqMajorUnpacked, _shape.SequenceLength, batch, vectorSize, seqLengths, null),
            "cudnnSetRNNDataDescriptor");
    }

    private void SetTensor(nint desc, ReadOnlySpan<int> dims, ReadOnlySpan<int> strides)
    {
        fixed (int* d = dims)
        fixed (int* s = strides)
            _cuda.Dnn.Check(_cuda.Dnn.SetTensorNdDescriptor(desc, CudnnApi.DataFloat, dims.Length, d, s), "cudnnSetTensorNdDescriptor");
    }

    private CudaHandle CreateReduction(int op)
    {
        var desc = CudaHandle.ReduceTensorDescriptor(_cuda.Dnn);
        // Float32 accumulation; NaN propagates so a broken beat shows as NaN instead of vanishing; no indices.
        _cuda.Dnn.Check(_cuda.Dnn.SetReduceTensorDescriptor(desc.Value, op, CudnnApi.DataFloat, 1, 0, 0), "cudnnSetReduceTensorDescriptor");
        return desc;
    }

    private CudaMemory AllocateFloats(long count) => CudaMemory.Device(_cuda.Runtime, (nuint)(count * sizeof(float)));

    private CudaMemory AllocatePinnedFloats(long count) => CudaMemory.Pinned(_cuda.Runtime, (nuint)(count * sizeof(float)));

    private void FreeBuffers()
    {
        foreach (var buffer in (ReadOnlySpan<CudaMemory>)[_beatsDevice, _beatsSeq, _wide, _narrow, _decoderInput, _z, _outputSeq, _difference,
                     _errorsDevice, _ones, _zeroState, _hiddenSink, _cellSink, _seqLengthsDevice, _reconstructionDevice,
                     _beatsHost, _errorsHost, _reconstructionHost])
            buffer.Dispose();
        _allocatedBatch = 0;
    }

    /// <summary>Waits for the stream, then frees buffers, descriptors, handles and the stream.</summary>
    public void Dispose()
    {
        _cuda.Runtime.StreamSynchronize(_stream.Value);
        FreeBuffers();
        _workspace.Dispose();
        foreach (var layers in _layersByAlgorithm.Values)
        {
            foreach (var layer in layers) layer.Dispose();
        }
        foreach (var desc in (ReadOnlySpan<CudaHandle>)[_dataFeatures, _dataEmbedding, _dataHidden, _stateEmbedding, _stateHidden,
                     _beatsBatchMajor, _beatsSeqMajor, _errorsDesc, _reduceL1, _reduceL2])
            desc.Dispose();
        // The handles are bound to the stream, so they go before it.
        _dnn.Dispose();
        _blas.Dispose();
        _stream.Dispose();
    }
}
