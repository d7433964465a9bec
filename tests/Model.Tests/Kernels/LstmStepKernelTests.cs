using EcgStream.Model.Kernels;
using EcgStream.Model.Tests.Reference;

namespace EcgStream.Model.Tests.Kernels;

public class LstmStepKernelTests
{
    // Gates carry a dot-product error (~K·ε relative to their magnitude, ≤ 1e-5 absolute here) and the activations ~1e-6
    // relative; h and c are O(1), so an absolute tolerance of 2e-5 bounds a few steps comfortably.
    private const double Tolerance = 2e-5;

    public static TheoryData<KernelWidth, int, int, int> Sizes
    {
        get
        {
            var data = new TheoryData<KernelWidth, int, int, int>();
            foreach (var width in new[] { KernelWidth.Scalar, KernelWidth.Vector256, KernelWidth.Vector512 })
            {
                data.Add(width, 1, 1, 3);
                data.Add(width, 6, 5, 16);
                data.Add(width, 4, 9, 20);
                data.Add(width, 9, 128, 64);
                // One row (batch 1: a GEMV per step) over several panels (3 and 8 at Vector512).
                data.Add(width, 1, 7, 48);
                data.Add(width, 1, 64, 128);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void LstmStep_MatchesReference_ForThreeSteps(KernelWidth width, int rows, int inputs, int hidden)
    {
        var weightIh = KernelWidths.Random(4 * hidden * inputs, seed: 21, scale: 0.5f);
        var weightHh = KernelWidths.Random(4 * hidden * hidden, seed: 22, scale: 0.5f);
        var biasIh = KernelWidths.Random(4 * hidden, seed: 23, scale: 0.5f);
        var biasHh = KernelWidths.Random(4 * hidden, seed: 24, scale: 0.5f);
        var inputProjection = PackedMatrix.PackLstmGates(weightIh, hidden, inputs, inputs, biasIh, biasHh, width);
        var recurrent = PackedMatrix.PackLstmGates(weightHh, hidden, hidden, inputProjection.Columns / 4, default, default, width);
        int padded = recurrent.Depth;
        var gates = new float[rows * inputProjection.Columns];
        var cell = new float[rows * padded];
        var h = new float[rows * padded];
        var previous = new float[rows * padded];
        var expectedCell = new double[rows * hidden];
        var expectedH = new double[rows * hidden];
        var biases = biasIh.Zip(biasHh, (x, y) => x + y).ToArray();

        for (int t = 0; t < 3; t++)
        {
            var x = KernelWidths.Random(rows * inputs, seed: 30 + t);
            VectorMath.Gemm(x, rows, inputProjection, gates);
            h.CopyTo(previous, 0);
            Step(width, gates, t == 0 ? ReadOnlySpan<float>.Empty : previous, recurrent, cell, h, rows);
            ReferenceKernels.LstmStep(ReferenceKernels.Linear(x, rows, weightIh, 4 * hidden, inputs, biases), weightHh, hidden, expectedCell, expectedH, rows);
        }

        for (int r = 0; r < rows; r++)
        {
            for (int u = 0; u < hidden; u++)
            {
                Assert.Equal(expectedH[r * hidden + u], h[r * padded + u], Tolerance);
                Assert.Equal(expectedCell[r * hidden + u], cell[r * padded + u], Tolerance);
            }
            // Padded units stay exactly zero.
            for (int u = hidden; u < padded; u++) Assert.Equal(0f, h[r * padded + u]);
        }
    }

    [Fact]
    public void LstmStep_Throws_WhenDestinationIsTooShort()
    {
        var recurrent = PackedMatrix.PackLstmGates(new float[4 * 3 * 3], 3, 3, 8, default, default, KernelWidth.Vector256);

        Assert.Throws<ArgumentException>(() =>
            VectorMath.LstmStep(new float[2 * recurrent.Columns], default, recurrent, new float[2 * 8], new float[2 * 8 - 1], 2));
    }

    [Fact]
    public void LstmStep_Throws_WhenRecurrentMatrixIsNotSquare()
    {
        var notRecurrent = PackedMatrix.Pack(new float[4 * 8 * 3], 4 * 8, 3, default, KernelWidth.Vector256);

        Assert.Throws<ArgumentException>(() =>
            VectorMath.LstmStep(new float[notRecurrent.Columns], default, notRecurrent, new float[8], new float[8], 1));
    }

    private static void Step(KernelWidth width, float[] gates, ReadOnlySpan<float> previous, PackedMatrix recurrent, float[] cell, float[] h, int rows)
    {
        switch (width)
        {
            case KernelWidth.Vector512: VectorMath.LstmStep512(gates, previous, recurrent, cell, h, rows); break;
            case KernelWidth.Vector256: VectorMath.LstmStep256(gates, previous, recurrent, cell, h, rows); break;
            default: VectorMath.LstmStepScalar(gates, previous, recurrent, cell, h, rows); break;
        }
    }
}
