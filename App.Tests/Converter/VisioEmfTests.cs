using System.Diagnostics;
using System.Xml.Linq;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Converter;

/// <summary>EMF images inside a .vsdx: converted to SVG by emf2svg in the sandbox, or a placeholder saying why.</summary>
public sealed class VisioEmfTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public async Task Import_EmbeddedEmf_BecomesSvgDataUri_WithTransparentBackground()
    {
        var cells = await VisioTools.ImageCellsAsync(VisioTestFiles.FixtureWithImages(VisioTestFiles.Emf()));

        var cell = cells.ShouldHaveSingleItem();
        cell.Attribute("style")!.Value.ShouldNotContain("visioEmf=1");
        cell.Attribute("style")!.Value.ShouldNotContain(";base64"); // draw.io's style form of a data URI
        var svg = VisioTools.SvgOf(cell);
        svg.Name.ShouldBe(Svg + "svg");
        var painted = svg.Descendants().Where(e => e.Attribute("fill") is { } fill && fill.Value != "none").ToList();
        var rect = painted.ShouldHaveSingleItem(); // only the red rectangle: no opaque background behind it
        rect.Attribute("fill")!.Value.ShouldBe("#FF0000", StringCompareShould.IgnoreCase);
        double.Parse(rect.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(80, 1);
        svg.Descendants().ShouldNotContain(e => e.Name.LocalName == "script");
    }

    [Fact]
    public async Task Import_BrokenEmfBesideGoodOnes_OnlyTheBrokenOneIsAPlaceholder()
    {
        var broken = VisioTestFiles.Emf();
        Array.Fill(broken, (byte)0xAB, 88, broken.Length - 88); // valid header, garbage records

        var cells = await VisioTools.ImageCellsAsync(VisioTestFiles.FixtureWithImages(VisioTestFiles.Emf(), broken, VisioTestFiles.Emf(3)));

        cells.Count.ShouldBe(3);
        cells.Count(c => c.Attribute("style")!.Value.Contains("image=data:image/svg+xml,", StringComparison.Ordinal)).ShouldBe(2);
        var placeholder = cells.Single(c => c.Attribute("style")!.Value.Contains("visioEmf=1", StringComparison.Ordinal));
        placeholder.Attribute("value")!.Value.ShouldStartWith("EMF image (not converted:");
    }

    [Fact]
    public async Task Import_EmfBomb_SvgOverTheBound_IsAPlaceholderNamingTheLimit()
    {
        // 20,000 scattered rectangles: a 480 KB EMF that would become several MB of SVG.
        var cell = (await VisioTools.ImageCellsAsync(VisioTestFiles.FixtureWithImages(VisioTestFiles.Emf(20_000)), o => o.MaxSvgBytes = 64 * 1024)).ShouldHaveSingleItem();

        cell.Attribute("value")!.Value.ShouldContain("Converter:Tools:MaxSvgBytes");
        cell.Attribute("style")!.Value.Length.ShouldBeLessThan(1000);
    }

    [Fact]
    public async Task Import_MoreEmfThanAllowed_ConvertsTheFirstInBatches_RestArePlaceholders()
    {
        var images = Enumerable.Range(1, 5).Select(i => VisioTestFiles.Emf(i)).ToArray();

        var cells = await VisioTools.ImageCellsAsync(VisioTestFiles.FixtureWithImages(images), o => (o.MaxEmfImages, o.EmfBatchSize) = (3, 2));

        cells.Count(c => c.Attribute("style")!.Value.Contains("image=data:image/svg+xml,", StringComparison.Ordinal)).ShouldBe(3);
        cells.Count(c => c.Attribute("value")!.Value.Contains("Converter:Tools:MaxEmfImages", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public async Task Import_EmfOverTheInputBound_IsNotSentToTheTool()
    {
        var cell = (await VisioTools.ImageCellsAsync(VisioTestFiles.FixtureWithImages(VisioTestFiles.Emf(200)), o => o.MaxEmfBytes = 2048)).ShouldHaveSingleItem();

        cell.Attribute("value")!.Value.ShouldContain("Converter:Tools:MaxEmfBytes");
    }

    [Fact]
    public async Task Import_HangingConverter_IsKilledAtTheTimeLimit_AndTheDrawingStillImports()
    {
        var folder = VisioTools.FakeTool("emf2svg-conv", "sleep 60");
        try
        {
            var clock = Stopwatch.StartNew();
            var cell = (await VisioTools.ImageCellsAsync(VisioTestFiles.FixtureWithImages(VisioTestFiles.Emf()),
                o => (o.Emf2SvgPath, o.TimeoutSeconds) = (Path.Combine(folder, "emf2svg-conv"), 1))).ShouldHaveSingleItem();

            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
            cell.Attribute("value")!.Value.ShouldContain("Converter:Tools:TimeoutSeconds");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Import_SandboxUnavailable_EmfStaysAPlaceholder_DrawingStillImports()
    {
        var cell = (await VisioTools.ImageCellsAsync(VisioTestFiles.FixtureWithImages(VisioTestFiles.Emf()), o => o.BwrapPath = "/nonexistent/bwrap")).ShouldHaveSingleItem();

        cell.Attribute("value")!.Value.ShouldContain("unavailable");
    }
}
