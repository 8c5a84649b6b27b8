using System.Text.Json;
using System.Xml.Linq;
using Diagrams.Converter.Visio;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Converter;

/// <summary>A stencil becomes a draw.io shape library: &lt;mxlibrary&gt; with a JSON array of {xml, w, h, title}.</summary>
public sealed class VisioLibraryTests
{
    internal static List<JsonElement> Entries(string library)
    {
        var root = XElement.Parse(library);
        root.Name.LocalName.ShouldBe("mxlibrary");
        return [.. JsonDocument.Parse(root.Value).RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    [Fact]
    public void ConvertLibrary_StencilFromTheFixturesMasters_HasOneEntryPerMaster()
    {
        var entries = Entries(VisioImporter.ConvertLibrary(new MemoryStream(VisioTestFiles.FixtureAsStencil()), new VisioLimits()));

        entries.Select(e => e.GetProperty("title").GetString()).ShouldBe(["Start/End", "Process", "Dynamic connector", "Decision", "Document"], ignoreOrder: true);
        var process = entries.Single(e => e.GetProperty("title").GetString() == "Process");
        var model = XElement.Parse(process.GetProperty("xml").GetString()!);
        model.Name.LocalName.ShouldBe("mxGraphModel");
        var vertex = model.Descendants("mxCell").Single(c => c.Attribute("vertex")?.Value == "1");
        vertex.Attribute("style")!.Value.ShouldContain("fillColor=#"); // themed fill resolved in the library too
        var geometry = vertex.Element("mxGeometry")!;
        geometry.Attribute("x")!.Value.ShouldBe("0");
        geometry.Attribute("y")!.Value.ShouldBe("0");
        process.GetProperty("w").GetDouble().ShouldBe(double.Parse(geometry.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture), 0.01);
        process.GetProperty("h").GetDouble().ShouldBeGreaterThan(10);

        // A master's own shapes are drawn by their geometry: the decision a diamond, the terminator and the document curved.
        XElement VertexOf(string title) => XElement.Parse(entries.Single(e => e.GetProperty("title").GetString() == title).GetProperty("xml").GetString()!)
            .Descendants("mxCell").First(c => c.Attribute("vertex")?.Value == "1");
        VisioGeometryFiles.Commands(VisioGeometryFiles.Stencil(VertexOf("Decision"))).ShouldBe("move line line line line close | fillstroke");
        VisioGeometryFiles.Commands(VisioGeometryFiles.Stencil(VertexOf("Start/End"))).ShouldBe("move line arc line arc close | fillstroke");
        VisioGeometryFiles.Commands(VisioGeometryFiles.Stencil(VertexOf("Document"))).ShouldBe("move line line line arc arc close | fillstroke");

        // The connector's THEMEVAL("ConnectorColor") line comes from the theme's connector scheme: the colour Visio itself
        // cached on the drawing's connectors (LineColor V='#5b9bd5' on every Dynamic connector of the fixture's page).
        var connector = XElement.Parse(entries.Single(e => e.GetProperty("title").GetString() == "Dynamic connector").GetProperty("xml").GetString()!)
            .Descendants("mxCell").First(c => c.Attribute("edge")?.Value == "1" || c.Attribute("vertex")?.Value == "1");
        connector.Attribute("style")!.Value.ShouldContain("strokeColor=#5b9bd5;");
    }

    [Theory]
    [InlineData("shapes.vssx")]
    [InlineData("")]
    public async Task Import_Stencil_AnswersTheLibraryMediaType(string fileName)
    {
        var result = await VisioTools.ImportAsync(VisioTestFiles.FixtureAsStencil(), fileName);

        result.MediaType.ShouldBe(VisioImportService.LibraryMediaType);
        Entries(result.Xml).Count.ShouldBe(5);
    }

    [Fact]
    public async Task Import_DrawingNamedAsDrawing_IsStillADiagram()
    {
        var result = await VisioTools.ImportAsync(await File.ReadAllBytesAsync(Fixtures.Path(VisioTestFiles.Fixture)), "");

        result.MediaType.ShouldBe(VisioImportService.DrawingMediaType);
        XElement.Parse(result.Xml).Name.LocalName.ShouldBe("mxfile");
    }
}
