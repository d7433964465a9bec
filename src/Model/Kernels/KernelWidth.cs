using System.Runtime.Intrinsics;

namespace EcgStream.Model.Kernels;

/// <summary>Which vector width a kernel runs at; packed weights are laid out for one width.</summary>
public enum KernelWidth
{
    /// <summary>One float at a time: the portable fallback.</summary>
    Scalar = 1,

    /// <summary>Vector256&lt;float&gt;, 8 floats (AVX2 + FMA).</summary>
    Vector256 = 8,

    /// <summary>Vector512&lt;float&gt;, 16 floats (AVX-512).</summary>
    Vector512 = 16,
}
