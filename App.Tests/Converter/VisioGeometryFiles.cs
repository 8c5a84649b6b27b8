using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Shouldly;

namespace Diagrams.App.Tests.Converter;

/// <summary>
/// .vsdx drawings of hand-written shapes for the geometry tests: the fixture's package (theme, masters, style
/// sheets) with page 1 replaced by the given shapes, and helpers reading the imported cells' styles and stencils.
/// </summary>
internal static class VisioGeometryFiles
{
    /// <summary>A 2-D shape at (pinX, pinY) inches, size w × h, styled by the "Normal" sheet (themed), with its cells and sections.</summary>
    public static string Shape(int id, string text, double pinX, double pinY, double w, double h, string body) =>
        string.Create(CultureInfo.InvariantCulture,
            $"<Shape ID='{id}' Type='Shape' LineStyle='3' FillStyle='3' TextStyle='3'><Cell N='PinX' V='{pinX}'/><Cell N='PinY' V='{pinY}'/><Cell N='Width' V='{w}'/><Cell N='Height' V='{h}'/><Cell N='LocPinX' V='{w / 2}'/><Cell N='LocPinY' V='{h / 2}'/>{body}<Text>{text}</Text></Shape>");

    /// <summary>A Geometry section; <paramref name="rows"/> are (type, cells "X=1 Y=2 …") and the flags its NoFill/NoLine.</summary>
    public static string Geometry(int ix, bool noFill, bool noLine, params (string Type, string Cells)[] rows)
    {
        var xml = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"<Section N='Geometry' IX='{ix}'><Cell N='NoFill' V='{(noFill ? 1 : 0)}'/><Cell N='NoLine' V='{(noLine ? 1 : 0)}'/><Cell N='NoShow' V='0'/>"));
        for (var i = 0; i < rows.Length; i++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<Row T='{rows[i].Type}' IX='{i + 1}'>");
            foreach (var cell in rows[i].Cells.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var (name, value) = (cell[..cell.IndexOf('=', StringComparison.Ordinal)], cell[(cell.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                xml.Append(value.Contains('(', StringComparison.Ordinal)
                    ? $"<Cell N='{name}' V='0' F='{value.Replace('_', ' ')}'/>"
                    : $"<Cell N='{name}' V='{value}'/>");
            }

            xml.Append("</Row>");
        }

        return xml.Append("</Section>").ToString();
    }

    /// <summary>A 1 × 1 in square: the plain rectangle geometry.</summary>
    public static readonly string Square = Geometry(0, false, false, ("MoveTo", "X=0 Y=0"), ("LineTo", "X=1 Y=0"), ("LineTo", "X=1 Y=1"), ("LineTo", "X=0 Y=1"), ("LineTo", "X=0 Y=0"));

    /// <summary>The fixture's package whose page 1 holds only <paramref name="shapes"/>.</summary>
    public static byte[] Drawing(params string[] shapes) => VisioTestFiles.Rewrite((name, data) => name == "visio/pages/page1.xml"
        ? Encoding.UTF8.GetBytes("<?xml version='1.0' encoding='utf-8'?><PageContents xmlns='http://schemas.microsoft.com/office/visio/2012/main' xmlns:r='http://schemas.openxmlformats.org/officeDocument/2006/relationships'><Shapes>"
            + string.Concat(shapes) + "</Shapes></PageContents>")
        : data);

    public static Dictionary<string, string> Style(XElement cell) =>
        cell.Attribute("style")!.Value.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);

    public static XElement Cell(string xml, string label) =>
        XDocument.Parse(xml).Descendants("mxCell").First(c => c.Attribute("value")?.Value == label);

    /// <summary>The stencil of a <c>shape=stencil(…)</c> style, inflated as draw.io does (base64, raw deflate).</summary>
    public static XElement Stencil(XElement cell)
    {
        var shape = Style(cell).GetValueOrDefault("shape") ?? string.Empty;
        shape.ShouldStartWith("stencil(", customMessage: cell.Attribute("style")!.Value);
        using var inflate = new DeflateStream(new MemoryStream(Convert.FromBase64String(shape["stencil(".Length..^1])), CompressionMode.Decompress);
        using var text = new StreamReader(inflate, Encoding.UTF8);
        return XElement.Parse(text.ReadToEnd());
    }

    /// <summary>The path commands of a stencil, e.g. "move line line close | fillstroke".</summary>
    public static string Commands(XElement stencil) =>
        string.Join(" | ", stencil.Element("foreground")!.Elements().Select(e => e.Name.LocalName == "path"
            ? string.Join(' ', e.Elements().Select(c => c.Name.LocalName))
            : e.Name.LocalName));

    public static double N(XElement e, string attribute) => double.Parse(e.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);
}
