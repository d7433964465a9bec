using EcgStream.Model.Kernels.Widths;

namespace EcgStream.Model.Kernels;

/// <summary>An element-wise function f, written once for every width; <see cref="VectorMath"/>' loop driver applies it to spans.</summary>
internal interface IUnaryOperator
{
    /// <summary>f applied to each lane of <paramref name="x"/>.</summary>
    static abstract TVector Invoke<TWidth, TVector>(TVector x) where TWidth : ISimdWidth<TVector> where TVector : struct;
}
