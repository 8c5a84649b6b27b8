using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Diagrams.Converter.Visio;

/// <summary>
/// SVG made by a tool from untrusted input (emf2svg, wmf2svg, libvisio), made safe to embed as a data-URI image: parsed
/// without DTDs or resolvers and with a depth bound; scripts, <c>foreignObject</c>, event attributes and any link that
/// is not a fragment or an embedded image are removed. Null when it is not usable SVG.
/// </summary>
internal static class VisioSvg
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly XNamespace XLink = "http://www.w3.org/1999/xlink";

    /// <param name="undeclaredSvg">
    /// Unprefixed elements are SVG and <c>xlink:</c> is XLink even where the file does not declare them (wmf2svg's
    /// output declares neither).
    /// </param>
    public static XElement? Parse(byte[] data, int maxDepth, DtdProcessing dtd = DtdProcessing.Prohibit, bool undeclaredSvg = false)
    {
        var settings = new XmlReaderSettings { DtdProcessing = dtd, XmlResolver = null, MaxCharactersFromEntities = 0, IgnoreComments = true, IgnoreProcessingInstructions = true };
        XmlParserContext? context = null;
        if (undeclaredSvg)
        {
            var namespaces = new XmlNamespaceManager(new NameTable());
            namespaces.AddNamespace(string.Empty, Svg.NamespaceName);
            namespaces.AddNamespace("xlink", XLink.NamespaceName);
            context = new XmlParserContext(null, namespaces, null, XmlSpace.None);
        }

        try
        {
            using (var depth = XmlReader.Create(new MemoryStream(data, writable: false), settings, context))
            {
                while (depth.Read())
                {
                    if (depth.Depth > maxDepth)
                    {
                        return null;
                    }
                }
            }

            using var reader = XmlReader.Create(new MemoryStream(data, writable: false), settings, context);
            return XDocument.Load(reader).Root;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    /// <summary>Adds <c>viewBox="0 0 width height"</c> when missing and both sizes are plain numbers, so the picture scales with its shape.</summary>
    public static XElement AddViewBox(XElement svg)
    {
        if (svg.Attribute("viewBox") is null
            && double.TryParse((string?)svg.Attribute("width"), NumberStyles.Float, CultureInfo.InvariantCulture, out var width) && width > 0 && double.IsFinite(width)
            && double.TryParse((string?)svg.Attribute("height"), NumberStyles.Float, CultureInfo.InvariantCulture, out var height) && height > 0 && double.IsFinite(height))
        {
            svg.SetAttributeValue("viewBox", string.Create(CultureInfo.InvariantCulture, $"0 0 {width} {height}"));
        }

        return svg;
    }

    /// <summary>Removes active content in place and returns the SVG as a standalone document (default namespace), base64.</summary>
    public static string? ToBase64(XElement svg)
    {
        if (svg.Name != Svg + "svg")
        {
            return null;
        }

        svg.Descendants().Where(e => e.Name.LocalName is "script" or "foreignObject" or "iframe" or "object" or "embed").ToList().Remove();
        foreach (var element in svg.DescendantsAndSelf())
        {
            element.Attributes().Where(a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase)
                || (a.Name.LocalName == "href" && !((string)a).StartsWith('#') && !((string)a).StartsWith("data:image/", StringComparison.Ordinal))
                || (a.IsNamespaceDeclaration && a.Value == Svg.NamespaceName && a.Name.LocalName != "xmlns")).ToList().Remove();
        }

        var copy = new XElement(svg);
        copy.SetAttributeValue("xmlns", Svg.NamespaceName);
        return System.Convert.ToBase64String(Encoding.UTF8.GetBytes(copy.ToString(SaveOptions.DisableFormatting)));
    }
}
