namespace EcgStream.Model.Kernels.Widths;

/// <summary>
/// The vector operations the kernels are written against, for one vector width. Each kernel is written once as a
/// generic method over <typeparamref name="TVector"/>; the JIT specialises it per width (Vector512, Vector256,
/// scalar float), so a kernel has one source and three machine-code versions with no call overhead.
/// </summary>
/// <typeparam name="TVector">The register type: Vector512&lt;float&gt;, Vector256&lt;float&gt; or float.</typeparam>
internal interface ISimdWidth<TVector> where TVector : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Count { get; }

    /// <summary>Every lane set to <paramref name="value"/>.</summary>
    static abstract TVector Create(float value);

    /// <summary>Loads Count floats starting at <paramref name="source"/> + <paramref name="offset"/>.</summary>
    static abstract TVector Load(ref float source, nint offset);

    /// <summary>Stores Count floats starting at <paramref name="destination"/> + <paramref name="offset"/>.</summary>
    static abstract void Store(TVector value, ref float destination, nint offset);

    /// <summary>a + b.</summary>
    static abstract TVector Add(TVector a, TVector b);

    /// <summary>a − b.</summary>
    static abstract TVector Subtract(TVector a, TVector b);

    /// <summary>a · b.</summary>
    static abstract TVector Multiply(TVector a, TVector b);

    /// <summary>a / b, correctly rounded.</summary>
    static abstract TVector Divide(TVector a, TVector b);

    /// <summary>a · b + c, rounded once where the hardware has FMA.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

    /// <summary>Lane-wise minimum; NaN handling is the hardware's (callers clamp finite values).</summary>
    static abstract TVector Min(TVector a, TVector b);

    /// <summary>Lane-wise maximum; NaN handling is the hardware's.</summary>
    static abstract TVector Max(TVector a, TVector b);

    /// <summary>|a|.</summary>
    static abstract TVector Abs(TVector a);

    /// <summary>|value| with the sign of <paramref name="sign"/>.</summary>
    static abstract TVector CopySign(TVector value, TVector sign);

    /// <summary>eᵃ by the runtime's own implementation (Vector512.Exp, Vector256.Exp, MathF.Exp), which training uses.</summary>
    static abstract TVector Exp(TVector a);

    /// <summary>Rounds each lane to the nearest integer (ties to even).</summary>
    static abstract TVector Round(TVector a);

    /// <summary>p · 2ⁿ for integer-valued n in [−126, 127].</summary>
    static abstract TVector ScaleByPowerOfTwo(TVector p, TVector n);

    /// <summary>1 / a to within about 1 ulp (a hardware estimate refined by one Newton step where available).</summary>
    static abstract TVector Reciprocal(TVector a);

    /// <summary>Per lane: <paramref name="ifLess"/> where a &lt; limit, else <paramref name="otherwise"/>.</summary>
    static abstract TVector SelectWhereLess(TVector a, TVector limit, TVector ifLess, TVector otherwise);

    /// <summary>Sum of the lanes.</summary>
    static abstract float Sum(TVector a);
}
