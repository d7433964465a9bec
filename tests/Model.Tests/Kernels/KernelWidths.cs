using EcgStream.Model.Kernels;

namespace EcgStream.Model.Tests.Kernels;

/// <summary>Theory data shared by the kernel tests: every width, and lengths around each vector width.</summary>
public static class KernelWidths
{
    /// <summary>Every kernel width; the vector APIs run without hardware support too, only slowly, so each runs here.</summary>
    public static TheoryData<KernelWidth> All => new() { KernelWidth.Scalar, KernelWidth.Vector256, KernelWidth.Vector512 };

    /// <summary>0, 1, Count−1, Count, Count+1, 2·Count+3 for Count = 8 and 16, a 140-sample beat, and 6·512+7.</summary>
    public static readonly int[] Lengths = [0, 1, 7, 8, 9, 15, 16, 17, 19, 35, 140, 6 * 512 + 7];

    /// <summary>Every width with every length.</summary>
    public static TheoryData<KernelWidth, int> WidthsAndLengths
    {
        get
        {
            var data = new TheoryData<KernelWidth, int>();
            foreach (var width in new[] { KernelWidth.Scalar, KernelWidth.Vector256, KernelWidth.Vector512 })
                foreach (int length in Lengths) data.Add(width, length);
            return data;
        }
    }

    /// <summary>Each of <paramref name="cases"/> at every width: the training tests run their fixtures this way.</summary>
    public static TheoryData<T, KernelWidth> AtEveryWidth<T>(TheoryData<T> cases)
    {
        var data = new TheoryData<T, KernelWidth>();
        foreach (T item in cases)
            foreach (KernelWidth width in All) data.Add(item, width);
        return data;
    }

    /// <summary>Uniform random floats in [−scale, scale] from a fixed seed.</summary>
    public static float[] Random(int length, int seed, float scale = 1f)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)((random.NextDouble() * 2 - 1) * scale);
        return values;
    }
}
