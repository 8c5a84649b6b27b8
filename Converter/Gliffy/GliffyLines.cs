using System.Text.Json;
using System.Xml;
using static Diagrams.Converter.Gliffy.GliffyJson;

namespace Diagrams.Converter.Gliffy;

/// <summary>One end of a Gliffy line: the object it is glued to and where on it (0..1 of its width/height).</summary>
internal sealed record GliffyTerminal(string NodeId, double Px, double Py);

/// <summary>Gliffy lines → draw.io edges: arrows, routing, stroke, terminals and waypoints.</summary>
internal static class GliffyLines
{
    /// <summary>Gliffy arrow numbers → draw.io marker and whether it is filled.</summary>
    private static readonly (string Marker, bool Filled)[] Arrows =
    [
        ("none", false), ("open", false), ("block", true), ("block", false), ("classic", true),
        ("diamond", false), ("diamond", true), ("oval", false), ("oval", true), ("ERmandOne", false),
        ("ERone", false), ("ERmany", false), ("ERoneToMany", false), ("ERzeroToOne", false), ("ERzeroToMany", false),
        ("dash", false), ("cross", false), ("openThin", false),
    ];

    public static GliffyTerminal? Terminal(JsonElement line, bool start)
    {
        var side = start ? "startConstraint" : "endConstraint";
        var position = start ? "StartPositionConstraint" : "EndPositionConstraint";
        if (Obj(line, "constraints") is not { } constraints
            || Obj(constraints, side) is not { } constraint || Obj(constraint, position) is not { } data
            || Key(Prop(data, "nodeId")) is not { } nodeId)
        {
            return null;
        }

        return new GliffyTerminal(nodeId, Soft(data, "px", -1), Soft(data, "py", -1));
    }

    public static string Style(GliffyNode line, GliffyTerminal? start, GliffyTerminal? end, bool connectedStart, bool connectedEnd)
    {
        var style = new StyleBuilder().Prefix("html=1");
        var g = line.Graphic ?? default;
        style.Set("edgeStyle", Bool(g, "ortho") ? "orthogonalEdgeStyle" : "none");
        style.Set("rounded", Soft(g, "cornerRadius", 0) > 0 ? "1" : "0");
        if (Str(g, "interpolationType") is { } interpolation && !interpolation.Equals("linear", StringComparison.OrdinalIgnoreCase))
        {
            style.Set("curved", "1"); // quadratic, bezier, spline
        }

        Arrow(style, "start", Soft(g, "startArrow", 0));
        Arrow(style, "end", Soft(g, "endArrow", 0));
        var strokeWidth = Soft(g, "strokeWidth", 1);
        style.Set("strokeColor", strokeWidth <= 0 ? "none" : GliffyText.SafeColor(Str(g, "strokeColor")));
        style.Set("strokeWidth", Math.Clamp(strokeWidth, 0, 100));
        GliffyStyle.Dash(style, Str(g, "dashStyle"));
        Anchor(style, "exit", connectedStart ? start : null);
        Anchor(style, "entry", connectedEnd ? end : null);
        return style.ToString();
    }

    /// <summary>Writes the edge's relative geometry: source/target points and the inner control points as waypoints.</summary>
    public static void WriteGeometry(XmlWriter w, GliffyNode line, double dx, double dy)
    {
        var points = AbsolutePoints(line, dx, dy);
        w.WriteStartElement("mxGeometry");
        w.WriteAttributeString("relative", "1");
        w.WriteAttributeString("as", "geometry");
        WritePoint(w, points[0], "sourcePoint");
        WritePoint(w, points[^1], "targetPoint");
        if (points.Count > 2)
        {
            w.WriteStartElement("Array");
            w.WriteAttributeString("as", "points");
            foreach (var point in points.Skip(1).Take(points.Count - 2))
            {
                WritePoint(w, point, null);
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    /// <summary>Control points in the coordinates of the edge's parent: offset by the line's x/y, turned by its rotation.</summary>
    public static List<(double X, double Y)> AbsolutePoints(GliffyNode line, double dx, double dy)
    {
        var relative = line.Points.Count >= 2 ? line.Points : [(0, 0), (line.Width, line.Height)];
        double cx = line.X + (line.Width / 2), cy = line.Y + (line.Height / 2);
        var radians = line.Rotation * Math.PI / 180;
        double cos = Math.Cos(radians), sin = Math.Sin(radians);
        var result = new List<(double X, double Y)>(relative.Count);
        foreach (var (px, py) in relative)
        {
            double x = line.X + px, y = line.Y + py;
            if (line.Rotation != 0)
            {
                (x, y) = (cx + ((x - cx) * cos) - ((y - cy) * sin), cy + ((x - cx) * sin) + ((y - cy) * cos));
            }

            result.Add((x + dx, y + dy));
        }

        return result;
    }

    private static void Arrow(StyleBuilder style, string end, double gliffyArrow)
    {
        var index = (int)Math.Clamp(gliffyArrow, -1, Arrows.Length);
        var (marker, filled) = index >= 0 && index < Arrows.Length ? Arrows[index] : ("classic", true);
        style.Set(end + "Arrow", marker).Set(end + "Fill", filled ? "1" : "0");
    }

    private static void Anchor(StyleBuilder style, string end, GliffyTerminal? terminal)
    {
        if (terminal is { Px: >= 0 and <= 1, Py: >= 0 and <= 1 })
        {
            style.Set(end + "X", terminal.Px).Set(end + "Y", terminal.Py).Set(end + "Perimeter", "0");
        }
    }

    private static void WritePoint(XmlWriter w, (double X, double Y) point, string? role)
    {
        w.WriteStartElement("mxPoint");
        w.WriteAttributeString("x", GliffyLimits.Format(point.X));
        w.WriteAttributeString("y", GliffyLimits.Format(point.Y));
        if (role is not null)
        {
            w.WriteAttributeString("as", role);
        }

        w.WriteEndElement();
    }
}
