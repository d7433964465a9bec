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
}
