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
    private readonly nint _stream, _blas, _dnn;
    // The four layer descriptors for each algorithm cuDNN accepted at set-up; _layers is the set the current call runs.
    private readonly Dictionary<CudaRnnAlgorithm, CudnnLstm[]> _layersByAlgorithm = [];
    private readonly List<(CudaRnnAlgorithm Algorithm, CudaException Failure)> _refused = [];
    private CudnnLstm[] _layers;

    // Descriptors whose sizes follow the batch; set by Configure for _configuredBatch beats.
    private readonly nint _dataFeatures, _dataEmbedding, _dataHidden;   // RNN data [T, B, F|E|H]
    private readonly nint _stateEmbedding, _stateHidden;                // h and c [1, B, E|H]
    private readonly nint _beatsBatchMajor, _beatsSeqMajor;             // [T, B, F, 1] viewed over [B, T, F] and over [T, B, F] memory
    private readonly nint _errorsDesc;                                  // [1, B, 1, 1]
    private readonly nint _reduceL1, _reduceL2;
    private int _configuredBatch = -1;
    private CudaRnnAlgorithm _configuredAlgorithm;

    // Device buffers, sized for _allocatedBatch beats.
    private int _allocatedBatch;
    private float* _beatsDevice, _beatsSeq, _wide, _narrow, _decoderInput, _z, _outputSeq, _difference, _errorsDevice, _ones, _zeroState, _hiddenSink, _cellSink, _reconstructionDevice;
    private void* _workspace;
    private nuint _workspaceBytes;

    // Every beat's sequence length (T) on the device: cudnnRNNForward reads it from there, asynchronously.
    private int* _seqLengthsDevice;

    // Pinned host buffers: page-locked memory lets the copies run asynchronously on the stream at full bus speed.
    private float* _beatsHost, _errorsHost, _reconstructionHost;

    /// <summary>
    /// Creates the stream, the handles and the four layer descriptors for each of <paramref name="algorithms"/>. An algorithm
    /// other than standard that cuDNN refuses (CUDNN_STATUS_NOT_SUPPORTED) is left out and listed in <see cref="Refused"/>.
    /// </summary>
    public CudaWorker(CudaLibraries cuda, AutoencoderShape shape, CudaEngineOptions options, IReadOnlyList<CudaRnnAlgorithm> algorithms)
    {
        _cuda = cuda;
        _shape = shape;
        _maxBatch = options.MaxBatchPerLaunch;
        var rt = cuda.Runtime;
        var dnn = cuda.Dnn;
        nint stream, blas, dnnHandle;
        rt.Check(rt.StreamCreateWithFlags(&stream, CudaRuntimeApi.StreamNonBlocking), "cudaStreamCreateWithFlags");
        _stream = stream;
        CublasApi.Check(cuda.Blas.Create(&blas), "cublasCreate");
        _blas = blas;
        CublasApi.Check(cuda.Blas.SetStream(blas, stream), "cublasSetStream");
        CublasApi.Check(cuda.Blas.SetMathMode(blas, CublasApi.DefaultMath), "cublasSetMathMode");
        dnn.Check(dnn.Create(&dnnHandle), "cudnnCreate");
        _dnn = dnnHandle;
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

        _dataFeatures = CreateRnnData();
        _dataEmbedding = CreateRnnData();
        _dataHidden = CreateRnnData();
        _stateEmbedding = CreateTensor();
        _stateHidden = CreateTensor();
        _beatsBatchMajor = CreateTensor();
        _beatsSeqMajor = CreateTensor();
        _errorsDesc = CreateTensor();
        _reduceL1 = CreateReduction(CudnnApi.ReduceNorm1);
        _reduceL2 = CreateReduction(CudnnApi.ReduceNorm2);
    }

    /// <summary>The cuDNN handle, for packing weights with this worker's descriptors.</summary>
    public nint DnnHandle => _dnn;

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
        beats[..(count * beatLength)].CopyTo(new Span<float>(_beatsHost, count * beatLength));
        rt.Check(rt.MemcpyAsync(_beatsDevice, _beatsHost, beatBytes, CudaRuntimeApi.HostToDevice, _stream), "cudaMemcpyAsync (beats)");
        dnn.Check(dnn.TransformTensor(_dnn, &one, _beatsBatchMajor, _beatsDevice, &zero, _beatsSeqMajor, _beatsSeq), "cudnnTransformTensor (beats)");

        Forward(weights, 0, _dataFeatures, _beatsSeq, _dataHidden, _wide, _stateHidden, null);
        Forward(weights, 1, _dataHidden, _wide, _dataEmbedding, _narrow, _stateEmbedding, _z);
        // Decoder input [T, B·E] = ones[T] ⊗ z[B·E]: column j of the column-major result is z, for every step j.
        CublasApi.Check(blas.Sgemm(_blas, CublasApi.OpN, CublasApi.OpN, count * e, t, 1, &one, _z, count * e, _ones, 1, &zero, _decoderInput, count * e),
            "cublasSgemm (repeat z)");
        Forward(weights, 2, _dataEmbedding, _decoderInput, _dataEmbedding, _narrow, _stateEmbedding, null);
        Forward(weights, 3, _dataEmbedding, _narrow, _dataHidden, _wide, _stateHidden, null);

        // x̂ [F, T·B] (column-major) = bias ⊗ ones, then += Wᵀ-view · Y: W is [F, H] row-major, i.e. H×F column-major.
        int steps = t * count;
        CublasApi.Check(blas.Sgemm(_blas, CublasApi.OpN, CublasApi.OpN, f, steps, 1, &one, weights.OutputBias, f, _ones, 1, &zero, _outputSeq, f),
            "cublasSgemm (output bias)");
        CublasApi.Check(blas.Sgemm(_blas, CublasApi.OpT, CublasApi.OpN, f, steps, h, &one, weights.OutputWeight, h, _wide, h, &one, _outputSeq, f),
            "cublasSgemm (output layer)");
        CublasApi.Check(blas.Sgeam(_blas, CublasApi.OpN, CublasApi.OpN, f, steps, &one, _outputSeq, f, &minusOne, _beatsSeq, f, _difference, f),
            "cublasSgeam (x̂ − x)");
        dnn.Check(dnn.ReduceTensor(_dnn, metric == ErrorMetric.MeanSquared ? _reduceL2 : _reduceL1, null, 0, _workspace, _workspaceBytes,
                &one, _beatsSeqMajor, _difference, &zero, _errorsDesc, _errorsDevice),
            "cudnnReduceTensor");
        rt.Check(rt.MemcpyAsync(_errorsHost, _errorsDevice, (nuint)count * sizeof(float), CudaRuntimeApi.DeviceToHost, _stream), "cudaMemcpyAsync (errors)");
        if (wantReconstructions)
        {
            dnn.Check(dnn.TransformTensor(_dnn, &one, _beatsSeqMajor, _outputSeq, &zero, _beatsBatchMajor, _reconstructionDevice), "cudnnTransformTensor (reconstructions)");
            rt.Check(rt.MemcpyAsync(_reconstructionHost, _reconstructionDevice, beatBytes, CudaRuntimeApi.DeviceToHost, _stream), "cudaMemcpyAsync (reconstructions)");
        }
        rt.Check(rt.StreamSynchronize(_stream), "cudaStreamSynchronize");

        float samples = beatLength;
        for (int i = 0; i < count; i++)
        {
            float reduced = _errorsHost[i];
            errors[i] = metric switch
            {
                ErrorMetric.L1Sum => reduced,
                ErrorMetric.MeanAbsolute => reduced / samples,
                _ => reduced * reduced / samples,   // the reduction gave √Σd²
            };
        }
        if (wantReconstructions) new ReadOnlySpan<float>(_reconstructionHost, count * beatLength).CopyTo(reconstructions);
    }

    private void Forward(CudaModelWeights weights, int layer, nint xDesc, float* x, nint yDesc, float* y, nint stateDesc, float* finalHidden)
    {
        var dnn = _cuda.Dnn;
        // Every layer starts from h = c = 0, as nn.LSTM does without (h0, c0). Initial and final states are passed as
        // buffers, never null, the way PyTorch calls cuDNN; only encoder 2's final h (z) is read afterwards.
        dnn.Check(dnn.RNNForward(_dnn, _layers[layer].Descriptor, CudnnApi.ForwardInference, _seqLengthsDevice, xDesc, x, yDesc, y,
                stateDesc, _zeroState, finalHidden is null ? _hiddenSink : finalHidden, stateDesc, _zeroState, _cellSink,
                weights.LayerSpaceBytes[layer], weights.LayerSpace(layer), _workspaceBytes, _workspace, 0, null),
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
            SetRnnData(_dataFeatures, batch, f, seqLengths);
            SetRnnData(_dataEmbedding, batch, e, seqLengths);
            SetRnnData(_dataHidden, batch, h, seqLengths);
        }
        SetTensor(_stateEmbedding, [1, batch, e], [batch * e, e, 1]);
        SetTensor(_stateHidden, [1, batch, h], [batch * h, h, 1]);
        // The same logical [T, B, F] tensor over two memory orders: the caller's beat-major rows and cuDNN's step-major one.
        SetTensor(_beatsBatchMajor, [t, batch, f, 1], [f, t * f, 1, 1]);
        SetTensor(_beatsSeqMajor, [t, batch, f, 1], [batch * f, f, 1, 1]);
        SetTensor(_errorsDesc, [1, batch, 1, 1], [batch, 1, 1, 1]);

        nuint needed = 0;
        (nint Data, int Layer)[] inputs = [(_dataFeatures, 0), (_dataHidden, 1), (_dataEmbedding, 2), (_dataEmbedding, 3)];
        foreach (var (data, layer) in inputs)
        {
            nuint work, reserve;
            dnn.Check(dnn.GetRNNTempSpaceSizes(_dnn, _layers[layer].Descriptor, CudnnApi.ForwardInference, data, &work, &reserve), "cudnnGetRNNTempSpaceSizes");
            needed = Math.Max(needed, work);
        }
        foreach (nint reduce in (ReadOnlySpan<nint>)[_reduceL1, _reduceL2])
        {
            nuint work;
            dnn.Check(dnn.GetReductionWorkspaceSize(_dnn, reduce, _beatsSeqMajor, _errorsDesc, &work), "cudnnGetReductionWorkspaceSize");
            needed = Math.Max(needed, work);
        }
        if (needed > _workspaceBytes)
        {
            FreeDevice(ref _workspace);
            _workspace = AllocateDevice(needed);
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
            _beatsHost = (float*)AllocatePinned((nuint)(beatFloats * sizeof(float)));
            _errorsHost = (float*)AllocatePinned((nuint)(capacity * sizeof(float)));
            _seqLengthsDevice = UploadConstant(capacity, t);
            _allocatedBatch = capacity;
        }
        if (reconstructions && _reconstructionDevice is null)
        {
            long beatFloats = (long)_allocatedBatch * _shape.BeatLength;
            _reconstructionDevice = AllocateFloats(beatFloats);
            _reconstructionHost = (float*)AllocatePinned((nuint)(beatFloats * sizeof(float)));
        }
    }

    /// <summary>A device buffer of <paramref name="count"/> copies of <paramref name="value"/>, written once.</summary>
    private T* UploadConstant<T>(long count, T value) where T : unmanaged
    {
        nuint bytes = (nuint)(count * sizeof(T));
        var device = (T*)AllocateDevice(bytes);
        var host = new T[count];
        Array.Fill(host, value);
        fixed (T* source = host)
            _cuda.Runtime.Check(_cuda.Runtime.Memcpy(device, source, bytes, CudaRuntimeApi.HostToDevice), "cudaMemcpy (constant)");
        return device;
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

    private nint CreateRnnData()
    {
        nint desc;
        _cuda.Dnn.Check(_cuda.Dnn.CreateRNNDataDescriptor(&desc), "cudnnCreateRNNDataDescriptor");
        return desc;
    }

    private nint CreateTensor()
    {
        nint desc;
        _cuda.Dnn.Check(_cuda.Dnn.CreateTensorDescriptor(&desc), "cudnnCreateTensorDescriptor");
        return desc;
    }

    private nint CreateReduction(int op)
    {
        nint desc;
        _cuda.Dnn.Check(_cuda.Dnn.CreateReduceTensorDescriptor(&desc), "cudnnCreateReduceTensorDescriptor");
        // Float32 accumulation; NaN propagates so a broken beat shows as NaN instead of vanishing; no indices.
        _cuda.Dnn.Check(_cuda.Dnn.SetReduceTensorDescriptor(desc, op, CudnnApi.DataFloat, 1, 0, 0), "cudnnSetReduceTensorDescriptor");
        return desc;
    }

    private float* AllocateFloats(long count) => (float*)AllocateDevice((nuint)(count * sizeof(float)));

    private void* AllocateDevice(nuint bytes)
    {
        void* pointer;
        _cuda.Runtime.Check(_cuda.Runtime.Malloc(&pointer, bytes), $"cudaMalloc ({bytes} bytes)");
        return pointer;
    }

    private void* AllocatePinned(nuint bytes)
    {
        void* pointer;
        _cuda.Runtime.Check(_cuda.Runtime.HostAlloc(&pointer, bytes, 0), $"cudaHostAlloc ({bytes} bytes)");
        return pointer;
    }

    private void FreeDevice<T>(ref T* pointer) where T : unmanaged
    {
        if (pointer is not null) _cuda.Runtime.Free(pointer);
        pointer = null;
    }

    private void FreeDevice(ref void* pointer)
    {
        if (pointer is not null) _cuda.Runtime.Free(pointer);
        pointer = null;
    }

    private void FreePinned(ref float* pointer)
    {
        if (pointer is not null) _cuda.Runtime.FreeHost(pointer);
        pointer = null;
    }

    private void FreeBuffers()
    {
        FreeDevice(ref _beatsDevice);
        FreeDevice(ref _beatsSeq);
        FreeDevice(ref _wide);
        FreeDevice(ref _narrow);
        FreeDevice(ref _decoderInput);
        FreeDevice(ref _z);
        FreeDevice(ref _outputSeq);
        FreeDevice(ref _difference);
        FreeDevice(ref _errorsDevice);
        FreeDevice(ref _ones);
        FreeDevice(ref _zeroState);
        FreeDevice(ref _hiddenSink);
        FreeDevice(ref _cellSink);
        FreeDevice(ref _seqLengthsDevice);
        FreeDevice(ref _reconstructionDevice);
        FreePinned(ref _beatsHost);
        FreePinned(ref _errorsHost);
        FreePinned(ref _reconstructionHost);
        _allocatedBatch = 0;
    }

    /// <summary>Waits for the stream, then frees buffers, descriptors, handles and the stream.</summary>
    public void Dispose()
    {
        var dnn = _cuda.Dnn;
        _cuda.Runtime.StreamSynchronize(_stream);
        FreeBuffers();
        FreeDevice(ref _workspace);
        foreach (var layers in _layersByAlgorithm.Values)
        {
            foreach (var layer in layers) layer.Dispose();
        }
        foreach (nint desc in (ReadOnlySpan<nint>)[_dataFeatures, _dataEmbedding, _dataHidden]) dnn.DestroyRNNDataDescriptor(desc);
        foreach (nint desc in (ReadOnlySpan<nint>)[_stateEmbedding, _stateHidden, _beatsBatchMajor, _beatsSeqMajor, _errorsDesc]) dnn.DestroyTensorDescriptor(desc);
        dnn.DestroyReduceTensorDescriptor(_reduceL1);
        dnn.DestroyReduceTensorDescriptor(_reduceL2);
        dnn.Destroy(_dnn);
        _cuda.Blas.Destroy(_blas);
        _cuda.Runtime.StreamDestroy(_stream);
    }
}
