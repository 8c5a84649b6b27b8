using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Diagrams.App.Tests.Converter;

/// <summary>
/// Visio inputs built in the tests: minimal EMF and WMF files written record by record (MS-EMF, MS-WMF), the shared .vsdx fixture
/// with EMF images added or repackaged as a stencil, and hand-written Visio 2003 XML (.vdx/.vsx).
/// </summary>
internal static class VisioTestFiles
{
    public const string Fixture = "HR-Recruiting-FlowchartB_start.vsdx";

    /// <summary>An EMF of <paramref name="rectangles"/> filled rectangles (the first red at 10,10–90,60) on a 100×70 canvas with no background.</summary>
    public static byte[] Emf(int rectangles = 1, int seed = 1)
    {
        using var body = new MemoryStream();
        Record(body, 39, 1, 0, 0x000000FF, 0); // EMR_CREATEBRUSHINDIRECT #1: solid, COLORREF red
        Record(body, 37, 1); // EMR_SELECTOBJECT #1
        var random = new Random(seed);
        for (var i = 0; i < rectangles; i++)
        {
            // EMR_RECTANGLE; after the first, coordinates vary so the file does not compress like a zip bomb.
            var (l, t) = i == 0 ? (10, 10) : (random.Next(0, 50), random.Next(0, 35));
            Record(body, 43, l, t, i == 0 ? 90 : l + random.Next(1, 50), i == 0 ? 60 : t + random.Next(1, 35));
        }

        Record(body, 14, 0, 16, 20); // EMR_EOF
        var total = 88 + (int)body.Length;
        var header = new byte[88];
        Span<int> ints = [1, 88, 0, 0, 100, 70, 0, 0, 2646, 1852, 0x464D4520, 0x10000, total, rectangles + 4];
        for (var i = 0; i < ints.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(i * 4), ints[i]);
        }

        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(56), 2); // nHandles
        Span<int> device = [1024, 768, 270, 203]; // szlDevice, szlMillimeters
        for (var i = 0; i < device.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(72 + (i * 4)), device[i]);
        }

        return [.. header, .. body.ToArray()];
    }

    private static void Record(Stream s, int type, params int[] values)
    {
        Span<byte> buffer = stackalloc byte[8 + (values.Length * 4)];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, type);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[4..], buffer.Length);
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer[(8 + (i * 4))..], values[i]);
        }

        s.Write(buffer);
    }

    /// <summary>A placeable WMF drawing one red filled rectangle at 10,10–90,60 in a 0,0–100,70 frame of 96 units per inch.</summary>
    public static byte[] Wmf() => Wmf((0, 0, 100, 70), 96, (10, 10, 90, 60));

    /// <summary>
    /// A placeable WMF written record by record per [MS-WMF]: META_PLACEABLE (frame, units per inch, checksum),
    /// META_HEADER, META_CREATEBRUSHINDIRECT (solid red), META_SELECTOBJECT, one META_RECTANGLE per rectangle, then
    /// <paramref name="extra"/> records and META_EOF. No record paints a background.
    /// </summary>
    public static byte[] Wmf((short Left, short Top, short Right, short Bottom) frame, ushort unitsPerInch, params (short Left, short Top, short Right, short Bottom)[] rectangles) =>
        Wmf(frame, unitsPerInch, [], rectangles);

    public static byte[] Wmf((short Left, short Top, short Right, short Bottom) frame, ushort unitsPerInch, byte[][] extra, params (short Left, short Top, short Right, short Bottom)[] rectangles)
    {
        using var body = new MemoryStream();
        Words(body, 7, 0, 0x02FC, 0 /* BS_SOLID */, 0x00FF, 0x0000 /* COLORREF red */, 0); // META_CREATEBRUSHINDIRECT
        Words(body, 4, 0, 0x012D, 0); // META_SELECTOBJECT object 0
        foreach (var (left, top, right, bottom) in rectangles)
        {
            Words(body, 7, 0, 0x041B, bottom, right, top, left); // META_RECTANGLE: parameters in reverse order
        }

        foreach (var record in extra)
        {
            body.Write(record);
        }

        Words(body, 3, 0, 0x0000); // META_EOF
        var maxRecord = Math.Max(7, extra.Select(r => r.Length / 2).DefaultIfEmpty(0).Max());
        var words = 9 + ((int)body.Length / 2);
        using var file = new MemoryStream();
        Words(file, 0xCDD7, 0x9AC6, 0, frame.Left, frame.Top, frame.Right, frame.Bottom, unitsPerInch, 0, 0); // META_PLACEABLE
        var checksum = 0;
        for (var i = 0; i < 20; i += 2)
        {
            checksum ^= BinaryPrimitives.ReadUInt16LittleEndian(file.GetBuffer().AsSpan(i));
        }

        Words(file, checksum);
        Words(file, 1, 9, 0x0300, words & 0xFFFF, words >> 16, 1, maxRecord & 0xFFFF, maxRecord >> 16, 0); // META_HEADER: memory metafile, sizes in words, one object
        body.WriteTo(file);
        return file.ToArray();
    }

    /// <summary>A META_TEXTOUT record drawing <paramref name="text"/> (Windows-1252 bytes, even length) at 40,20.</summary>
    public static byte[] WmfText(byte[] text)
    {
        using var record = new MemoryStream();
        Words(record, (8 + text.Length + 4) / 2, 0, 0x0521, text.Length);
        record.Write(text);
        Words(record, 20, 40); // YStart, XStart
        return record.ToArray();
    }

    private static void Words(Stream s, params int[] words)
    {
        Span<byte> buffer = stackalloc byte[2];
        foreach (var word in words)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(buffer, unchecked((ushort)word));
            s.Write(buffer);
        }
    }

    /// <summary>The fixture with one Foreign shape per image, each stored as visio/media/image{n}.wmf (placeable WMF) or .emf.</summary>
    public static byte[] FixtureWithImages(params byte[][] images)
    {
        var shapes = new StringBuilder();
        var rels = new StringBuilder();
        var extension = images.Select(image => image.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xD7, 0xCD, 0xC6, 0x9A]) ? "wmf" : "emf").ToArray();
        for (var i = 0; i < images.Length; i++)
        {
            var type = extension[i] == "wmf" ? "MetaFile" : "EnhMetaFile";
            shapes.Append(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"<Shape ID='{900 + i}' Type='Foreign' LineStyle='0' FillStyle='0' TextStyle='0'><Cell N='PinX' V='{4 + (i % 4)}'/><Cell N='PinY' V='{1 + (i / 4)}'/><Cell N='Width' V='1'/><Cell N='Height' V='0.7'/><Cell N='LocPinX' V='0.5'/><Cell N='LocPinY' V='0.35'/><ForeignData ForeignType='{type}'><Rel r:id='rIdImg{i}'/></ForeignData></Shape>"));
            rels.Append(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"<Relationship Id=\"rIdImg{i}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"../media/image{i}.{extension[i]}\"/>"));
        }

        return Rewrite(
            (name, data) => name switch
            {
                "visio/pages/page1.xml" => Insert(data, "<Shapes>", shapes.ToString()),
                "visio/pages/_rels/page1.xml.rels" => Insert(data, "\"/>", rels.ToString()),
                _ => data,
            },
            images.Select((image, i) => ($"visio/media/image{i}.{extension[i]}", image)).ToArray());
    }

    /// <summary>The fixture repackaged as a stencil: stencil content type, pages removed (what a .vssx holds).</summary>
    public static byte[] FixtureAsStencil() => Rewrite((name, data) =>
        name.StartsWith("visio/pages/", StringComparison.Ordinal) ? null
        : name == "[Content_Types].xml" ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(data).Replace("vnd.ms-visio.drawing.main+xml", "vnd.ms-visio.stencil.main+xml", StringComparison.Ordinal))
        : data);

    /// <summary>The fixture's parts, each passed through <paramref name="change"/> (null drops it), plus <paramref name="extra"/> parts.</summary>
    public static byte[] Rewrite(Func<string, byte[], byte[]?> change, params (string Name, byte[] Data)[] extra)
    {
        using var source = ZipFile.OpenRead(Fixtures.Path(Fixture));
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var s = entry.Open();
                using var copy = new MemoryStream();
                s.CopyTo(copy);
                if (change(entry.FullName, copy.ToArray()) is { } data)
                {
                    Add(zip, entry.FullName, data);
                }
            }

            foreach (var (name, data) in extra)
            {
                Add(zip, name, data);
            }
        }

        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] data)
    {
        using var s = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        s.Write(data);
    }

    private static byte[] Insert(byte[] xml, string after, string insert)
    {
        var text = Encoding.UTF8.GetString(xml);
        var at = text.IndexOf(after, StringComparison.Ordinal) + after.Length;
        return Encoding.UTF8.GetBytes(text[..at] + insert + text[at..]);
    }

    /// <summary>A two-page Visio 2003 XML drawing: a red box "Hello legacy" on page 1, text only on page 2.</summary>
    public const string Vdx = """
        <?xml version="1.0" encoding="utf-8"?>
        <VisioDocument xmlns="http://schemas.microsoft.com/visio/2003/core">
        <Pages>
        <Page ID="0" NameU="First page" Name="First page">
        <PageSheet><PageProps><PageWidth>8.5</PageWidth><PageHeight>11</PageHeight></PageProps></PageSheet>
        <Shapes>
        <Shape ID="1" Type="Shape">
        <XForm><PinX>2</PinX><PinY>9</PinY><Width>2</Width><Height>1</Height><LocPinX>1</LocPinX><LocPinY>0.5</LocPinY></XForm>
        <Fill><FillForegnd>#FF0000</FillForegnd><FillPattern>1</FillPattern></Fill>
        <Geom IX="0"><NoFill>0</NoFill><NoLine>0</NoLine><MoveTo IX="1"><X>0</X><Y>0</Y></MoveTo><LineTo IX="2"><X>2</X><Y>0</Y></LineTo><LineTo IX="3"><X>2</X><Y>1</Y></LineTo><LineTo IX="4"><X>0</X><Y>1</Y></LineTo><LineTo IX="5"><X>0</X><Y>0</Y></LineTo></Geom>
        <Text>Hello legacy</Text>
        </Shape>
        </Shapes>
        </Page>
        <Page ID="1" NameU="Second" Name="Second">
        <PageSheet><PageProps><PageWidth>8.5</PageWidth><PageHeight>11</PageHeight></PageProps></PageSheet>
        <Shapes><Shape ID="1" Type="Shape"><XForm><PinX>4</PinX><PinY>5</PinY><Width>1</Width><Height>1</Height><LocPinX>0.5</LocPinX><LocPinY>0.5</LocPinY></XForm><Text>Second page &lt;b&gt;text&lt;/b&gt;</Text></Shape></Shapes>
        </Page>
        </Pages>
        </VisioDocument>
        """;

    /// <summary>A Visio 2003 XML stencil with two masters: "Red box" (1.5 × 1 in, text "Box") and "Circle".</summary>
    public const string Vsx = """
        <?xml version="1.0" encoding="utf-8"?>
        <VisioDocument xmlns="http://schemas.microsoft.com/visio/2003/core" DocType="2">
        <Masters>
        <Master ID="2" NameU="Red box" Name="Red box">
        <PageSheet><PageProps><PageWidth>2</PageWidth><PageHeight>2</PageHeight></PageProps></PageSheet>
        <Shapes><Shape ID="5" Type="Shape">
        <XForm><PinX>1</PinX><PinY>1</PinY><Width>1.5</Width><Height>1</Height><LocPinX>0.75</LocPinX><LocPinY>0.5</LocPinY></XForm>
        <Fill><FillForegnd>#FF0000</FillForegnd><FillPattern>1</FillPattern></Fill>
        <Geom IX="0"><NoFill>0</NoFill><NoLine>0</NoLine><MoveTo IX="1"><X>0</X><Y>0</Y></MoveTo><LineTo IX="2"><X>1.5</X><Y>0</Y></LineTo><LineTo IX="3"><X>1.5</X><Y>1</Y></LineTo><LineTo IX="4"><X>0</X><Y>1</Y></LineTo><LineTo IX="5"><X>0</X><Y>0</Y></LineTo></Geom>
        <Text>Box</Text>
        </Shape></Shapes>
        </Master>
        <Master ID="3" NameU="Circle" Name="Circle">
        <PageSheet><PageProps><PageWidth>1</PageWidth><PageHeight>1</PageHeight></PageProps></PageSheet>
        <Shapes><Shape ID="5" Type="Shape">
        <XForm><PinX>0.5</PinX><PinY>0.5</PinY><Width>1</Width><Height>1</Height><LocPinX>0.5</LocPinX><LocPinY>0.5</LocPinY></XForm>
        <Geom IX="0"><NoFill>0</NoFill><NoLine>0</NoLine><Ellipse IX="1"><X>0.5</X><Y>0.5</Y><A>1</A><B>0.5</B><C>0.5</C><D>1</D></Ellipse></Geom>
        </Shape></Shapes>
        </Master>
        </Masters>
        </VisioDocument>
        """;
}
