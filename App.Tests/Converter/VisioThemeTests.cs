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
}
