using System.Diagnostics;
using System.Text;
using System.Xml.Linq;
using Diagrams.Converter;
using Diagrams.Converter.Visio;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Converter;

/// <summary>
/// Legacy formats through libvisio in the sandbox. No binary .vsd/.vss can be produced on this machine (libvisio only
/// reads, and no sample ships with Debian), so the binary path is tested with hostile input only; the XML 2003 formats
/// (.vdx/.vsx) are hand-written and go through the same tools and the same page builder.
/// </summary>
public sealed class VisioLegacyTests
{
    private static readonly byte[] Vdx = Encoding.UTF8.GetBytes(VisioTestFiles.Vdx);

    [Fact]
    public async Task Import_Vdx_OnePagePerVisioPage_PictureLockedAndTextEditable()
    {
        var result = await VisioTools.ImportAsync(Vdx, "old.vdx");

        result.MediaType.ShouldBe(VisioImportService.DrawingMediaType);
        var diagrams = XElement.Parse(result.Xml).Elements("diagram").ToList();
        diagrams.Select(d => d.Attribute("name")!.Value).ShouldBe(["First page", "Second"]);
        var cells = diagrams[0].Descendants("mxCell").ToList();
        var picture = cells.Single(c => c.Attribute("style")?.Value.Contains("image=data:image/svg+xml,", StringComparison.Ordinal) == true);
        picture.Attribute("style")!.Value.ShouldContain("locked=1");
        var svg = Encoding.UTF8.GetString(Convert.FromBase64String(picture.Attribute("style")!.Value.Split("image=data:image/svg+xml,")[1].TrimEnd(';')));
        XElement.Parse(svg).Name.ShouldBe(XName.Get("svg", "http://www.w3.org/2000/svg")); // a standalone, well-formed SVG
        svg.ShouldStartWith("<svg ");
        svg.ShouldContain("#ff0000");
        svg.ShouldNotContain("Hello legacy"); // the text left the picture ...
        var text = cells.Single(c => c.Attribute("value")?.Value == "Hello legacy"); // ... and is an editable cell where Visio had it
        var g = text.Element("mxGeometry")!;
        (g.Attribute("x")!.Value, g.Attribute("y")!.Value, g.Attribute("width")!.Value, g.Attribute("height")!.Value).ShouldBe(("96", "144", "192", "96"));
        diagrams[1].Descendants("mxCell").Select(c => c.Attribute("value")?.Value).ShouldContain("Second page &lt;b&gt;text&lt;/b&gt;"); // escaped, never markup
    }

    [Fact]
    public async Task Import_VsxStencil_BecomesALibraryOfItsMasters()
    {
        var result = await VisioTools.ImportAsync(Encoding.UTF8.GetBytes(VisioTestFiles.Vsx), "shapes.vsx");

        result.MediaType.ShouldBe(VisioImportService.LibraryMediaType);
        var entries = VisioLibraryTests.Entries(result.Xml);
        entries.Select(e => e.GetProperty("title").GetString()).ShouldBe(["Red box", "Circle"]);
        entries[0].GetProperty("w").GetDouble().ShouldBe(192);
        XElement.Parse(entries[0].GetProperty("xml").GetString()!).Descendants("mxCell").Select(c => c.Attribute("value")?.Value).ShouldContain("Box");
    }

    [Fact]
    public async Task Import_VdxWithDoctype_IsRefusedBeforeLibvisioSeesIt()
    {
        var xxe = VisioTestFiles.Vdx.Replace("<VisioDocument", "<!DOCTYPE VisioDocument [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<VisioDocument", StringComparison.Ordinal)
            .Replace("Hello legacy", "&xxe;", StringComparison.Ordinal);

        var refused = await Should.ThrowAsync<JobRejectedException>(() => VisioTools.ImportAsync(Encoding.UTF8.GetBytes(xxe), "evil.vdx"));

        refused.Status.ShouldBe(422, refused.Message);
        refused.Message.ShouldStartWith("dtd:");
    }

    [Theory]
    [InlineData("random.vsd", false)]
    [InlineData("ole.vsd", true)]
    [InlineData("random.vss", true)]
    public async Task Import_GarbageBinary_Is422(string name, bool oleMagic)
    {
        var bytes = new byte[64 * 1024];
        new Random(7).NextBytes(bytes);
        if (oleMagic)
        {
            new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(bytes, 0);
        }

        var refused = await Should.ThrowAsync<JobRejectedException>(() => VisioTools.ImportAsync(bytes, name));

        refused.Status.ShouldBe(422, refused.Message);
        refused.Message.ShouldStartWith("format:");
    }

    [Fact]
    public async Task Import_HangingLibvisio_IsKilledAtTheTimeLimit_422NamingIt()
    {
        var folder = VisioTools.FakeTool("vsd2xhtml", "sleep 60");
        try
        {
            var clock = Stopwatch.StartNew();
            var refused = await Should.ThrowAsync<JobRejectedException>(() => VisioTools.ImportAsync(Vdx, "slow.vdx", o => (o.LibVisioToolsPath, o.TimeoutSeconds) = (folder, 1)));

            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
            refused.Status.ShouldBe(422, refused.Message);
            refused.Message.ShouldContain("Converter:Tools:TimeoutSeconds");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Import_FloodingLibvisio_IsCutAtTheOutputBound_422NamingIt()
    {
        var folder = VisioTools.FakeTool("vsd2xhtml", "exec /usr/bin/yes flood");
        try
        {
            var refused = await Should.ThrowAsync<JobRejectedException>(() => VisioTools.ImportAsync(Vdx, "big.vdx", o => (o.LibVisioToolsPath, o.MaxOutputBytes) = (folder, 1024 * 1024)));

            refused.Status.ShouldBe(422, refused.Message);
            refused.Message.ShouldContain("Converter:Tools:MaxOutputBytes");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Import_SandboxUnavailable_Is503_FailClosed()
    {
        var refused = await Should.ThrowAsync<JobRejectedException>(() => VisioTools.ImportAsync(Vdx, "old.vdx", o => o.BwrapPath = "/nonexistent/bwrap"));

        refused.Status.ShouldBe(503);
        refused.Message.ShouldContain("bubblewrap");
    }

    [Fact]
    public async Task Import_NotAVisioName_Is415()
    {
        var refused = await Should.ThrowAsync<JobRejectedException>(() => VisioTools.ImportAsync(Vdx, "picture.png"));

        refused.Status.ShouldBe(415);
    }
}
