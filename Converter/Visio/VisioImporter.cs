using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Diagrams.Converter.Visio;

/// <summary>
/// Visio <c>.vsdx</c> → draw.io <c>&lt;mxfile&gt;</c>: one plain <c>&lt;diagram&gt;</c> per page. 2-D shapes become
/// vertices (position from PinX/PinY/LocPinX/LocPinY/Width/Height, inches × 96, y flipped), inheriting size, text and
/// colours from their master and style sheets, themed colours resolved against the theme part
/// (<see cref="VisioTheme"/>); 1-D shapes become edges (glued ends from <c>&lt;Connects&gt;</c>, free ends as
/// points); groups become parents of their members; PNG/JPEG/GIF foreign data become image shapes, EMF/WMF through the
/// converted SVG handed in (see <see cref="VisioMetafiles"/>). A stencil (<c>.vssx</c>) becomes a draw.io shape library
/// (<c>&lt;mxlibrary&gt;</c>, one entry per master). A vertex's Geometry sections (its own over its master's) become a
/// stencil of its own (<see cref="VisioStencil"/>); the small name → style table is left for shapes whose master is
/// missing and for groups without geometry. Every problem with the input surfaces as a <see cref="VisioImportException"/>.
/// </summary>
public static partial class VisioImporter
{
    internal static readonly XNamespace V = "http://schemas.microsoft.com/office/visio/2012/main";
    internal static readonly XNamespace R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const double Px = 96;

    /// <summary>A drawing → mxfile, without EMF/WMF conversion (such images stay labelled placeholders).</summary>
    /// <exception cref="VisioImportException">The input is too big, not a .vsdx, hostile, or breaks a limit.</exception>
    public static string Convert(Stream vsdx, VisioLimits limits) => Guard(limits, () => Write(VisioPackage.Read(vsdx, limits), limits, media: null, library: false));

    /// <summary>A stencil (or any package with masters) → mxlibrary, one entry per visible master.</summary>
    /// <exception cref="VisioImportException">The input is too big, not a .vssx, hostile, or breaks a limit.</exception>
    public static string ConvertLibrary(Stream vssx, VisioLimits limits) => Guard(limits, () => Write(VisioPackage.Read(vssx, limits), limits, media: null, library: true));

    /// <summary>Writes an already read package; <paramref name="media"/> maps media part paths to converted EMF/WMF images.</summary>
    internal static string Write(VisioPackage package, VisioLimits limits, IReadOnlyDictionary<string, MediaImage>? media, bool library) =>
        Guard(limits, () =>
        {
            var conversion = new Conversion(package, limits, media ?? new Dictionary<string, MediaImage>());
            return library ? conversion.RunLibrary() : conversion.Run();
        });

    private static string Guard(VisioLimits limits, Func<string> run)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        try
        {
            return run();
        }
        catch (VisioImportException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException))
        {
            // Anything else thrown while reading untrusted input is still the input's fault: report it as such.
            throw new VisioImportException("format", "the file could not be read as a Visio drawing", ex);
        }
    }

    /// <summary>Master name (lower case) fragment → draw.io style; first match wins.</summary>
    private static readonly (string Name, string Style)[] ShapeStyles =
    [
        ("ellipse", "ellipse;"),
        ("circle", "ellipse;"),
        ("decision", "rhombus;"),
        ("diamond", "rhombus;"),
        ("start/end", "rounded=1;arcSize=50;"),
        ("terminator", "rounded=1;arcSize=50;"),
        ("document", "shape=document;boundedLbl=1;"),
        ("data", "shape=parallelogram;perimeter=parallelogramPerimeter;"),
        ("database", "shape=cylinder3;"),
        ("triangle", "triangle;"),
        ("hexagon", "shape=hexagon;perimeter=hexagonPerimeter2;"),
        ("rounded", "rounded=1;"),
        ("cloud", "ellipse;shape=cloud;"),
    ];

    /// <summary>Visio's 24 fixed colours, for cells that hold a palette index instead of #rrggbb.</summary>
    internal static readonly string[] Palette =
    [
        "#000000", "#ffffff", "#ff0000", "#00ff00", "#0000ff", "#ffff00", "#ff00ff", "#00ffff",
        "#800000", "#008000", "#000080", "#808000", "#800080", "#008080", "#c0c0c0", "#e6e6e6",
        "#cdcdcd", "#b3b3b3", "#9a9a9a", "#808080", "#666666", "#4d4d4d", "#333333", "#1a1a1a",
    ];

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColor();

    internal static XElement? CellOf(XElement? sheet, string name) =>
        sheet?.Elements(V + "Cell").FirstOrDefault(c => (string?)c.Attribute("N") == name);

    internal static double? Num(XElement? cell)
    {
        var v = (string?)cell?.Attribute("V");
        return v is not null && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && Math.Abs(d) < 1e6
            ? d
            : null;
    }

    /// <summary>The shape's text with the cp/pp/tp/fld markers dropped (they are empty elements), trimmed.</summary>
    private static string? TextOf(XElement shape)
    {
        if (shape.Element(V + "Text") is not { } text)
        {
            return null;
        }

        var value = string.Concat(text.DescendantNodes().OfType<XText>().Select(t => t.Value)).Trim();
        return Clean(value, 10_000);
    }

    /// <summary>Plain text as an <c>html=1</c> label: escaped, line breaks as &lt;br&gt;, so file text never becomes markup.</summary>
    internal static string Html(string text) =>
        WebUtility.HtmlEncode(text).Replace("\r\n", "<br>", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);

    internal static string Clean(string s, int max)
    {
        var chars = s.Where(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c)).Take(max).ToArray();
        return new string(chars).Replace("\u2028", "\n", StringComparison.Ordinal);
    }

    internal static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>An EMF/WMF media part after conversion: an SVG (base64) or why it stays a placeholder.</summary>
internal sealed record MediaImage(string? SvgBase64, string? Problem);
