using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Converter;

/// <summary>WMF images inside a .vsdx: converted to SVG by libwmf's wmf2svg in the sandbox, or a placeholder saying why.</summary>
public sealed class VisioWmfTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Elements that paint a fill (wmf2svg writes fills in the style attribute).</summary>
    private static List<XElement> Painted(XElement svg) =>
        [.. svg.Descendants().Where(e => ((string?)e.Attribute("style"))?.Split(';').Select(p => p.Trim()).Any(p => p.StartsWith("fill:", StringComparison.Ordinal) && p != "fill:none") == true
            && e.Name.LocalName != "text")];

    private static double Number(XElement e, string name) => double.Parse(e.Attribute(name)!.Value, CultureInfo.InvariantCulture);

    private static bool IsSvg(XElement cell) => cell.Attribute("style")!.Value.Contains("image=data:image/svg+xml,", StringComparison.Ordinal);

    [Fact]
    public async Task Import_EmbeddedWmf_BecomesScalableSvgDataUri_KeepingThePicturesOwnRectangle()
    {
        var cell = (await VisioTools.ImageCellsAsync(VisioTestFiles.FixtureWithImages(VisioTestFiles.Wmf()))).ShouldHaveSingleItem();

        cell.Attribute("style")!.Value.ShouldNotContain("visioEmf=1");
        cell.Attribute("style")!.Value.ShouldNotContain(";base64");
        var svg = VisioTools.SvgOf(cell);
        svg.Name.ShouldBe(Svg + "svg");
        svg.Attribute("viewBox")!.Value.ShouldBe($"0 0 {svg.Attribute("width")!.Value} {svg.Attribute("height")!.Value}");
        // wmf2svg fits the picture to its records' bounding box, so the only rectangle spans the canvas: it is the
        // picture's own and stays (wmf2svg adds no background of its own, so nothing is stripped).
        var rect = Painted(svg).ShouldHaveSingleItem();
        rect.Name.ShouldBe(Svg + "rect");
        rect.Attribute("style")!.Value.ShouldContain("fill:red");
        Number(rect, "width").ShouldBe(Number(svg, "width"), 2);
    }

    [Fact]
    public async Task Import_WmfWithGaps_HasNoBackgroundBehindItsShapes()
    {
        var wmf = VisioTestFiles.Wmf((0, 0, 100, 70), 96, (10, 10, 30, 30), (50, 40, 90, 60));

        var svg = VisioTools.SvgOf((await VisioTools.ImageCellsAsync(VisioTestFiles.FixtureWithImages(wmf))).ShouldHaveSingleItem());

        var painted = Painted(svg);
        painted.Count.ShouldBe(2); // the two rectangles and nothing opaque behind them
        painted.ShouldAllBe(rect => Number(rect, "width") < Number(svg, "width") / 2);
    }

    [Fact]
    public async Task Import_WmfBesideEmfAndABrokenWmf_OnlyTheBrokenOneIsAPlaceholderSayingWhy()
    {
        var broken = VisioTestFiles.Wmf();
        Array.Fill(broken, (byte)0xAB, 40, broken.Length - 40); // valid headers, garbage records

        var cells = await VisioTools.ImageCellsAsync(VisioTestFiles.FixtureWithImages(VisioTestFiles.Wmf(), broken, VisioTestFiles.Emf(), VisioTestFiles.Wmf()), o => o.EmfBatchSize = 2);

        cells.Count.ShouldBe(4);
        cells.Count(IsSvg).ShouldBe(3);
        var placeholder = cells.Single(c => c.Attribute("style")!.Value.Contains("visioEmf=1", StringComparison.Ordinal));
        placeholder.Attribute("value")!.Value.ShouldBe("WMF image (not converted: wmf2svg could not read this WMF)");
    }

    [Fact]
    public async Task Import_WmfDeclaringHugeRecords_IsAPlaceholder_Quickly()
    {
        var huge = VisioTestFiles.Wmf();
        BitConverter.TryWriteBytes(huge.AsSpan(22 + 6), 0x7FFFFFFF).ShouldBeTrue(); // META_HEADER Size: 4 GB
        BitConverter.TryWriteBytes(huge.AsSpan(22 + 12), 0x7FFFFFFF).ShouldBeTrue(); // MaxRecord: 4 GB

        var clock = Stopwatch.StartNew();
        var cell = (await VisioTools.ImageCellsAsync(VisioTestFiles.FixtureWithImages(huge))).ShouldHaveSingleItem();

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        cell.Attribute("value")!.Value.ShouldStartWith("WMF image (not converted: ");
    }

    [Fact]
    public async Task Import_WmfDeclaringAHugeFrame_IsDrawnAtABoundedSize()
    {
        var wmf = VisioTestFiles.Wmf((-32768, -32768, 32767, 32767), 1, (-32000, -32000, 32000, 32000)); // about 1.6 km square

        var svg = VisioTools.SvgOf((await VisioTools.ImageCellsAsync(VisioTestFiles.FixtureWithImages(wmf))).ShouldHaveSingleItem());

        Number(svg, "width").ShouldBeLessThanOrEqualTo(1024);
        Number(svg, "height").ShouldBeLessThanOrEqualTo(1024);
    }

    [Fact]
    public async Task Import_WmfText_IsEscapedAndDecoded_SoLabelsWithAmpersandsAndAccentsSurvive()
    {
        var wmf = VisioTestFiles.Wmf((0, 0, 100, 70), 96, [VisioTestFiles.WmfText(Encoding.Latin1.GetBytes("R&D <caf\u00e9>"))], (10, 10, 90, 60));

        var svg = VisioTools.SvgOf((await VisioTools.ImageCellsAsync(VisioTestFiles.FixtureWithImages(wmf))).ShouldHaveSingleItem());

        svg.Descendants(Svg + "text").ShouldHaveSingleItem().Value.ShouldBe("R&D <caf\u00e9>");
    }

    [Fact]
    public async Task Import_WmfTextBreakingOutIntoMarkup_LosesScriptsEventsAndExternalLinks()
    {
        // wmf2svg copies text unescaped; a text that closes its own element injects markup, which the sanitiser removes.
        // (libwmf 0.2.12 drops texts of 128 bytes or more, so this one is shorter.)
        var hostile = "x</text>\n<script>alert(1)</script><g onload=\"alert(2)\"><image href=\"https://evil.example/x.png\"/></g><text>y";
        var wmf = VisioTestFiles.Wmf((0, 0, 100, 70), 96, [VisioTestFiles.WmfText(Encoding.Latin1.GetBytes(hostile.Length % 2 == 0 ? hostile : hostile + " "))], (10, 10, 90, 60));

        var cell = (await VisioTools.ImageCellsAsync(VisioTestFiles.FixtureWithImages(wmf))).ShouldHaveSingleItem();

        var svg = VisioTools.SvgOf(cell);
        svg.Descendants().ShouldNotContain(e => e.Name.LocalName == "script");
        svg.Descendants(Svg + "image").ShouldHaveSingleItem().Attributes().ShouldNotContain(a => a.Name.LocalName == "href"); // the markup did break out
        svg.DescendantsAndSelf().SelectMany(e => e.Attributes()).ShouldNotContain(a => a.Name.LocalName.StartsWith("on", StringComparison.Ordinal) || a.Value.Contains("evil.example", StringComparison.Ordinal));
        Painted(svg).ShouldHaveSingleItem(); // the picture itself still converted
    }

    [Fact]
    public async Task Import_HangingWmfConverter_IsKilledAtTheTimeLimit_AndTheDrawingStillImports()
    {
        var folder = VisioTools.FakeTool("wmf2svg", "sleep 60");
        try
        {
            var clock = Stopwatch.StartNew();
            var cell = (await VisioTools.ImageCellsAsync(VisioTestFiles.FixtureWithImages(VisioTestFiles.Wmf()),
                o => (o.Wmf2SvgPath, o.TimeoutSeconds) = (Path.Combine(folder, "wmf2svg"), 1))).ShouldHaveSingleItem();

            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
            cell.Attribute("value")!.Value.ShouldBe("WMF image (not converted: wmf2svg did not finish within 1 s (Converter:Tools:TimeoutSeconds))");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Import_SandboxUnavailable_WmfStaysAPlaceholder()
    {
        var cell = (await VisioTools.ImageCellsAsync(VisioTestFiles.FixtureWithImages(VisioTestFiles.Wmf()), o => o.BwrapPath = "/nonexistent/bwrap")).ShouldHaveSingleItem();

        cell.Attribute("value")!.Value.ShouldStartWith("WMF image (not converted: WMF conversion is unavailable on this server");
    }
}
