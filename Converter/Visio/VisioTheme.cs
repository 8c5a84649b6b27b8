using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Diagrams.Converter.Visio;

/// <summary>
/// The drawing's theme (<c>visio/theme/theme1.xml</c>, DrawingML <c>a:clrScheme</c> plus Visio's variation
/// extensions) and how a "Themed" cell (<c>V="Themed"</c>, <c>F="THEMEVAL(...)"</c>) becomes a colour. Visio's own
/// algorithm is only partly documented, so this is an approximation that gets the common case right: the
/// QuickStyle colour (0 dk1, 1 lt1, 2–7 accent1–6, 8 background, 100–106 the page's variation colours) is the
/// placeholder colour <c>phClr</c>, and the QuickStyle matrix (1–6, or 100–103 through the variation style scheme)
/// picks the theme's fill or line style, whose tint/shade is applied in linear RGB as DrawingML does. Checked against
/// the fixture's own thumbnail: its process steps are #5B9BD5 and its terminators #4F88BB (#5B9BD5 shaded 75 %).
/// Gradients keep their first stop; effects, lumMod/satMod and font styles are not modelled (a themed text colour is
/// lt1 on a dark fill, else dk1).
/// </summary>
internal sealed partial class VisioTheme
{
    private static readonly XNamespace A = "http://schemas.openxmlformats.org/drawingml/2006/main";
    private static readonly XNamespace Vt = "http://schemas.microsoft.com/office/visio/2012/theme";
    private static readonly string[] SchemeNames = ["dk1", "lt1", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6"];

    private readonly Dictionary<string, string> _scheme = new(StringComparer.Ordinal);
    private readonly List<(string[] Colors, bool Monotone)> _variationColors = [];
    private readonly List<(int Fill, int Line)[]> _variationStyles = [];
    private readonly List<XElement> _fills = [];
    private readonly List<XElement> _lines = [];
    private readonly List<XElement> _connectorLines = [];
    private string? _background;

    /// <summary>Office's default palette when a file carries no theme part.</summary>
    public static VisioTheme Default { get; } = new();

    public static VisioTheme Read(VisioPackage package)
    {
        var path = package.Rels("visio/document.xml").Values.FirstOrDefault(p => p.StartsWith("visio/theme/", StringComparison.OrdinalIgnoreCase))
            ?? (package.Has("visio/theme/theme1.xml") ? "visio/theme/theme1.xml" : null);
        if (path is null || package.Xml(path)?.Root is not { } root)
        {
            return Default;
        }

        var theme = new VisioTheme();
        if (root.Descendants(A + "clrScheme").FirstOrDefault() is { } scheme)
        {
            foreach (var entry in scheme.Elements())
            {
                if (Literal(entry) is { } color)
                {
                    theme._scheme[entry.Name.LocalName] = color;
                }
            }

            theme._background = scheme.Descendants(Vt + "bkgnd").Select(Literal).FirstOrDefault(c => c is not null);
            foreach (var variation in scheme.Descendants(Vt + "variationClrScheme").Take(16))
            {
                var colors = Enumerable.Range(1, 7).Select(i => variation.Element(Vt + $"varColor{i}") is { } v ? Literal(v) : null).ToArray();
                theme._variationColors.Add(([.. colors.Select(c => c ?? theme.Scheme("accent1"))], (string?)variation.Attribute("monotone") == "1"));
            }
        }

        foreach (var styles in root.Descendants(Vt + "variationStyleScheme").Take(16))
        {
            theme._variationStyles.Add([.. styles.Elements(Vt + "varStyle").Take(4)
                .Select(s => ((int?)s.Attribute("fillIdx") ?? 0, (int?)s.Attribute("lineIdx") ?? 0))]);
        }

        // The shapes' format scheme (not the connectors' one, which lives in an extension with its own fillStyleLst).
        if (root.Descendants(A + "fmtScheme").FirstOrDefault() is { } format)
        {
            theme._fills.AddRange(format.Element(A + "fillStyleLst")?.Elements() ?? []);
            theme._lines.AddRange(format.Element(A + "lnStyleLst")?.Elements() ?? []);
        }

        // Connectors' lines (THEMEVAL("ConnectorColor")) come from the connector scheme in Visio's theme extension.
        if (root.Descendants(Vt + "fmtConnectorScheme").FirstOrDefault() is { } connectors)
        {
            theme._connectorLines.AddRange(connectors.Element(A + "lnStyleLst")?.Elements() ?? []);
        }

        return theme;
    }

    private string Scheme(string name) => _scheme.GetValueOrDefault(name) ?? name switch
    {
        "dk1" => "#000000",
        "lt1" => "#ffffff",
        "accent1" => "#5b9bd5",
        _ => "#5b9bd5",
    };

    /// <summary>The QuickStyle colour <paramref name="index"/> with the page's variation colour scheme.</summary>
    public string QuickColor(int index, int variation) => index switch
    {
        >= 0 and <= 7 => Scheme(SchemeNames[index]),
        8 => _background ?? Scheme("lt1"),
        >= 100 and <= 106 when _variationColors.Count > 0 => _variationColors[Math.Clamp(variation, 0, _variationColors.Count - 1)] switch
        {
            // A monotone variation (Office's default) paints every variant in its first colour; the others only tint lines and effects.
            { Monotone: true } scheme => scheme.Colors[0],
            var scheme => scheme.Colors[index - 100],
        },
        _ => Scheme("accent1"),
    };

    /// <summary>
    /// The colour a <c>THEMEVAL("…")</c> formula names outright: "Dark", "Light", "BackgroundColor", "AccentColor"
    /// (accent1) to "AccentColor6", or an index 1–8 (dk1, lt1, accent1–6); null for any other formula.
    /// </summary>
    public string? Named(string formula)
    {
        var match = ThemeValArgument().Match(formula);
        if (!match.Success)
        {
            return null;
        }

        var name = match.Groups[1].Value.Trim().Trim('"');
        return name.ToLowerInvariant() switch
        {
            "dark" or "1" => Scheme("dk1"),
            "light" or "2" => Scheme("lt1"),
            "backgroundcolor" => _background ?? Scheme("lt1"),
            "accentcolor" or "accentcolor1" => Scheme("accent1"),
            ['a', 'c', 'c', 'e', 'n', 't', 'c', 'o', 'l', 'o', 'r', >= '2' and <= '6' and var n] => Scheme($"accent{n}"),
            [>= '3' and <= '8' and var i] => Scheme($"accent{i - '2'}"),
            _ => null,
        };
    }

    [GeneratedRegex("THEMEVAL\\(\\s*(\"[A-Za-z0-9]{1,40}\"|[0-9]{1,2})\\s*[,)]", RegexOptions.IgnoreCase)]
    private static partial Regex ThemeValArgument();

    /// <summary>A themed fill (<paramref name="line"/> false) or line colour; <paramref name="connector"/>: a connector's line.</summary>
    public string Resolve(bool line, int colorIndex, int matrix, int variationColor, int variationStyle, bool connector = false)
    {
        var placeholder = QuickColor(colorIndex, variationColor);
        var styleIndex = matrix switch
        {
            >= 1 and <= 6 => matrix,
            >= 100 and <= 103 when _variationStyles.Count > 0 && _variationStyles[Math.Clamp(variationStyle, 0, _variationStyles.Count - 1)] is { } styles && matrix - 100 < styles.Length
                => line ? styles[matrix - 100].Line : styles[matrix - 100].Fill,
            _ => 0,
        };
        var list = line ? (connector && _connectorLines.Count > 0 ? _connectorLines : _lines) : _fills;
        if (styleIndex < 1 || styleIndex > list.Count)
        {
            return placeholder;
        }

        var style = list[styleIndex - 1];
        var fill = line ? style.Element(A + "solidFill") ?? style.Element(A + "gradFill") : style;
        var colorElement = fill?.Name.LocalName switch
        {
            "solidFill" => fill.Elements().FirstOrDefault(),
            "gradFill" => fill.Element(A + "gsLst")?.Elements(A + "gs").FirstOrDefault()?.Elements().FirstOrDefault(),
            _ => null,
        };
        return colorElement is null ? placeholder : Apply(colorElement, placeholder);
    }

    /// <summary>QuickStyleVariation's rule: a colour too close to the theme's background becomes dk1 or lt1, whichever shows.</summary>
    public string Visible(string color)
    {
        var background = _background ?? Scheme("lt1");
        return color.Length == 7 && color[0] == '#' && Math.Abs(Luma(color) - Luma(background)) < 0.2 ? TextOn(background) : color;
    }

    /// <summary>Text on a themed fill: light on dark, dark on light.</summary>
    public string TextOn(string? fill) => fill is not null && Luma(fill) < 0.5 ? Scheme("lt1") : Scheme("dk1");

    private string Apply(XElement color, string placeholder)
    {
        var baseColor = color.Name.LocalName switch
        {
            "srgbClr" => Hex((string?)color.Attribute("val")),
            "schemeClr" => (string?)color.Attribute("val") is { } name && name != "phClr" ? Scheme(name) : placeholder,
            _ => null,
        } ?? placeholder;
        var (r, g, b) = Rgb(baseColor);
        (r, g, b) = (Linear(r), Linear(g), Linear(b));
        foreach (var mod in color.Elements())
        {
            var value = (double?)mod.Attribute("val") / 100000;
            if (value is not { } v)
            {
                continue;
            }

            // DrawingML applies shade and tint in linear RGB.
            (r, g, b) = mod.Name.LocalName switch
            {
                "shade" => (r * v, g * v, b * v),
                "tint" => ((r * v) + (1 - v), (g * v) + (1 - v), (b * v) + (1 - v)),
                _ => (r, g, b),
            };
        }

        return string.Create(CultureInfo.InvariantCulture, $"#{Byte(Gamma(r)):x2}{Byte(Gamma(g)):x2}{Byte(Gamma(b)):x2}");
    }

    private static double Linear(double channel)
    {
        var c = channel / 255;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }

    private static double Gamma(double linear)
    {
        var c = Math.Clamp(linear, 0, 1);
        return 255 * (c <= 0.0031308 ? c * 12.92 : (1.055 * Math.Pow(c, 1 / 2.4)) - 0.055);
    }

    private static string? Literal(XElement holder)
    {
        var color = holder.Name.LocalName is "srgbClr" or "sysClr" ? holder : holder.Elements().FirstOrDefault(e => e.Name.LocalName is "srgbClr" or "sysClr");
        return color?.Name.LocalName switch
        {
            "srgbClr" => Hex((string?)color.Attribute("val")),
            "sysClr" => Hex((string?)color.Attribute("lastClr")),
            _ => null,
        };
    }

    private static string? Hex(string? value) =>
        value is { Length: 6 } && value.All(Uri.IsHexDigit) ? "#" + value.ToLowerInvariant() : null;

    private static (double R, double G, double B) Rgb(string hex) =>
        (System.Convert.ToInt32(hex[1..3], 16), System.Convert.ToInt32(hex[3..5], 16), System.Convert.ToInt32(hex[5..7], 16));

    private static int Byte(double channel) => (int)Math.Round(Math.Clamp(channel, 0, 255));

    private static double Luma(string hex)
    {
        var (r, g, b) = Rgb(hex);
        return ((0.299 * r) + (0.587 * g) + (0.114 * b)) / 255;
    }
}
