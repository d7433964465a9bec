using System.Buffers.Binary;
using System.Text.Json;
using EcgStream.Model.Parameters;

namespace EcgStream.Model.Serialization;

/// <summary>Writes F32 tensors and a string metadata map as safetensors (see <see cref="SafetensorsReader"/> for the layout).</summary>
public static class SafetensorsWriter
{
    /// <summary>Writes <paramref name="tensors"/> in order, back to back, and <paramref name="metadata"/> as "__metadata__".</summary>
    public static void Write(Stream stream, IReadOnlyList<NamedTensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(metadata);
        var header = new MemoryStream();
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            json.WriteStartObject("__metadata__");
            foreach (var (key, value) in metadata.OrderBy(e => e.Key, StringComparer.Ordinal)) json.WriteString(key, value);
            json.WriteEndObject();
            long offset = 0;
            foreach (var tensor in tensors)
            {
                long length = (long)tensor.Data.Length * sizeof(float);
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", "F32");
                json.WriteStartArray("shape");
                foreach (int size in tensor.Shape) json.WriteNumberValue(size);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + length);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += length;
            }
            json.WriteEndObject();
        }

        // Pad the header with spaces so the data section starts 8-byte aligned, as the reference implementation does.
        while (header.Length % 8 != 0) header.WriteByte((byte)' ');
        Span<byte> length8 = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length8, (ulong)header.Length);
        stream.Write(length8);
        header.Position = 0;
        header.CopyTo(stream);
        var buffer = new byte[64 * 1024];
        foreach (var tensor in tensors)
        {
            for (int start = 0; start < tensor.Data.Length; start += buffer.Length / sizeof(float))
            {
                int n = Math.Min(buffer.Length / sizeof(float), tensor.Data.Length - start);
                for (int i = 0; i < n; i++) BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(i * sizeof(float)), tensor.Data[start + i]);
                stream.Write(buffer, 0, n * sizeof(float));
            }
        }
    }
}
