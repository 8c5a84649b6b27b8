using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Diagrams.Converter.Visio;

/// <summary>
/// SVG made by a tool from untrusted input (emf2svg, libvisio), made safe to embed as a data-URI image: parsed
/// without DTDs or resolvers and with a depth bound; scripts, <c>foreignObject</c>, event attributes and any link that
/// is not a fragment or an embedded image are removed. Null when it is not usable SVG.
/// </summary>
internal static class VisioSvg
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static XElement? Parse(byte[] data, int maxDepth, DtdProcessing dtd = DtdProcessing.Prohibit)
    {
        var settings = new XmlReaderSettings { DtdProcessing = dtd, XmlResolver = null, MaxCharactersFromEntities = 0, IgnoreComments = true, IgnoreProcessingInstructions = true };
        try
        {
            using (var depth = XmlReader.Create(new MemoryStream(data, writable: false), settings))
            {
                while (depth.Read())
                {
                    if (depth.Depth > maxDepth)
                    {
                        return null;
                    }
                }
            }

            using var reader = XmlReader.Create(new MemoryStream(data, writable: false), settings);
            return XDocument.Load(reader).Root;
        }
        catch (XmlException)
        {
            return null;
        }
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
