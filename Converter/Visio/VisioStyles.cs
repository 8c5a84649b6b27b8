using System.Globalization;
using System.Xml.Linq;
using static Diagrams.Converter.Visio.VisioImporter;

namespace Diagrams.Converter.Visio;

/// <summary>
/// A shape's fill, line and text colours as Visio would inherit them: the shape's own cell, then its master shape's,
/// then the style sheets named by <c>FillStyle</c>/<c>LineStyle</c>/<c>TextStyle</c> (document.xml), each sheet
/// following its own parent. A <c>#rrggbb</c> value is taken as is, a small integer as Visio's palette index, and
/// <c>Themed</c> (or a <c>THEMEVAL()</c> formula) through the theme with the QuickStyle cells found along the same
/// chain (<see cref="VisioTheme"/>). <c>FillPattern</c> 0 means no fill.
/// </summary>
internal sealed class VisioStyles
{
    private const int MaxChain = 32;
    private readonly Dictionary<string, XElement> _sheets = new(StringComparer.Ordinal);
    private readonly VisioTheme _theme;

    public VisioStyles(VisioPackage package)
    {
        _theme = VisioTheme.Read(package);
        foreach (var sheet in package.Xml("visio/document.xml")?.Root?.Element(V + "StyleSheets")?.Elements(V + "StyleSheet") ?? [])
        {
            if ((string?)sheet.Attribute("ID") is { } id)
            {
                _sheets.TryAdd(id, sheet);
            }
        }
    }

    /// <summary>Resolved colours; null where nothing is known (draw.io's default then applies).</summary>
    public (string? Fill, string? Line, string? Font) Resolve(XElement shape, XElement? master, (int Color, int Style) variation)
    {
        string? fill = null;
        if (Find(shape, master, "FillStyle", s => CellOf(s, "FillPattern")) is not { } pattern || !IsNumber(pattern, out var p) || p != 0)
        {
            fill = Color(shape, master, "FillStyle", s => CellOf(s, "FillForegnd"), _ => _theme.Resolve(
                line: false, Quick(shape, master, "FillStyle", "QuickStyleFillColor", 100), Quick(shape, master, "FillStyle", "QuickStyleFillMatrix", 100), variation.Color, variation.Style));
        }
        else
        {
            fill = "none";
        }

        string? line = null;
        if (Find(shape, master, "LineStyle", s => CellOf(s, "LinePattern")) is { } linePattern && IsNumber(linePattern, out var lp) && lp == 0)
        {
            line = "none";
        }
        else
        {
            line = Color(shape, master, "LineStyle", s => CellOf(s, "LineColor"), formula => _theme.Resolve(
                line: true, Quick(shape, master, "LineStyle", "QuickStyleLineColor", 100), Quick(shape, master, "LineStyle", "QuickStyleLineMatrix", 100), variation.Color, variation.Style,
                connector: formula.Contains("ConnectorColor", StringComparison.OrdinalIgnoreCase)));
        }

        var font = Color(shape, master, "TextStyle", CharacterColor, _ => _theme.TextOn(fill is "none" ? null : fill));

        // QuickStyleVariation bits 2, 4, 8: keep text, line, fill visible against the theme's background.
        var variationBits = Quick(shape, master, "FillStyle", "QuickStyleVariation", 0);
        string? Check(string? color, int bit) => color is not null && (variationBits & bit) != 0 ? _theme.Visible(color) : color;
        return (Check(fill, 8), Check(line, 4), Check(font, 2));
    }

    /// <summary>The text block's background (TextBkgnd: 0 transparent, n palette colour n − 1, or #rrggbb); null when transparent.</summary>
    public string? TextBackground(XElement shape, XElement? master)
    {
        if (Find(shape, master, "TextStyle", s => CellOf(s, "TextBkgnd")) is not { } cell
            || (Find(shape, master, "TextStyle", s => CellOf(s, "TextBkgndTrans")) is { } trans && IsNumber(trans, out var t) && t >= 1))
        {
            return null;
        }

        var value = (string?)cell.Attribute("V") ?? string.Empty;
        if (value.Length == 7 && value[0] == '#' && value.Skip(1).All(Uri.IsHexDigit))
        {
            return value.ToLowerInvariant();
        }

        return IsNumber(cell, out var index) && index >= 1 && index <= Palette.Length ? Palette[(int)index - 1] : null;
    }

    private static XElement? CharacterColor(XElement sheet) =>
        CellOf(sheet.Elements(V + "Section").FirstOrDefault(s => (string?)s.Attribute("N") == "Character")?.Elements(V + "Row").FirstOrDefault(), "Color");

    /// <param name="themed">The themed colour, given the cell's formula (e.g. <c>THEMEVAL("ConnectorColor",0)</c>).</param>
    private string? Color(XElement shape, XElement? master, string styleKind, Func<XElement, XElement?> cell, Func<string, string> themed)
    {
        if (Find(shape, master, styleKind, cell) is not { } found)
        {
            return null;
        }

        var value = (string?)found.Attribute("V") ?? string.Empty;
        var formula = (string?)found.Attribute("F") ?? string.Empty;
        if (value.Length == 7 && value[0] == '#' && value.Skip(1).All(Uri.IsHexDigit))
        {
            return value.ToLowerInvariant();
        }

        if (string.Equals(value, "Themed", StringComparison.OrdinalIgnoreCase) || formula.Contains("THEMEVAL", StringComparison.OrdinalIgnoreCase))
        {
            return _theme.Named(formula) ?? themed(formula);
        }

        return IsNumber(found, out var index) && index >= 0 && index < Palette.Length ? Palette[(int)index] : null;
    }

    private int Quick(XElement shape, XElement? master, string styleKind, string name, int fallback) =>
        Find(shape, master, styleKind, s => CellOf(s, name)) is { } cell && IsNumber(cell, out var v) ? (int)v : fallback;

    /// <summary>The first sheet along shape → master → style sheets that has the cell.</summary>
    private XElement? Find(XElement shape, XElement? master, string styleKind, Func<XElement, XElement?> cell)
    {
        foreach (var sheet in Chain(shape, master, styleKind))
        {
            if (cell(sheet) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private IEnumerable<XElement> Chain(XElement shape, XElement? master, string styleKind)
    {
        yield return shape;
        if (master is not null)
        {
            yield return master;
        }

        var id = (string?)shape.Attribute(styleKind) ?? (string?)master?.Attribute(styleKind);
        for (var depth = 0; id is not null && depth < MaxChain && _sheets.TryGetValue(id, out var sheet); depth++)
        {
            yield return sheet;
            var parent = (string?)sheet.Attribute(styleKind);
            id = parent == id ? null : parent;
        }
    }

    private static bool IsNumber(XElement cell, out double value) =>
        double.TryParse((string?)cell.Attribute("V"), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
