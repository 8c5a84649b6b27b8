using System.IO.Compression;
using System.Xml.Linq;
using Diagrams.Converter.Visio;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Converter;

public sealed class VisioImportTests
{
    private const string FixtureName = "HR-Recruiting-FlowchartB_start.vsdx";
    private static readonly XNamespace V = "http://schemas.microsoft.com/office/visio/2012/main";

    private static string ConvertFixture()
    {
        using var stream = File.OpenRead(Fixtures.Path(FixtureName));
        return VisioImporter.Convert(stream, new VisioLimits());
    }

    private static List<XElement> Cells(XDocument doc) => doc.Descendants("mxCell").ToList();

    /// <summary>Top-level page shapes with no BeginX cell, counted straight from the fixture's page XML.</summary>
    private static (int TwoD, int OneD) CountFixtureShapes()
    {
        using var zip = ZipFile.OpenRead(Fixtures.Path(FixtureName));
        var twoD = 0;
        var oneD = 0;
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("visio/pages/page", StringComparison.Ordinal)
                     && e.FullName.EndsWith(".xml", StringComparison.Ordinal) && !e.FullName.EndsWith("pages.xml", StringComparison.Ordinal)))
        {
            using var s = entry.Open();
            var page = XDocument.Load(s);
            foreach (var shape in page.Root!.Element(V + "Shapes")!.Elements(V + "Shape"))
            {
                if (shape.Elements(V + "Cell").Any(c => (string?)c.Attribute("N") == "BeginX"))
                {
                    oneD++;
                }
                else
                {
                    twoD++;
                }
            }
        }

        return (twoD, oneD);
    }

    [Fact]
    public void Convert_Fixture_ProducesMxfileWithOneDiagramPerPage()
    {
        var doc = XDocument.Parse(ConvertFixture());

        doc.Root!.Name.LocalName.ShouldBe("mxfile");
        var diagrams = doc.Root.Elements("diagram").ToList();
        diagrams.Count.ShouldBe(1);
        diagrams[0].Attribute("name")!.Value.ShouldBe("Page-1");
        diagrams[0].Element("mxGraphModel")!.Element("root")!.Elements("mxCell").Take(2)
            .Select(c => c.Attribute("id")!.Value).ShouldBe(["0", "1"]);
    }

    [Fact]
    public void Convert_Fixture_VertexCountMatchesTwoDShapesOnThePage()
    {
        var (twoD, oneD) = CountFixtureShapes();
        var cells = Cells(XDocument.Parse(ConvertFixture()));

        twoD.ShouldBe(12);
        cells.Count(c => c.Attribute("vertex")?.Value == "1").ShouldBe(twoD);
        cells.Count(c => c.Attribute("edge")?.Value == "1").ShouldBe(oneD);
    }

    [Fact]
    public void Convert_Fixture_KeepsLabelsWithoutMarkers()
    {
        var values = Cells(XDocument.Parse(ConvertFixture())).Select(c => c.Attribute("value")?.Value).ToList();

        values.ShouldContain("Hiring need reported");
        values.ShouldContain("Log hiring request");
        values.ShouldContain("Candidate accepts?");
        values.ShouldContain("Human Resources Recruiting Process");
        values.ShouldContain("Yes");
    }

    [Fact]
    public void Convert_Fixture_EdgesPointAtExistingVertices()
    {
        var cells = Cells(XDocument.Parse(ConvertFixture()));
        var vertices = cells.Where(c => c.Attribute("vertex")?.Value == "1").Select(c => c.Attribute("id")!.Value).ToHashSet();
        var edges = cells.Where(c => c.Attribute("edge")?.Value == "1").ToList();

        edges.ShouldNotBeEmpty();
        edges.Count(e => e.Attribute("source") is not null && e.Attribute("target") is not null).ShouldBeGreaterThan(5);
        foreach (var edge in edges)
        {
            if (edge.Attribute("source") is { } source)
            {
                vertices.ShouldContain(source.Value);
            }

            if (edge.Attribute("target") is { } target)
            {
                vertices.ShouldContain(target.Value);
            }
        }
    }

    [Fact]
    public void Convert_Fixture_PlacesShapesWithFlippedYAndMasterSize()
    {
        var cells = Cells(XDocument.Parse(ConvertFixture()));
        var start = cells.Single(c => c.Attribute("value")?.Value == "Hiring need reported");
        var geometry = start.Element("mxGeometry")!;
        var x = double.Parse(geometry.Attribute("x")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        var y = double.Parse(geometry.Attribute("y")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        var width = double.Parse(geometry.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        var height = double.Parse(geometry.Attribute("height")!.Value, System.Globalization.CultureInfo.InvariantCulture);

        // PinX 1.75, PinY 6.4375 on an 8.5 in page; the Start/End master gives the size.
        width.ShouldBeGreaterThan(0);
        height.ShouldBeGreaterThan(0);
        (x + (width / 2)).ShouldBe(1.75 * 96, 0.01);
        (y + (height / 2)).ShouldBe((8.5 - 6.4375) * 96, 0.01);
        start.Attribute("style")!.Value.ShouldStartWith("shape=stencil("); // its master's rounded geometry (VisioGeometryTests)
    }

    [Fact]
    public void Convert_ZipBomb_IsRefusedByRatioOrSize()
    {
        var bytes = Zip(("visio/pages/pages.xml", new byte[300 * 1024 * 1024]));

        var ex = Should.Throw<VisioImportException>(() => VisioImporter.Convert(new MemoryStream(bytes), new VisioLimits()));
        ex.Limit.ShouldBeOneOf("compression-ratio", "uncompressed-size");
    }

    [Fact]
    public void Convert_ZipBombWithoutRatioCheck_IsRefusedByCountedSize()
    {
        var bytes = Zip(("visio/pages/pages.xml", new byte[300 * 1024 * 1024]));

        var ex = Should.Throw<VisioImportException>(() => VisioImporter.Convert(new MemoryStream(bytes), new VisioLimits(MaxCompressionRatio: 1e9)));
        ex.Limit.ShouldBe("uncompressed-size");
    }

    [Fact]
    public void Convert_TooManyEntries_IsRefused()
    {
        var bytes = Zip(Enumerable.Range(0, 3000).Select(i => ($"e{i}.txt", new byte[] { 1 })).ToArray());

        Should.Throw<VisioImportException>(() => VisioImporter.Convert(new MemoryStream(bytes), new VisioLimits())).Limit.ShouldBe("entries");
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("visio/../../x")]
    [InlineData("/etc/x")]
    [InlineData("visio\\pages\\x.xml")]
    public void Convert_HostileEntryName_IsRefused(string name)
    {
        var bytes = Zip((name, new byte[] { 1 }));

        Should.Throw<VisioImportException>(() => VisioImporter.Convert(new MemoryStream(bytes), new VisioLimits())).Limit.ShouldBe("entry-name");
    }

    [Fact]
    public void Convert_TruncatedZip_IsAZipError()
    {
        var full = File.ReadAllBytes(Fixtures.Path(FixtureName));

        Should.Throw<VisioImportException>(() => VisioImporter.Convert(new MemoryStream(full[..(full.Length / 2)]), new VisioLimits())).Limit.ShouldBe("zip");
    }

    [Fact]
    public void Convert_NotAZip_IsAZipError()
    {
        Should.Throw<VisioImportException>(() => VisioImporter.Convert(new MemoryStream("hello"u8.ToArray()), new VisioLimits())).Limit.ShouldBe("zip");
    }

    [Fact]
    public void Convert_DoctypeInAPart_IsRefused()
    {
        var xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE Pages [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <Pages xmlns="http://schemas.microsoft.com/office/visio/2012/main"><Page ID="0" Name="&xxe;"/></Pages>
            """;
        var bytes = ReplaceInFixture("visio/pages/pages.xml", System.Text.Encoding.UTF8.GetBytes(xxe));

        Should.Throw<VisioImportException>(() => VisioImporter.Convert(new MemoryStream(bytes), new VisioLimits())).Limit.ShouldBe("dtd");
    }

    [Fact]
    public void Convert_DeepXml_IsRefused()
    {
        var deep = "<Pages xmlns=\"http://schemas.microsoft.com/office/visio/2012/main\">" + string.Concat(Enumerable.Repeat("<a>", 500))
            + string.Concat(Enumerable.Repeat("</a>", 500)) + "</Pages>";
        var bytes = ReplaceInFixture("visio/pages/pages.xml", System.Text.Encoding.UTF8.GetBytes(deep));

        Should.Throw<VisioImportException>(() => VisioImporter.Convert(new MemoryStream(bytes), new VisioLimits())).Limit.ShouldBe("xml-depth");
    }

    [Fact]
    public void Convert_OverShapeAndByteLimits_IsRefused()
    {
        var fixture = File.ReadAllBytes(Fixtures.Path(FixtureName));

        Should.Throw<VisioImportException>(() => VisioImporter.Convert(new MemoryStream(fixture), new VisioLimits(MaxShapes: 5))).Limit.ShouldBe("shapes");
        Should.Throw<VisioImportException>(() => VisioImporter.Convert(new MemoryStream(fixture), new VisioLimits(MaxBytes: 1000))).Limit.ShouldBe("size");
    }

    [Fact]
    public void Convert_ZipWithoutPages_IsAFormatError()
    {
        var bytes = Zip(("hello.txt", "hi"u8.ToArray()));

        Should.Throw<VisioImportException>(() => VisioImporter.Convert(new MemoryStream(bytes), new VisioLimits())).Limit.ShouldBe("format");
    }

    private static byte[] Zip(params (string Name, byte[] Data)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data) in entries)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                s.Write(data);
            }
        }

        return buffer.ToArray();
    }

    private static byte[] ReplaceInFixture(string part, byte[] data)
    {
        using var source = ZipFile.OpenRead(Fixtures.Path(FixtureName));
        var entries = new List<(string, byte[])>();
        foreach (var entry in source.Entries)
        {
            using var s = entry.Open();
            using var copy = new MemoryStream();
            s.CopyTo(copy);
            entries.Add((entry.FullName, entry.FullName == part ? data : copy.ToArray()));
        }

        return Zip(entries.ToArray());
    }
}
