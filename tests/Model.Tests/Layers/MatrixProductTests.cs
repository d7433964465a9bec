using EcgStream.Model.Layers;

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

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 5, 7)]
    [InlineData(4, 16, 3)]
    [InlineData(5, 64, 300)]
    [InlineData(16, 83, 129)]
    [InlineData(8, 128, 260)]
    public void Multiply_MatchesReference_ForRowMajorA(int m, int n, int k)
    {
        float[] a = Random(m * k, 1), b = Random(k * n, 2), c = Random(m * n, 3);
        float[] expected = Reference(a, k, 1, b, c, m, n, k, accumulate: true);

        MatrixProduct.Multiply(a, k, 1, b, n, c, n, m, n, k, accumulate: true);

        Assert.InRange(Parity.ParityFixture.RelativeError(c, expected), 0, Tolerance);
    }

    [Theory]
    [InlineData(4, 64, 300)]
    [InlineData(8, 81, 17)]
    [InlineData(6, 20, 9)]
    [InlineData(7, 1, 30)]
    [InlineData(36, 1, 50)]
    public void Multiply_MatchesReference_ForTransposedA(int m, int n, int k)
    {
        // A stored as [K, M]: A(m, k) = a[k·M + m]. M divisible by 4 reads A in place; other M are packed.
        float[] a = Random(m * k, 4), b = Random(k * n, 5), c = Random(m * n, 6);
        float[] expected = Reference(a, 1, m, b, c, m, n, k, accumulate: false);

        MatrixProduct.Multiply(a, 1, m, b, n, c, n, m, n, k, accumulate: false);

        Assert.InRange(Parity.ParityFixture.RelativeError(c, expected), 0, Tolerance);
    }
}
