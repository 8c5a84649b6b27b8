using System.Text;
using System.Xml;
using static Diagrams.Converter.Gliffy.GliffyJson;

namespace Diagrams.Converter.Gliffy;

/// <summary>
/// Writes one validated Gliffy page as a draw.io <c>&lt;diagram&gt;</c> through an <see cref="XmlWriter"/>: every
/// untrusted string goes in as an escaped attribute value, stripped of characters XML can't hold.
/// </summary>
internal sealed class GliffyWriter(XmlWriter w, GliffyPage page, IReadOnlyDictionary<string, string> svgs, Action checkSize)
{
    private const string Note = "shape=note;size=10;boundedLbl=1";
    private const string ImageShape = "shape=image;imageAspect=0;verticalLabelPosition=bottom;verticalAlign=top";
    private const string EdgeLabel = "edgeLabel;html=1;align=center;verticalAlign=middle;resizable=0;points=[]";

    private readonly Dictionary<string, string> _layers = new(StringComparer.Ordinal);

    public void WritePage(string diagramId)
    {
        w.WriteStartElement("diagram");
        w.WriteAttributeString("id", diagramId);
        Attr("name", page.Name);
        w.WriteStartElement("mxGraphModel");
        foreach (var (name, value) in new[] { ("dx", "0"), ("dy", "0"), ("grid", "1"), ("gridSize", "10"), ("guides", "1"), ("tooltips", "1"), ("connect", "1"), ("arrows", "1"), ("fold", "1"), ("page", "1"), ("pageScale", "1") })
        {
            w.WriteAttributeString(name, value);
        }

        w.WriteAttributeString("pageWidth", GliffyLimits.Format(page.Width > 0 ? page.Width : 850));
        w.WriteAttributeString("pageHeight", GliffyLimits.Format(page.Height > 0 ? page.Height : 1100));
        if (page.Background is { } background)
        {
            Attr("background", background);
        }

        w.WriteAttributeString("math", "0");
        w.WriteAttributeString("shadow", "0");
        w.WriteStartElement("root");
        w.WriteStartElement("mxCell");
        w.WriteAttributeString("id", "0");
        w.WriteEndElement();
        WriteLayers();
        foreach (var node in page.Objects)
        {
            WriteNode(node, node.LayerId is { } layer && _layers.TryGetValue(layer, out var cell) ? cell : "1", 0, 0);
        }

        w.WriteEndElement(); // root
        w.WriteEndElement(); // mxGraphModel
        w.WriteEndElement(); // diagram
    }

    /// <summary>Removes characters XML 1.0 can't hold (controls, lone surrogates), keeping valid surrogate pairs.</summary>
    public static string XmlSafe(string value)
    {
        var clean = true;
        for (var i = 0; i < value.Length && clean; i++)
        {
            clean = XmlConvert.IsXmlChar(value[i]) || (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[++i]));
        }

        if (clean)
        {
            return value;
        }

        var output = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                output.Append(c).Append(value[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                output.Append(c);
            }
        }

        return output.ToString();
    }

    private void WriteLayers()
    {
        if (page.Layers.Count == 0)
        {
            Cell("1", null, null, "0", null, hidden: false);
            w.WriteEndElement();
            return;
        }

        foreach (var layer in page.Layers)
        {
            if (layer.Guid is { } guid)
            {
                _layers.TryAdd(guid, layer.CellId);
            }

            Cell(layer.CellId, layer.Name, layer.Locked ? "locked=1;" : null, "0", null, hidden: !layer.Visible);
            w.WriteEndElement();
        }
    }

    private void WriteNode(GliffyNode node, string parent, double dx, double dy)
    {
        checkSize(); // an embedded SVG may be used by many objects: bound what that multiplies to
        if (node.IsLine)
        {
            WriteEdge(node, parent, dx, dy);
            foreach (var child in node.Children)
            {
                if (child.IsText)
                {
                    WriteEdgeLabel(child, node.CellId);
                }
                else
                {
                    WriteNode(child, parent, dx + node.X, dy + node.Y); // not expressible as an edge child: keep beside it
                }
            }

            return;
        }

        var (style, value, unknown) = Vertex(node);
        if (unknown is not null)
        {
            // Unknown shape: kept as a labelled rectangle that records what it was.
            w.WriteStartElement("UserObject");
            w.WriteAttributeString("id", node.CellId);
            Attr("label", value);
            Attr("gliffyUid", unknown);
            Cell(null, null, style, parent, "vertex", node.Hidden);
        }
        else
        {
            Cell(node.CellId, value, style, parent, "vertex", node.Hidden);
        }

        Geometry(dx + node.X, dy + node.Y, node.Width, node.Height);
        w.WriteEndElement();
        if (unknown is not null)
        {
            w.WriteEndElement();
        }

        foreach (var child in node.Children)
        {
            WriteNode(child, node.CellId, 0, 0); // Gliffy children sit relative to their parent, as draw.io children do
        }
    }

    private (string Style, string Value, string? Unknown) Vertex(GliffyNode node)
    {
        var style = new StyleBuilder();
        var value = Html(node.Label);
        var tid = node.Graphic is { } graphic ? Str(graphic, "tid") : null;
        string? unknown = null;
        switch (node.GraphicType)
        {
            case "Text":
                style.Prefix(GliffyShapes.Text);
                GliffyStyle.Label(style, node);
                value = Html(node);
                break;
            case "Shape" or "Mindmap":
                var mapped = GliffyShapes.Lookup(node.Uid, tid);
                unknown = node.Uid is not null && !GliffyShapes.IsKnownUid(node.Uid) ? node.Uid : mapped is null ? tid : null;
                style.Prefix(mapped ?? GliffyShapes.Rectangle);
                GliffyStyle.Paint(style, node.Graphic, tid);
                break;
            case "Image" when GliffyStyle.ImageUrl(node.Graphic is { } image ? Str(image, "url") : null) is { } url:
                style.Prefix(ImageShape).Set("image", url);
                break;
            case "Svg" when node.Graphic is { } svg && Key(Prop(svg, "embeddedResourceId")) is { } id && svgs.TryGetValue(id, out var data):
                style.Prefix(ImageShape).Set("image", GliffyStyle.SvgDataUri(data));
                break;
            case "PopupNote":
                style.Prefix(Note);
                value = GliffyText.Sanitize(node.Graphic is { } note ? Str(note, "text") : null);
                break;
            case null when node.Children.Count > 0:
                unknown = node.Uid is not null && !GliffyShapes.IsKnownUid(node.Uid) ? node.Uid : null;
                style.Prefix(GliffyShapes.Lookup(node.Uid, null) ?? GliffyShapes.Group);
                break;
            case null when GliffyShapes.Lookup(node.Uid, null) is { } known:
                style.Prefix(known);
                break;
            default: // Link, an unreadable image or SVG, an unknown graphic type or a bare unknown uid
                unknown = node.Uid ?? "graphic." + (node.GraphicType ?? "none");
                style.Prefix(GliffyShapes.Rectangle);
                GliffyStyle.Paint(style, node.Graphic, tid);
                break;
        }

        GliffyStyle.Label(style, node.Label);
        GliffyStyle.Rotation(style, node.Rotation);
        if (unknown is not null)
        {
            unknown = GliffyStyle.CleanUid(unknown);
            style.Set("gliffyUid", unknown);
            if (value.Length == 0 && node.Children.Count == 0)
            {
                value = GliffyText.Plain(unknown[(unknown.LastIndexOf('.') + 1)..]);
            }
        }

        return (style.ToString(), value, unknown);
    }

    private void WriteEdge(GliffyNode line, string parent, double dx, double dy)
    {
        var start = GliffyLines.Terminal(line.Source, true);
        var end = GliffyLines.Terminal(line.Source, false);
        var source = Resolve(start, line);
        var target = Resolve(end, line);
        w.WriteStartElement("mxCell");
        w.WriteAttributeString("id", line.CellId);
        w.WriteAttributeString("value", "");
        Attr("style", GliffyLines.Style(line, start, end, source is not null, target is not null));
        w.WriteAttributeString("edge", "1");
        w.WriteAttributeString("parent", parent);
        if (source is not null)
        {
            w.WriteAttributeString("source", source);
        }

        if (target is not null)
        {
            w.WriteAttributeString("target", target);
        }

        if (line.Hidden)
        {
            w.WriteAttributeString("visible", "0");
        }

        GliffyLines.WriteGeometry(w, line, dx, dy);
        w.WriteEndElement();
    }

    private string? Resolve(GliffyTerminal? terminal, GliffyNode line) =>
        terminal is not null && page.CellIds.TryGetValue(terminal.NodeId, out var cell) && cell != line.CellId ? cell : null;

    private void WriteEdgeLabel(GliffyNode text, string edge)
    {
        var t = text.Graphic is { } g ? Math.Clamp(Soft(g, "lineTValue", 0.5), 0, 1) : 0.5;
        Cell(text.CellId, Html(text), EdgeLabel + ";", edge, "vertex", text.Hidden);
        w.WriteAttributeString("connectable", "0");
        w.WriteStartElement("mxGeometry");
        w.WriteAttributeString("x", GliffyLimits.Format((t * 2) - 1));
        w.WriteAttributeString("relative", "1");
        w.WriteAttributeString("as", "geometry");
        w.WriteStartElement("mxPoint");
        w.WriteAttributeString("as", "offset");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        foreach (var child in text.Children)
        {
            WriteNode(child, edge, 0, 0);
        }
    }

    /// <summary>Starts an mxCell (left open for its geometry).</summary>
    private void Cell(string? id, string? value, string? style, string parent, string? kind, bool hidden)
    {
        w.WriteStartElement("mxCell");
        if (id is not null)
        {
            w.WriteAttributeString("id", id);
        }

        if (value is not null)
        {
            Attr("value", value);
        }

        if (style is not null)
        {
            Attr("style", style);
        }

        if (kind is not null)
        {
            w.WriteAttributeString(kind, "1");
        }

        w.WriteAttributeString("parent", parent);
        if (hidden)
        {
            w.WriteAttributeString("visible", "0");
        }
    }

    private void Geometry(double x, double y, double width, double height)
    {
        w.WriteStartElement("mxGeometry");
        w.WriteAttributeString("x", GliffyLimits.Format(x));
        w.WriteAttributeString("y", GliffyLimits.Format(y));
        w.WriteAttributeString("width", GliffyLimits.Format(width));
        w.WriteAttributeString("height", GliffyLimits.Format(height));
        w.WriteAttributeString("as", "geometry");
        w.WriteEndElement();
    }

    private static string Html(GliffyNode? text) =>
        text?.Graphic is { } g ? GliffyText.Sanitize(Str(g, "html")) : "";

    private void Attr(string name, string value) => w.WriteAttributeString(name, XmlSafe(value));
}
