using System.Text;
using System.Xml.Linq;
using Diagrams.Converter.Visio;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Converter;

/// <summary>
/// Themed cells: the fixture's shapes leave FillForegnd to the style sheet "Theme" (<c>F="THEMEVAL()"</c>), so their
/// fill only exists in visio/theme/theme1.xml (variation colour 1 = #5B9BD5 in its Office theme). The expected colours
/// are the ones in the fixture's own thumbnail (docProps/thumbnail.emf, as Visio drew it): process steps #5B9BD5,
/// terminators and the decision #4F88BB (the theme's "shade 75 %" fill style).
/// </summary>
public sealed class VisioThemeTests
{
    private static Dictionary<string, string> Style(string xml, string label)
    {
        var cell = XDocument.Parse(xml).Descendants("mxCell").First(c => c.Attribute("value")?.Value == label);
        return cell.Attribute("style")!.Value.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
    }

    private static string Convert(byte[] vsdx) => VisioImporter.Convert(new MemoryStream(vsdx), new VisioLimits());

    [Fact]
    public void Convert_Fixture_ThemedFillResolvesToTheThemeColour_WithItsWhiteText()
    {
        var xml = VisioImporter.Convert(File.OpenRead(Fixtures.Path(VisioTestFiles.Fixture)), new VisioLimits());

        var start = Style(xml, "Hiring need reported");
        start["fillColor"].ShouldBe("#4f88bb");
        start["fontColor"].ShouldBe("#feffff");
        start["strokeColor"].ShouldBe("#41719c");
        Style(xml, "Candidate accepts?")["fillColor"].ShouldBe("#4f88bb");
        var step = Style(xml, "Log hiring request");
        step["fillColor"].ShouldBe("#5b9bd5");
        step["fontColor"].ShouldBe("#feffff");
    }

    [Fact]
    public void Convert_Fixture_EveryWhiteLabelSitsOnAResolvedNonWhiteFill()
    {
        var cells = XDocument.Parse(VisioImporter.Convert(File.OpenRead(Fixtures.Path(VisioTestFiles.Fixture)), new VisioLimits()))
            .Descendants("mxCell").Where(c => c.Attribute("style")?.Value.Contains("fontColor=#feffff", StringComparison.Ordinal) == true).ToList();

        cells.Count.ShouldBeGreaterThan(8); // the process steps, the decision and both terminators
        cells.ShouldAllBe(c => c.Attribute("style")!.Value.Contains("fillColor=#", StringComparison.Ordinal)
            && !c.Attribute("style")!.Value.Contains("fillColor=#ffffff", StringComparison.Ordinal));
    }

    [Fact]
    public void Convert_Fixture_NoFillPatternIsNoFill_AndKeepsItsTextColour()
    {
        var title = Style(VisioImporter.Convert(File.OpenRead(Fixtures.Path(VisioTestFiles.Fixture)), new VisioLimits()), "Human Resources Recruiting Process");

        title["fillColor"].ShouldBe("none");
        title["fontColor"].ShouldBe("#5b9bd5");
    }

    [Fact]
    public void Convert_ChangedTheme_ChangesTheResolvedFill()
    {
        var vsdx = VisioTestFiles.Rewrite((name, data) => name == "visio/theme/theme1.xml"
            ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(data).Replace("5B9BD5", "123456", StringComparison.Ordinal))
            : data);

        Style(Convert(vsdx), "Log hiring request")["fillColor"].ShouldBe("#123456");
    }

    [Fact]
    public void Convert_WithoutThemePart_FallsBackToOfficeDefaults()
    {
        var vsdx = VisioTestFiles.Rewrite((name, data) => name == "visio/theme/theme1.xml" ? null : data);

        Style(Convert(vsdx), "Log hiring request")["fillColor"].ShouldBe("#5b9bd5");
    }
    [Fact]
    public void Convert_DifferentlyThemedBoxes_KeepTheirThemeAccents()
    {
        // QuickStyleFillColor/LineColor 2–7 name accent1–6 (fill matrix 4 and line matrix 2 are the theme's plain phClr
        // styles); THEMEVAL("AccentColorN") or THEMEVAL(index) names a theme colour outright.
        static string Quick(int id, string text, int color) => VisioGeometryFiles.Shape(id, text, 2 * id, 2, 1, 1,
            $"<Cell N='FillForegnd' V='Themed' F='THEMEVAL()'/><Cell N='LineColor' V='Themed' F='THEMEVAL()'/><Cell N='QuickStyleFillColor' V='{color}'/><Cell N='QuickStyleLineColor' V='{color}'/><Cell N='QuickStyleFillMatrix' V='4'/><Cell N='QuickStyleLineMatrix' V='2'/>" + VisioGeometryFiles.Square);
        static string Named(int id, string text, string formula) => VisioGeometryFiles.Shape(id, text, 2 * id, 4, 1, 1, $"<Cell N='FillForegnd' V='Themed' F='{formula}'/>" + VisioGeometryFiles.Square);
        var xml = Convert(VisioGeometryFiles.Drawing(Quick(1, "Orange", 3), Quick(2, "Green", 7),
            Named(3, "Accent4", "THEMEVAL(\"AccentColor4\")"), Named(4, "Accent5", "THEMEVAL(\"AccentColor5\",0)"), Named(5, "Dark", "THEMEVAL(1)"), Named(6, "Host", "THEMEVAL()")));

        (Style(xml, "Orange")["fillColor"], Style(xml, "Orange")["strokeColor"]).ShouldBe(("#ed7d31", "#ed7d31")); // accent2 in theme1.xml
        (Style(xml, "Green")["fillColor"], Style(xml, "Green")["strokeColor"]).ShouldBe(("#70ad47", "#70ad47")); // accent6
        Style(xml, "Accent4")["fillColor"].ShouldBe("#ffc000");
        Style(xml, "Accent5")["fillColor"].ShouldBe("#4672c4");
        Style(xml, "Dark")["fillColor"].ShouldBe("#000000");
        Style(xml, "Host")["fillColor"].ShouldBe("#5b9bd5"); // the host cell's own theme value, as before
    }

    [Fact]
    public void Convert_QuickStyleVariation_KeepsTextAndLinesVisibleOnTheBackground()
    {
        // Light text (lt1) and a white line on the theme's white background: bits 2 and 4 make them dark; without the bits they stay.
        const string Cells = "<Cell N='FillPattern' V='0'/><Cell N='LineColor' V='#ffffff'/><Section N='Character'><Row IX='0'><Cell N='Color' V='#feffff'/></Row></Section>";
        var xml = Convert(VisioGeometryFiles.Drawing(
            VisioGeometryFiles.Shape(1, "Kept visible", 2, 2, 1, 1, "<Cell N='QuickStyleVariation' V='6'/>" + Cells + VisioGeometryFiles.Square),
            VisioGeometryFiles.Shape(2, "As drawn", 4, 2, 1, 1, "<Cell N='QuickStyleVariation' V='0'/>" + Cells + VisioGeometryFiles.Square)));

        (Style(xml, "Kept visible")["fontColor"], Style(xml, "Kept visible")["strokeColor"]).ShouldBe(("#000000", "#000000"));
        (Style(xml, "As drawn")["fontColor"], Style(xml, "As drawn")["strokeColor"]).ShouldBe(("#feffff", "#ffffff"));
    }
}
