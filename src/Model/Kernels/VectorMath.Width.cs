using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EcgStream.Model.Kernels;

public static partial class VectorMath
{
    /// <summary>The widest width this machine runs in hardware: Vector512 with AVX-512, Vector256 with AVX2 + FMA, else Scalar.</summary>
    public static KernelWidth PreferredWidth =>
        Vector512.IsHardwareAccelerated ? KernelWidth.Vector512
        : Vector256.IsHardwareAccelerated && Fma.IsSupported ? KernelWidth.Vector256
        : KernelWidth.Scalar;
}
