using System.Runtime.InteropServices;

namespace EcgStream.Model.Cuda;

/// <summary>
/// The cuDNN 9 functions the engine calls, resolved once from libcudnn: the v8 RNN API (descriptors, weight space,
/// cudnnRNNForward) and the tensor transform and reduction. Each function-pointer property is the C function of the same
/// name without its "cudnn" prefix; descriptors and handles are nint.
/// </summary>
internal sealed unsafe class CudnnApi
{
    /// <summary>cudnnDataType_t CUDNN_DATA_FLOAT.</summary>
    public const int DataFloat = 0;

    /// <summary>cudnnRNNMode_t CUDNN_LSTM, cudnnRNNBiasMode_t CUDNN_RNN_DOUBLE_BIAS (PyTorch's b_ih and b_hh), unidirectional, linear input.</summary>
    public const int Lstm = 2, DoubleBias = 2, Unidirectional = 0, LinearInput = 0;

    /// <summary>cudnnMathType_t: CUDNN_DEFAULT_MATH lets float32 use TF32 tensor cores; CUDNN_FMA_MATH keeps it to float32 FMA.</summary>
    public const int DefaultMath = 0, FmaMath = 3;

    /// <summary>auxFlags CUDNN_RNN_PADDED_IO_ENABLED, required by the unpacked layouts.</summary>
    public const uint PaddedIoEnabled = 1;

    /// <summary>cudnnRNNDataLayout_t CUDNN_RNN_DATA_LAYOUT_SEQ_MAJOR_UNPACKED: [T, batch, vector].</summary>
    public const int SeqMajorUnpacked = 0;

    /// <summary>cudnnForwardMode_t CUDNN_FWD_MODE_INFERENCE.</summary>
    public const int ForwardInference = 0;

    /// <summary>cudnnReduceTensorOp_t: Σ|a| and √Σa².</summary>
    public const int ReduceNorm1 = 6, ReduceNorm2 = 7;

    /// <summary>Resolves every function from the loaded library; throws <see cref="EntryPointNotFoundException"/> naming a missing one.</summary>
    public CudnnApi(nint library)
    {
        GetVersion = (delegate* unmanaged<nuint>)Export(library, "cudnnGetVersion");
        GetErrorString = (delegate* unmanaged<int, byte*>)Export(library, "cudnnGetErrorString");
        Create = (delegate* unmanaged<nint*, int>)Export(library, "cudnnCreate");
        Destroy = (delegate* unmanaged<nint, int>)Export(library, "cudnnDestroy");
        SetStream = (delegate* unmanaged<nint, nint, int>)Export(library, "cudnnSetStream");
        CreateTensorDescriptor = (delegate* unmanaged<nint*, int>)Export(library, "cudnnCreateTensorDescriptor");
        DestroyTensorDescriptor = (delegate* unmanaged<nint, int>)Export(library, "cudnnDestroyTensorDescriptor");
        SetTensorNdDescriptor = (delegate* unmanaged<nint, int, int, int*, int*, int>)Export(library, "cudnnSetTensorNdDescriptor");
        GetTensorNdDescriptor = (delegate* unmanaged<nint, int, int*, int*, int*, int*, int>)Export(library, "cudnnGetTensorNdDescriptor");
        CreateDropoutDescriptor = (delegate* unmanaged<nint*, int>)Export(library, "cudnnCreateDropoutDescriptor");
        DestroyDropoutDescriptor = (delegate* unmanaged<nint, int>)Export(library, "cudnnDestroyDropoutDescriptor");
        SetDropoutDescriptor = (delegate* unmanaged<nint, nint, float, void*, nuint, ulong, int>)Export(library, "cudnnSetDropoutDescriptor");
        CreateRNNDescriptor = (delegate* unmanaged<nint*, int>)Export(library, "cudnnCreateRNNDescriptor");
        DestroyRNNDescriptor = (delegate* unmanaged<nint, int>)Export(library, "cudnnDestroyRNNDescriptor");
        SetRNNDescriptor_v8 = (delegate* unmanaged<nint, int, int, int, int, int, int, int, int, int, int, int, int, nint, uint, int>)
            Export(library, "cudnnSetRNNDescriptor_v8");
        GetRNNWeightSpaceSize = (delegate* unmanaged<nint, nint, nuint*, int>)Export(library, "cudnnGetRNNWeightSpaceSize");
        GetRNNWeightParams = (delegate* unmanaged<nint, nint, int, nuint, void*, int, nint, void**, nint, void**, int>)
            Export(library, "cudnnGetRNNWeightParams");
        CreateRNNDataDescriptor = (delegate* unmanaged<nint*, int>)Export(library, "cudnnCreateRNNDataDescriptor");
        DestroyRNNDataDescriptor = (delegate* unmanaged<nint, int>)Export(library, "cudnnDestroyRNNDataDescriptor");
        SetRNNDataDescriptor = (delegate* unmanaged<nint, int, int, int, int, int, int*, void*, int>)Export(library, "cudnnSetRNNDataDescriptor");
        GetRNNTempSpaceSizes = (delegate* unmanaged<nint, nint, int, nint, nuint*, nuint*, int>)Export(library, "cudnnGetRNNTempSpaceSizes");
        RNNForward = (delegate* unmanaged<nint, nint, int, int*, nint, void*, nint, void*, nint, void*, void*, nint, void*, void*,
            nuint, void*, nuint, void*, nuint, void*, int>)Export(library, "cudnnRNNForward");
        TransformTensor = (delegate* unmanaged<nint, float*, nint, void*, float*, nint, void*, int>)Export(library, "cudnnTransformTensor");
        CreateReduceTensorDescriptor = (delegate* unmanaged<nint*, int>)Export(library, "cudnnCreateReduceTensorDescriptor");
        DestroyReduceTensorDescriptor = (delegate* unmanaged<nint, int>)Export(library, "cudnnDestroyReduceTensorDescriptor");
        SetReduceTensorDescriptor = (delegate* unmanaged<nint, int, int, int, int, int, int>)Export(library, "cudnnSetReduceTensorDescriptor");
        GetReductionWorkspaceSize = (delegate* unmanaged<nint, nint, nint, nint, nuint*, int>)Export(library, "cudnnGetReductionWorkspaceSize");
        ReduceTensor = (delegate* unmanaged<nint, nint, void*, nuint, void*, nuint, float*, nint, void*, float*, nint, void*, int>)
            Export(library, "cudnnReduceTensor");
    }

    public delegate* unmanaged<nuint> GetVersion { get; }
    public delegate* unmanaged<int, byte*> GetErrorString { get; }
    public delegate* unmanaged<nint*, int> Create { get; }
    public delegate* unmanaged<nint, int> Destroy { get; }
    public delegate* unmanaged<nint, nint, int> SetStream { get; }
    public delegate* unmanaged<nint*, int> CreateTensorDescriptor { get; }
    public delegate* unmanaged<nint, int> DestroyTensorDescriptor { get; }

    /// <summary>(desc, dataType, nbDims, dims, strides).</summary>
    public delegate* unmanaged<nint, int, int, int*, int*, int> SetTensorNdDescriptor { get; }

    /// <summary>(desc, nbDimsRequested, dataType*, nbDims*, dims, strides).</summary>
    public delegate* unmanaged<nint, int, int*, int*, int*, int*, int> GetTensorNdDescriptor { get; }

    public delegate* unmanaged<nint*, int> CreateDropoutDescriptor { get; }
    public delegate* unmanaged<nint, int> DestroyDropoutDescriptor { get; }

    /// <summary>(desc, handle, dropout, states, stateSizeInBytes, seed).</summary>
    public delegate* unmanaged<nint, nint, float, void*, nuint, ulong, int> SetDropoutDescriptor { get; }

    public delegate* unmanaged<nint*, int> CreateRNNDescriptor { get; }
    public delegate* unmanaged<nint, int> DestroyRNNDescriptor { get; }

    /// <summary>(desc, algo, cellMode, biasMode, dirMode, inputMode, dataType, mathPrec, mathType, inputSize, hiddenSize, projSize, numLayers, dropoutDesc, auxFlags).</summary>
    public delegate* unmanaged<nint, int, int, int, int, int, int, int, int, int, int, int, int, nint, uint, int> SetRNNDescriptor_v8 { get; }

    /// <summary>(handle, rnnDesc, weightSpaceSize*).</summary>
    public delegate* unmanaged<nint, nint, nuint*, int> GetRNNWeightSpaceSize { get; }

    /// <summary>(handle, rnnDesc, pseudoLayer, weightSpaceSize, weightSpace, linLayerID, mDesc, mAddr*, bDesc, bAddr*).</summary>
    public delegate* unmanaged<nint, nint, int, nuint, void*, int, nint, void**, nint, void**, int> GetRNNWeightParams { get; }

    public delegate* unmanaged<nint*, int> CreateRNNDataDescriptor { get; }
    public delegate* unmanaged<nint, int> DestroyRNNDataDescriptor { get; }

    /// <summary>(desc, dataType, layout, maxSeqLength, batchSize, vectorSize, seqLengthArray, paddingFill).</summary>
    public delegate* unmanaged<nint, int, int, int, int, int, int*, void*, int> SetRNNDataDescriptor { get; }

    /// <summary>(handle, rnnDesc, fwdMode, xDesc, workSpaceSize*, reserveSpaceSize*).</summary>
    public delegate* unmanaged<nint, nint, int, nint, nuint*, nuint*, int> GetRNNTempSpaceSizes { get; }

    /// <summary>(handle, rnnDesc, fwdMode, devSeqLengths, xDesc, x, yDesc, y, hDesc, hx, hy, cDesc, cx, cy,
    /// weightSpaceSize, weightSpace, workSpaceSize, workSpace, reserveSpaceSize, reserveSpace).</summary>
    public delegate* unmanaged<nint, nint, int, int*, nint, void*, nint, void*, nint, void*, void*, nint, void*, void*,
        nuint, void*, nuint, void*, nuint, void*, int> RNNForward
    { get; }

    /// <summary>y = α·x + β·y with each side's own strides: (handle, α, xDesc, x, β, yDesc, y).</summary>
    public delegate* unmanaged<nint, float*, nint, void*, float*, nint, void*, int> TransformTensor { get; }

    public delegate* unmanaged<nint*, int> CreateReduceTensorDescriptor { get; }
    public delegate* unmanaged<nint, int> DestroyReduceTensorDescriptor { get; }

    /// <summary>(desc, op, compType, nanOpt, indices, indicesType).</summary>
    public delegate* unmanaged<nint, int, int, int, int, int, int> SetReduceTensorDescriptor { get; }

    /// <summary>(handle, reduceDesc, aDesc, cDesc, size*).</summary>
    public delegate* unmanaged<nint, nint, nint, nint, nuint*, int> GetReductionWorkspaceSize { get; }

    /// <summary>C = α·reduce(A) + β·C: (handle, reduceDesc, indices, indicesSize, workspace, workspaceSize, α, aDesc, A, β, cDesc, C).</summary>
    public delegate* unmanaged<nint, nint, void*, nuint, void*, nuint, float*, nint, void*, float*, nint, void*, int> ReduceTensor { get; }

    /// <summary>Throws <see cref="CudaException"/> naming <paramref name="call"/> unless <paramref name="status"/> is CUDNN_STATUS_SUCCESS.</summary>
    public void Check(int status, string call)
    {
        if (status != 0) throw new CudaException($"{call} failed: {Marshal.PtrToStringUTF8((nint)GetErrorString(status))} (cudnnStatus {status})", status);
    }

    /// <summary>"9.10.2" from cudnnGetVersion's 91002.</summary>
    public string VersionText()
    {
        ulong v = GetVersion();
        return $"{v / 10000}.{v % 10000 / 100}.{v % 100}";
    }

    private static nint Export(nint library, string name) => CudaRuntimeApi.Export(library, name);
}
