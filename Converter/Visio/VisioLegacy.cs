using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using static Diagrams.Converter.Visio.VisioImporter;

namespace Diagrams.Converter.Visio;

/// <summary>
/// The legacy formats (<c>.vsd</c>/<c>.vss</c> binary, <c>.vdx</c>/<c>.vsx</c> XML 2003) from libvisio's two outputs:
/// <c>vsd2xhtml</c> (one SVG per page or master) and <c>vsd2raw</c> (libvisio's drawing calls, read here for page
/// names, sizes and text boxes). Fidelity, honestly: each page becomes one locked image of libvisio's SVG (geometry,
/// fills, lines and embedded bitmaps as libvisio draws them, not editable shapes) with the text taken out of the
/// picture and put back as editable text cells at libvisio's text boxes (position, size, rotation, alignment, first
/// colour and size). Connectors, groups and shape identity are lost. A stencil's masters become library entries the
/// same way.
/// </summary>
internal static partial class VisioLegacy
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    internal sealed record Text(double X, double Y, double Width, double Height, double Rotate, string Value, string? Color, double? FontPt, string? Align, string? VerticalAlign);

    internal sealed record Page(string? Name, double? WidthIn, double? HeightIn)
    {
        public List<Text> Texts { get; } = [];
    }

    [GeneratedRegex(@"(?<key>[a-z\-]+:[a-z\-]+): (?<value>[^,()]*)")]
    private static partial Regex Property();

    [GeneratedRegex(@"draw:name: (?<name>.*?)(?:, svg:height: |, svg:width: |\)$)")]
    private static partial Regex PageName();

    /// <summary>Pages (or masters) with their text boxes, from <c>vsd2raw</c>'s listing.</summary>
    public static List<Page> ParseRaw(string raw, VisioLimits limits)
    {
        var pages = new List<Page>();
        Page? page = null;
        StringBuilder? text = null;
        Dictionary<string, string>? box = null;
        Dictionary<string, string>? span = null;
        string? align = null;
        var paragraphs = 0;
        var texts = 0;
        foreach (var rawLine in raw.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.StartsWith("startPage(", StringComparison.Ordinal))
            {
                if (pages.Count >= limits.MaxPages)
                {
                    throw new VisioImportException("pages", $"the drawing has more than {limits.MaxPages} pages");
                }

                var props = Props(line);
                page = new Page(PageName().Match(line) is { Success: true } m ? Clean(m.Groups["name"].Value, 200) : null, Inches(props, "svg:width"), Inches(props, "svg:height"));
                pages.Add(page);
            }
            else if (line.StartsWith("startTextObject", StringComparison.Ordinal))
            {
                (text, box, span, align, paragraphs) = (new StringBuilder(), Props(line), null, null, 0);
            }
            else if (text is null)
            {
                continue;
            }
            else if (line.StartsWith("openParagraph", StringComparison.Ordinal))
            {
                if (paragraphs++ > 0)
                {
                    text.Append('\n');
                }

                align ??= Props(line).GetValueOrDefault("fo:text-align");
            }
            else if (line.StartsWith("openSpan", StringComparison.Ordinal))
            {
                span ??= Props(line);
            }
            else if (line.StartsWith("insertText (", StringComparison.Ordinal) && line.EndsWith(')'))
            {
                text.Append(line.AsSpan(12, line.Length - 13));
            }
            else if (line is "insertSpace")
            {
                text.Append(' ');
            }
            else if (line is "insertTab")
            {
                text.Append('\t');
            }
            else if (line is "insertLineBreak")
            {
                text.Append('\n');
            }
            else if (line.StartsWith("endTextObject", StringComparison.Ordinal))
            {
                if (++texts > limits.MaxShapes)
                {
                    throw new VisioImportException("shapes", $"the drawing has more than {limits.MaxShapes} shapes");
                }

                var value = Clean(text.ToString().Trim(), 10_000);
                if (page is not null && box is not null && value.Length > 0)
                {
                    page.Texts.Add(new Text(Inches(box, "svg:x") ?? 0, Inches(box, "svg:y") ?? 0, Inches(box, "svg:width") ?? 1, Inches(box, "svg:height") ?? 0.25,
                        Number(box.GetValueOrDefault("librevenge:rotate")) ?? 0, value, span?.GetValueOrDefault("fo:color"),
                        Number(span?.GetValueOrDefault("fo:font-size")?.TrimEnd('t', 'p')), align, box.GetValueOrDefault("draw:textarea-vertical-align")));
                }

                text = null;
            }
        }

        return pages;
    }

    /// <summary>The <c>svg:svg</c> elements of <c>vsd2xhtml</c>'s page, in order (its DOCTYPE is ignored, never resolved).</summary>
    public static List<XElement> ParseXhtml(byte[] xhtml, VisioLimits limits)
    {
        var root = VisioSvg.Parse(xhtml, limits.MaxXmlDepth, DtdProcessing.Ignore)
            ?? throw new VisioImportException("format", "libvisio's output could not be read");
        return [.. root.Descendants(Svg + "svg").Where(s => s.Ancestors(Svg + "svg").FirstOrDefault() is null)];
    }

    /// <summary>An mxfile (one diagram per page) or, for a stencil, an mxlibrary (one entry per master).</summary>
    public static string Build(List<XElement> svgs, List<Page> pages, bool library)
    {
        var count = Math.Max(svgs.Count, pages.Count);
        if (count == 0)
        {
            throw new VisioImportException("format", library ? "the stencil has no masters libvisio can read" : "the drawing has no pages libvisio can read");
        }

        var models = new List<(string Name, string Model, double Width, double Height)>();
        for (var i = 0; i < count; i++)
        {
            var svg = i < svgs.Count ? svgs[i] : null;
            var page = i < pages.Count ? pages[i] : new Page(null, null, null);
            var width = (page.WidthIn ?? SvgInches(svg, "width") ?? 8.5) * 96;
            var height = (page.HeightIn ?? SvgInches(svg, "height") ?? 11) * 96;
            models.Add((page.Name ?? (library ? $"Master {i + 1}" : $"Page-{i + 1}"), Model(i, svg, page, width, height), width, height));
        }

        if (library)
        {
            return Library(models);
        }

        var file = new XElement("mxfile", new XAttribute("host", "Diagrams"), new XAttribute("agent", "Diagrams Visio importer (libvisio)"));
        for (var i = 0; i < models.Count; i++)
        {
            file.Add(new XElement("diagram", new XAttribute("id", $"visio-{i + 1}"), new XAttribute("name", models[i].Name), XElement.Parse(models[i].Model)));
        }

        return file.ToString(SaveOptions.DisableFormatting);
    }

    private static string Model(int index, XElement? svg, Page page, double width, double height)
    {
        var root = new XElement("root", new XElement("mxCell", new XAttribute("id", "0")), new XElement("mxCell", new XAttribute("id", "1"), new XAttribute("parent", "0")));
        if (svg is not null)
        {
            if (page.Texts.Count > 0)
            {
                svg.Descendants(Svg + "text").ToList().Remove(); // back as editable cells below
            }

            if (VisioSvg.ToBase64(svg) is { } image)
            {
                root.Add(Cell($"l{index + 1}-page", string.Empty, $"shape=image;html=1;imageAspect=0;locked=1;image=data:image/svg+xml,{image};", 0, 0, width, height));
            }
        }

        var n = 0;
        foreach (var t in page.Texts)
        {
            var style = new StringBuilder("text;html=1;whiteSpace=wrap;");
            style.Append("align=").Append(t.Align switch { "left" or "start" => "left", "right" or "end" => "right", _ => "center" }).Append(';');
            style.Append("verticalAlign=").Append(t.VerticalAlign switch { "top" => "top", "bottom" => "bottom", _ => "middle" }).Append(';');
            if (t.FontPt is { } pt && pt is > 0 and < 1000)
            {
                style.Append("fontSize=").Append(F(pt * 96 / 72)).Append(';');
            }

            if (t.Color is { Length: 7 } color && color[0] == '#' && color.Skip(1).All(Uri.IsHexDigit))
            {
                style.Append("fontColor=").Append(color).Append(';');
            }

            if (Math.Abs(t.Rotate) > 1e-6)
            {
                style.Append("rotation=").Append(F(-t.Rotate)).Append(';');
            }

            root.Add(Cell($"l{index + 1}-t{++n}", Html(t.Value), style.ToString(), t.X * 96, t.Y * 96, t.Width * 96, t.Height * 96));
        }

        return new XElement("mxGraphModel", new XAttribute("grid", "1"), new XAttribute("gridSize", "10"), new XAttribute("page", "1"),
            new XAttribute("pageWidth", F(width)), new XAttribute("pageHeight", F(height)), root).ToString(SaveOptions.DisableFormatting);
    }

    private static XElement Cell(string id, string value, string style, double x, double y, double width, double height) =>
        new("mxCell", new XAttribute("id", id), new XAttribute("value", value), new XAttribute("style", style), new XAttribute("vertex", "1"), new XAttribute("parent", "1"),
            new XElement("mxGeometry", new XAttribute("x", F(x)), new XAttribute("y", F(y)), new XAttribute("width", F(width)), new XAttribute("height", F(height)), new XAttribute("as", "geometry")));

    private static Dictionary<string, string> Props(string line)
    {
        var props = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in Property().Matches(line))
        {
            props.TryAdd(m.Groups["key"].Value, m.Groups["value"].Value.Trim());
        }

        return props;
    }

    private static double? Inches(Dictionary<string, string> props, string key) =>
        props.TryGetValue(key, out var v) && v.EndsWith("in", StringComparison.Ordinal) ? Number(v[..^2]) : null;

    private static double? SvgInches(XElement? svg, string attribute) =>
        (string?)svg?.Attribute(attribute) is { } v && v.EndsWith("in", StringComparison.Ordinal) ? Number(v[..^2]) : null;

    private static double? Number(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && Math.Abs(d) < 1e6 ? d : null;
}
