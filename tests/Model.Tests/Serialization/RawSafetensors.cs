using System.Buffers.Binary;
using System.Text;

namespace EcgStream.Model.Tests.Serialization;

/// <summary>Writes safetensors byte by byte from a header JSON text, so tests can build files the product would never write.</summary>
internal static class RawSafetensors
{
    public static byte[] Build(string headerJson, byte[] data)
    {
        byte[] header = Encoding.UTF8.GetBytes(headerJson);
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }

    /// <summary>The header JSON of an existing file.</summary>
    public static string Header(byte[] file) => Encoding.UTF8.GetString(file, 8, (int)BinaryPrimitives.ReadUInt64LittleEndian(file));

    /// <summary>The data section of an existing file.</summary>
    public static byte[] Data(byte[] file) => file[(8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(file))..];
}
