using EcgStream.Model.Kernels;
using EcgStream.Model.Layers;
using EcgStream.Model.Tests.Kernels;

namespace EcgStream.Model.Tests.Layers;

public sealed class MatrixProductTests
{
    /// <summary>Sums of up to 300 products of values in [−1, 1], float against double: relative bound with room.</summary>
    private const double Tolerance = 1e-5;

    private static float[] Random(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }

    /// <summary>C = (accumulate ? C : 0) + A·B in double with plain loops, A(m,k) = a[m·rs + k·cs].</summary>
    private static float[] Reference(float[] a, int rs, int cs, float[] b, float[] c, int m, int n, int k, bool accumulate)
    {
        var result = new float[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? c[i * n + j] : 0;
                for (int p = 0; p < k; p++) sum += (double)a[i * rs + p * cs] * b[p * n + j];
                result[i * n + j] = (float)sum;
            }
        }
        return result;
    }

    /// <summary>Shapes (M, N, K) for a row-major A: one element, odd sizes, every column path (wide blocks, narrow, scalar tail) at each width.</summary>
    public static TheoryData<int, int, int, KernelWidth> RowMajorShapes =>
        AtEveryWidth((1, 1, 1), (3, 5, 7), (4, 16, 3), (5, 64, 300), (16, 83, 129), (8, 128, 260));

    /// <summary>Shapes (M, N, K) for a transposed A: M divisible by 4 reads A in place; other M are packed; N = 1 takes the column path.</summary>
    public static TheoryData<int, int, int, KernelWidth> TransposedShapes =>
        AtEveryWidth((4, 64, 300), (8, 81, 17), (6, 20, 9), (7, 1, 30), (36, 1, 50));

    [Theory]
    [MemberData(nameof(RowMajorShapes))]
    public void Multiply_MatchesReference_ForRowMajorA(int m, int n, int k, KernelWidth width)
    {
        float[] a = Random(m * k, 1), b = Random(k * n, 2), c = Random(m * n, 3);
        float[] expected = Reference(a, k, 1, b, c, m, n, k, accumulate: true);

        MatrixProduct.Multiply(a, k, 1, b, n, c, n, m, n, k, accumulate: true, width);

        Assert.InRange(Parity.ParityFixture.RelativeError(c, expected), 0, Tolerance);
    }

    [Theory]
    [MemberData(nameof(TransposedShapes))]
    public void Multiply_MatchesReference_ForTransposedA(int m, int n, int k, KernelWidth width)
    {
        // A stored as [K, M]: A(m, k) = a[k·M + m].
        float[] a = Random(m * k, 4), b = Random(k * n, 5), c = Random(m * n, 6);
        float[] expected = Reference(a, 1, m, b, c, m, n, k, accumulate: false);

        MatrixProduct.Multiply(a, 1, m, b, n, c, n, m, n, k, accumulate: false, width);

        Assert.InRange(Parity.ParityFixture.RelativeError(c, expected), 0, Tolerance);
    }

    private static TheoryData<int, int, int, KernelWidth> AtEveryWidth(params (int M, int N, int K)[] shapes)
    {
        var data = new TheoryData<int, int, int, KernelWidth>();
        foreach (var (m, n, k) in shapes)
            foreach (KernelWidth width in KernelWidths.All) data.Add(m, n, k, width);
        return data;
    }
}
