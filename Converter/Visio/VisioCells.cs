using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Diagrams.Converter.Visio;

public static partial class VisioImporter
{
    /// <summary>Writing single cells: edges, vertices' geometry, images and the master-name style table.</summary>
    private sealed partial class Conversion
    {
        private void WriteEdge(XmlWriter w, XElement shape, string cellId, string parent, double parentHeight, PageState page, string text, string stroke, Func<string, double?> get)
        {
            var id = (string)shape.Attribute("ID")!;
            page.Connects.TryGetValue(id, out var ends);
            var style = new StringBuilder("edgeStyle=orthogonalEdgeStyle;rounded=0;html=1;");
            style.Append((get("EndArrow") ?? 0) > 0 ? "endArrow=classic;" : "endArrow=none;");
            style.Append((get("BeginArrow") ?? 0) > 0 ? "startArrow=classic;" : "startArrow=none;");
            style.Append(stroke);
            WriteCell(w, cellId, parent, Html(text), style.ToString(), vertex: false);
            if (ends.Begin is { } b && page.Vertices.Contains(b))
            {
                w.WriteAttributeString("source", page.Prefix + b);
            }

            if (ends.End is { } e && page.Vertices.Contains(e))
            {
                w.WriteAttributeString("target", page.Prefix + e);
            }

            w.WriteStartElement("mxGeometry");
            w.WriteAttributeString("relative", "1");
            w.WriteAttributeString("as", "geometry");
            WritePoint(w, "sourcePoint", get("BeginX"), get("BeginY"), parentHeight);
            WritePoint(w, "targetPoint", get("EndX"), get("EndY"), parentHeight);
            w.WriteEndElement();
            w.WriteEndElement(); // mxCell
        }

        private static void WritePoint(XmlWriter w, string name, double? x, double? y, double parentHeight)
        {
            if (x is null || y is null)
            {
                return;
            }

            w.WriteStartElement("mxPoint");
            w.WriteAttributeString("x", F(x.Value * Px));
            w.WriteAttributeString("y", F((parentHeight - y.Value) * Px));
            w.WriteAttributeString("as", name);
            w.WriteEndElement();
        }

        private void WriteCell(XmlWriter w, string id, string parent, string value, string style, bool vertex)
        {
            if (++_cells > limits.MaxShapes * 2)
            {
                throw new VisioImportException("shapes", $"the drawing has more than {limits.MaxShapes} shapes");
            }

            w.WriteStartElement("mxCell");
            w.WriteAttributeString("id", id);
            w.WriteAttributeString("value", value);
            w.WriteAttributeString("style", style);
            w.WriteAttributeString(vertex ? "vertex" : "edge", "1");
            w.WriteAttributeString("parent", parent);
        }

        private static void WriteGeometry(XmlWriter w, double x, double y, double width, double height)
        {
            w.WriteStartElement("mxGeometry");
            w.WriteAttributeString("x", F(x));
            w.WriteAttributeString("y", F(y));
            w.WriteAttributeString("width", F(width));
            w.WriteAttributeString("height", F(height));
            w.WriteAttributeString("as", "geometry");
            w.WriteEndElement();
        }

        /// <summary>
        /// Foreign data (a ForeignData Rel): PNG/JPEG/GIF become an image style with a data URI; EMF and WMF become the
        /// SVG emf2svg or wmf2svg made of them (<see cref="VisioMetafiles"/>), transparent background kept. An EMF/WMF
        /// that was not converted or an unknown format stays a labelled placeholder marked <c>visioEmf=1</c>,
        /// its label (<paramref name="placeholder"/>) saying why.
        /// </summary>
        private string? ImageStyle(XElement shape, PageState page, out string? placeholder)
        {
            placeholder = null;
            if (shape.Element(V + "ForeignData") is not { } foreign)
            {
                return null;
            }

            var relId = (string?)foreign.Element(V + "Rel")?.Attribute(R + "id");
            var path = relId is not null && page.Rels.TryGetValue(relId, out var p) ? p : null;
            var bytes = path is null ? null : package.Bytes(path);
            if (bytes is not null && Sniff(bytes) is { } mime)
            {
                return $"shape=image;html=1;imageAspect=0;aspect=fixed;image=data:{mime},{System.Convert.ToBase64String(bytes)};";
            }

            if (path is not null && media.TryGetValue(path, out var converted) && converted.SvgBase64 is { } svg)
            {
                // draw.io's data-URI form in a style: no ";base64" (';' separates style entries).
                return $"shape=image;html=1;imageAspect=0;aspect=fixed;image=data:image/svg+xml,{svg};";
            }

            var kind = bytes is null ? "Image" : VisioMetafiles.IsWmf(bytes) ? "WMF image" : VisioMetafiles.IsEmf(bytes) ? "EMF image" : "Image";
            var why = path is not null && media.TryGetValue(path, out var failed) ? failed.Problem
                : bytes is null ? "its data is missing"
                : kind == "Image" ? "unknown image format" : "the conversion was not run";
            placeholder = $"{kind} (not converted: {why})";
            return "rounded=0;whiteSpace=wrap;html=1;dashed=1;fillColor=#f5f5f5;visioEmf=1;";
        }

        private static string? Sniff(byte[] b) =>
            b.Length > 8 && b[0] == 0x89 && b[1] == 0x50 && b[2] == 0x4E && b[3] == 0x47 ? "image/png"
            : b.Length > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF ? "image/jpeg"
            : b.Length > 6 && b[0] == (byte)'G' && b[1] == (byte)'I' && b[2] == (byte)'F' ? "image/gif"
            : null;

        private static string StyleFor(string name)
        {
            var lower = name.ToLowerInvariant();
            foreach (var (fragment, style) in ShapeStyles)
            {
                if (lower.Contains(fragment, StringComparison.Ordinal))
                {
                    return style;
                }
            }

            return "rounded=0;";
        }
    }
}
