using System.Runtime.Intrinsics;

namespace EcgStream.Model.Layers;

/// <summary>Small elementwise helpers shared by the layers, the trainer and the optimiser.</summary>
internal static unsafe class Elementwise
{
    /// <summary>destination[c, r] = source[r, c] for a [rows, columns] source.</summary>
    public static void Transpose(float[] source, int rows, int columns, float[] destination)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++) destination[c * rows + r] = source[r * columns + c];
        }
    }

    /// <summary>destination += source, elementwise.</summary>
    public static void Add(ReadOnlySpan<float> source, Span<float> destination)
    {
        fixed (float* s = source, d = destination)
        {
            int i = 0;
            for (; i + 16 <= source.Length; i += 16) Vector512.Store(Vector512.Load(d + i) + Vector512.Load(s + i), d + i);
            for (; i < source.Length; i++) d[i] += s[i];
        }
    }

    /// <summary>Adds Σ_rows of a [rows, columns] matrix to each destination.</summary>
    public static void AddRows(ReadOnlySpan<float> matrix, int rows, int columns, float[] first, float[]? second = null)
    {
        Span<float> sum = columns <= 1024 ? stackalloc float[columns] : new float[columns];
        sum.Clear();
        for (int r = 0; r < rows; r++) Add(matrix.Slice(r * columns, columns), sum);
        Add(sum, first);
        if (second is not null) Add(sum, second);
    }

    /// <summary>destination = a + b, elementwise.</summary>
    public static void Sum(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> destination)
    {
        fixed (float* pa = a, pb = b, d = destination)
        {
            int i = 0;
            for (; i + 16 <= destination.Length; i += 16) Vector512.Store(Vector512.Load(pa + i) + Vector512.Load(pb + i), d + i);
            for (; i < destination.Length; i++) d[i] = pa[i] + pb[i];
        }
    }

    /// <summary>values ← values · factor, elementwise.</summary>
    public static void Scale(Span<float> values, float factor)
    {
        fixed (float* v = values)
        {
            var f = Vector512.Create(factor);
            int i = 0;
            for (; i + 16 <= values.Length; i += 16) Vector512.Store(Vector512.Load(v + i) * f, v + i);
            for (; i < values.Length; i++) v[i] *= factor;
        }
    }
}
