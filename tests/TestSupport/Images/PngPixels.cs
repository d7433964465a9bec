using System.Buffers.Binary;
using System.IO.Compression;

namespace EcgStream.TestSupport;

/// <summary>Reads the pixels of an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium's screenshots are), enough to tell a drawn
/// page from a blank one.</summary>
public static class PngPixels
{
    /// <summary>The number of distinct RGB colours in the image.</summary>
    public static int DistinctColours(byte[] png)
    {
        var (width, height, channels, rows) = Decode(png);
        var colours = new HashSet<int>();
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int i = y * width * channels + x * channels;
                colours.Add(rows[i] << 16 | rows[i + 1] << 8 | rows[i + 2]);
            }
        return colours.Count;
    }

    private static (int Width, int Height, int Channels, byte[] Pixels) Decode(byte[] png)
    {
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        // Chunks follow the 8-byte signature: length, type, data, CRC.
        for (int at = 8; at < png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            string type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                if (data[8] != 8 || data[12] != 0) throw new NotSupportedException("only 8-bit, non-interlaced PNGs");
                channels = data[9] switch { 2 => 3, 6 => 4, _ => throw new NotSupportedException($"colour type {data[9]}") };
            }
            else if (type == "IDAT") idat.Write(data);
            at += 12 + length;
        }

        idat.Position = 0;
        using var inflater = new ZLibStream(idat, CompressionMode.Decompress);
        int stride = width * channels;
        var pixels = new byte[height * stride];
        var previous = new byte[stride];
        var line = new byte[stride + 1];
        for (int y = 0; y < height; y++)
        {
            inflater.ReadExactly(line);
            var current = pixels.AsSpan(y * stride, stride);
            Unfilter(line[0], line.AsSpan(1), previous, current, channels);
            current.CopyTo(previous);
        }
        return (width, height, channels, pixels);
    }

    /// <summary>Undoes one scanline's PNG filter (None, Sub, Up, Average, Paeth).</summary>
    private static void Unfilter(byte filter, ReadOnlySpan<byte> raw, ReadOnlySpan<byte> above, Span<byte> output, int bytesPerPixel)
    {
        for (int i = 0; i < raw.Length; i++)
        {
            int left = i >= bytesPerPixel ? output[i - bytesPerPixel] : 0;
            int up = above[i];
            int upLeft = i >= bytesPerPixel ? above[i - bytesPerPixel] : 0;
            int predictor = filter switch
            {
                0 => 0,
                1 => left,
                2 => up,
                3 => (left + up) / 2,
                4 => Paeth(left, up, upLeft),
                _ => throw new InvalidDataException($"PNG filter {filter}"),
            };
            output[i] = (byte)(raw[i] + predictor);
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
