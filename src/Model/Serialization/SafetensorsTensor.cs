using System.Buffers.Binary;

namespace EcgStream.Model.Serialization;

/// <summary>One tensor of a safetensors file as stored: name, dtype (e.g. "F32"), shape and raw little-endian bytes.</summary>
/// <param name="Name">The header key.</param>
/// <param name="DType">The dtype string as written, e.g. "F32", "I8".</param>
/// <param name="Shape">Dimensions, outermost first.</param>
/// <param name="Bytes">The tensor's slice of the data section.</param>
public sealed record SafetensorsTensor(string Name, string DType, long[] Shape, ReadOnlyMemory<byte> Bytes)
{
    /// <summary>The values of an F32 tensor; throws <see cref="InvalidOperationException"/> for any other dtype.</summary>
    public float[] ToSingles()
    {
        if (DType != "F32") throw new InvalidOperationException($"Tensor {Name} has dtype {DType}, not F32.");
        var span = Bytes.Span;
        var values = new float[span.Length / sizeof(float)];
        for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(span.Slice(i * sizeof(float)));
        return values;
    }

    /// <summary>The shape as text, e.g. "[512, 1]".</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}
