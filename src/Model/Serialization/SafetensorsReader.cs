using System.Buffers.Binary;
using System.Text.Json;

namespace EcgStream.Model.Serialization;

/// <summary>
/// Reads safetensors: 8-byte little-endian header length N, N bytes of UTF-8 JSON ({"name": {"dtype", "shape",
/// "data_offsets": [begin, end)}, "__metadata__": {string: string}}), then the data section, tensors back to back.
/// Every structural problem is a <see cref="ModelFileException"/> naming the file and the tensor.
/// </summary>
public static class SafetensorsReader
{
    /// <summary>Largest header accepted (the format's own limit is 100 MB).</summary>
    private const long MaxHeaderBytes = 100_000_000;

    /// <summary>Bytes per element of each dtype the format defines.</summary>
    private static readonly Dictionary<string, int> ElementSizes = new()
    {
        ["F64"] = 8, ["F32"] = 4, ["F16"] = 2, ["BF16"] = 2, ["I64"] = 8, ["I32"] = 4, ["I16"] = 2,
        ["I8"] = 1, ["U64"] = 8, ["U32"] = 4, ["U16"] = 2, ["U8"] = 1, ["BOOL"] = 1,
    };

    /// <summary>Reads and checks the whole file at <paramref name="path"/>.</summary>
    public static SafetensorsContent Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException(path, "cannot be read: " + e.Message, e);
        }
        return Parse(path, bytes);
    }

    /// <summary>Parses and checks safetensors <paramref name="bytes"/>; <paramref name="path"/> is used in messages.</summary>
    public static SafetensorsContent Parse(string path, byte[] bytes)
    {
        if (bytes.Length < 8) throw new ModelFileException(path, $"not a safetensors file: {bytes.Length} bytes, shorter than the 8-byte header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > MaxHeaderBytes || headerLength > (ulong)(bytes.Length - 8))
        {
            throw new ModelFileException(path, $"not a safetensors file or truncated: header length {headerLength} but only {bytes.Length - 8} bytes follow");
        }
        int dataStart = 8 + (int)headerLength;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
        }
        catch (JsonException e)
        {
            throw new ModelFileException(path, "not a safetensors file: the header is not valid JSON (" + e.Message + ")", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new ModelFileException(path, "not a safetensors file: the header is not a JSON object");
            var metadata = new Dictionary<string, string>();
            var tensors = new Dictionary<string, SafetensorsTensor>();
            var ranges = new List<(long Begin, long End, string Name)>();
            long dataLength = bytes.Length - dataStart;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    ReadMetadata(path, property.Value, metadata);
                    continue;
                }
                var tensor = ReadTensor(path, property.Name, property.Value, bytes, dataStart, dataLength, out long begin, out long end);
                if (!tensors.TryAdd(tensor.Name, tensor)) throw new ModelFileException(path, $"tensor {tensor.Name} appears twice");
                ranges.Add((begin, end, tensor.Name));
            }
            CheckCoverage(path, ranges, dataLength);
            return new SafetensorsContent(metadata, tensors);
        }
    }

    private static void ReadMetadata(string path, JsonElement element, Dictionary<string, string> metadata)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new ModelFileException(path, "__metadata__ is not a JSON object");
        foreach (var entry in element.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String) throw new ModelFileException(path, $"metadata {entry.Name} is not a string");
            metadata[entry.Name] = entry.Value.GetString()!;
        }
    }

    private static SafetensorsTensor ReadTensor(string path, string name, JsonElement element, byte[] bytes, int dataStart, long dataLength, out long begin, out long end)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new ModelFileException(path, $"tensor {name}: header entry is not a JSON object");
        if (!element.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
        {
            throw new ModelFileException(path, $"tensor {name}: no dtype");
        }
        string dtype = dtypeElement.GetString()!;
        if (!ElementSizes.TryGetValue(dtype, out int elementSize)) throw new ModelFileException(path, $"tensor {name}: unknown dtype {dtype}");
        if (!element.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
        {
            throw new ModelFileException(path, $"tensor {name}: no shape");
        }
        var shape = new long[shapeElement.GetArrayLength()];
        long elements = 1;
        int d = 0;
        foreach (var dimension in shapeElement.EnumerateArray())
        {
            if (dimension.ValueKind != JsonValueKind.Number || !dimension.TryGetInt64(out long size) || size < 0 || size > int.MaxValue)
            {
                throw new ModelFileException(path, $"tensor {name}: shape {shapeElement.GetRawText()} is not a list of sizes");
            }
            shape[d++] = size;
            elements = checked(elements * size);
        }
        if (!element.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2
            || !offsets[0].TryGetInt64(out begin) || !offsets[1].TryGetInt64(out end))
        {
            throw new ModelFileException(path, $"tensor {name}: data_offsets is not [begin, end]");
        }
        if (begin < 0 || end < begin || end > dataLength)
        {
            throw new ModelFileException(path, $"tensor {name}: data_offsets [{begin}, {end}] outside the {dataLength}-byte data section (truncated file?)");
        }
        if (end - begin != elements * elementSize)
        {
            throw new ModelFileException(path, $"tensor {name}: {end - begin} bytes of data for shape [{string.Join(", ", shape)}] of {dtype}, which needs {elements * elementSize}");
        }
        return new SafetensorsTensor(name, dtype, shape, bytes.AsMemory(dataStart + (int)begin, (int)(end - begin)));
    }

    /// <summary>The format requires tensors to fill the data section back to back, with no gap or overlap.</summary>
    private static void CheckCoverage(string path, List<(long Begin, long End, string Name)> ranges, long dataLength)
    {
        ranges.Sort((x, y) => x.Begin != y.Begin ? x.Begin.CompareTo(y.Begin) : x.End.CompareTo(y.End));
        long expected = 0;
        foreach (var (begin, end, name) in ranges)
        {
            if (begin != expected) throw new ModelFileException(path, $"tensor {name}: data starts at {begin}, expected {expected} (gap or overlap)");
            expected = end;
        }
        if (expected != dataLength) throw new ModelFileException(path, $"data section has {dataLength} bytes but the tensors cover {expected}");
    }
}
