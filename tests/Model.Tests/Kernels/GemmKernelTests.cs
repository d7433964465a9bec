using EcgStream.Model.Kernels;
using EcgStream.Model.Tests.Reference;

namespace EcgStream.Model.Tests.Kernels;

public class GemmKernelTests
{
    // Each output is a sum of K products plus a bias: relative to Σ|terms| the float error is at most ~(K+1)·ε.
    private const double Epsilon = 6e-8;

    public static TheoryData<KernelWidth, int, int, int> Sizes
    {
        get
        {
            var data = new TheoryData<KernelWidth, int, int, int>();
            foreach (var width in new[] { KernelWidth.Scalar, KernelWidth.Vector256, KernelWidth.Vector512 })
            {
                data.Add(width, 1, 1, 1);
                data.Add(width, 3, 7, 5);
                data.Add(width, 4, 16, 64);
                data.Add(width, 9, 128, 130);
                data.Add(width, 140, 1, 512);
                // One row over several panels (3 and 2 at Vector512).
                data.Add(width, 1, 9, 130);
                data.Add(width, 1, 16, 128);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Gemm_MatchesReference_ForEveryWidthAndSize(KernelWidth width, int rows, int inputs, int outputs)
    {
        var a = KernelWidths.Random(rows * inputs, seed: 1);
        var weight = KernelWidths.Random(outputs * inputs, seed: 2);
        var bias = KernelWidths.Random(outputs, seed: 3);
        var packed = PackedMatrix.Pack(weight, outputs, inputs, bias, width);
        var c = new float[rows * packed.Columns];

        Action<float[], int, PackedMatrix, float[]> gemm = width switch
        {
            KernelWidth.Vector512 => (x, m, b, y) => VectorMath.Gemm512(x, m, b, y),
            KernelWidth.Vector256 => (x, m, b, y) => VectorMath.Gemm256(x, m, b, y),
            _ => (x, m, b, y) => VectorMath.GemmScalar(x, m, b, y),
        };
        gemm(a, rows, packed, c);

        var expected = ReferenceKernels.Linear(a, rows, weight, outputs, inputs, bias);
        for (int r = 0; r < rows; r++)
        {
            for (int o = 0; o < outputs; o++)
            {
                double magnitude = Math.Abs(bias[o]);
                for (int k = 0; k < inputs; k++) magnitude += Math.Abs((double)a[r * inputs + k] * weight[o * inputs + k]);
                Assert.Equal(expected[r * outputs + o], c[r * packed.Columns + o], (inputs + 2) * Epsilon * magnitude);
            }
            // Padding columns hold exactly zero: zero weights, zero bias.
            for (int o = outputs; o < packed.Columns; o++) Assert.Equal(0f, c[r * packed.Columns + o]);
        }
    }

    [Fact]
    public void Gemm_Throws_WhenDestinationIsTooShort()
    {
        var packed = PackedMatrix.Pack(new float[6], 2, 3, default, KernelWidth.Vector256);
        var a = new float[2 * 3];

        Assert.Throws<ArgumentException>(() => VectorMath.Gemm(a, 2, packed, new float[2 * packed.Columns - 1]));
    }

    [Fact]
    public void Gemm_Throws_WhenInputIsTooShort()
    {
        var packed = PackedMatrix.Pack(new float[6], 2, 3, default, KernelWidth.Scalar);

        Assert.Throws<ArgumentException>(() => VectorMath.Gemm(new float[5], 2, packed, new float[2 * packed.Columns]));
    }

    [Fact]
    public void Pack_Throws_WhenWeightSizeDoesNotMatchShape()
    {
        Assert.Throws<ArgumentException>(() => PackedMatrix.Pack(new float[5], 2, 3, default, KernelWidth.Scalar));
    }
}
