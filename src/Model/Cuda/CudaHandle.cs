namespace EcgStream.Model.Cuda;

/// <summary>
/// One opaque CUDA library object (a stream, a cuBLAS or cuDNN handle, a cuDNN descriptor) and the function that destroys
/// it; <see cref="Dispose"/> destroys it once. Each kind's create and destroy pair is named here and nowhere else. No
/// finalizer, for the reason given on <see cref="CudaMemory"/>.
/// </summary>
internal sealed unsafe class CudaHandle : IDisposable
{
    /// <summary>The library's destroy function for this kind of object.</summary>
    private readonly delegate* unmanaged<nint, int> _destroy;

    private CudaHandle(nint value, delegate* unmanaged<nint, int> destroy)
    {
        Value = value;
        _destroy = destroy;
    }

    /// <summary>The handle as the C API takes it; 0 once destroyed.</summary>
    public nint Value { get; private set; }

    /// <summary>A cudaStream_t created with <paramref name="flags"/>.</summary>
    public static CudaHandle Stream(CudaRuntimeApi runtime, uint flags)
    {
        nint stream;
        runtime.Check(runtime.StreamCreateWithFlags(&stream, flags), "cudaStreamCreateWithFlags");
        return new CudaHandle(stream, runtime.StreamDestroy);
    }

    /// <summary>A cublasHandle_t.</summary>
    public static CudaHandle Cublas(CublasApi blas)
    {
        nint handle;
        CublasApi.Check(blas.Create(&handle), "cublasCreate");
        return new CudaHandle(handle, blas.Destroy);
    }

    /// <summary>A cudnnHandle_t.</summary>
    public static CudaHandle Cudnn(CudnnApi dnn) => Create(dnn, dnn.Create, dnn.Destroy, "cudnnCreate");

    /// <summary>A cudnnTensorDescriptor_t, not yet set.</summary>
    public static CudaHandle TensorDescriptor(CudnnApi dnn) =>
        Create(dnn, dnn.CreateTensorDescriptor, dnn.DestroyTensorDescriptor, "cudnnCreateTensorDescriptor");

    /// <summary>A cudnnRNNDataDescriptor_t, not yet set.</summary>
    public static CudaHandle RnnDataDescriptor(CudnnApi dnn) =>
        Create(dnn, dnn.CreateRNNDataDescriptor, dnn.DestroyRNNDataDescriptor, "cudnnCreateRNNDataDescriptor");

    /// <summary>A cudnnReduceTensorDescriptor_t, not yet set.</summary>
    public static CudaHandle ReduceTensorDescriptor(CudnnApi dnn) =>
        Create(dnn, dnn.CreateReduceTensorDescriptor, dnn.DestroyReduceTensorDescriptor, "cudnnCreateReduceTensorDescriptor");

    /// <summary>A cudnnRNNDescriptor_t, not yet set.</summary>
    public static CudaHandle RnnDescriptor(CudnnApi dnn) =>
        Create(dnn, dnn.CreateRNNDescriptor, dnn.DestroyRNNDescriptor, "cudnnCreateRNNDescriptor");

    /// <summary>A cudnnDropoutDescriptor_t, not yet set.</summary>
    public static CudaHandle DropoutDescriptor(CudnnApi dnn) =>
        Create(dnn, dnn.CreateDropoutDescriptor, dnn.DestroyDropoutDescriptor, "cudnnCreateDropoutDescriptor");

    /// <summary>Destroys the object, once; later calls do nothing.</summary>
    public void Dispose()
    {
        if (Value == 0) return;
        // The status is not checked: Dispose must not throw, and there is nothing left to do if the destroy fails.
        _destroy(Value);
        Value = 0;
    }

    private static CudaHandle Create(CudnnApi dnn, delegate* unmanaged<nint*, int> create, delegate* unmanaged<nint, int> destroy, string call)
    {
        nint value;
        dnn.Check(create(&value), call);
        return new CudaHandle(value, destroy);
    }
}
