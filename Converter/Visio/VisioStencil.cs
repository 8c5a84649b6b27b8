using System.IO.Compression;
using System.Text;
using static Diagrams.Converter.Visio.VisioImporter;
using Row = Diagrams.Converter.Visio.VisioGeometry.Row;

namespace Diagrams.Converter.Visio;

/// <summary>
/// A shape's Geometry sections (<see cref="VisioGeometry"/>) → a draw.io stencil of its own,
/// <c>shape=stencil(&lt;base64 of raw-deflated XML&gt;)</c>: <c>&lt;shape w h aspect="variable"&gt;</c>, one
/// <c>&lt;path&gt;</c> per section (move/line/curve/arc/close, in px, y down) followed by <c>fillstroke</c>,
/// <c>stroke</c> or <c>fill</c> as the section's NoFill/NoLine and closedness say (Visio fills closed paths only).
/// Ellipse rows become two arcs, NURBS/B-splines sampled lines, PolylineTo its formula's points; InfiniteLine is
/// ignored. A plain rectangle (one filled, stroked MoveTo + 4 LineTo round the box) answers no stencil.
/// </summary>
internal sealed class VisioStencil
{
    private const int SplineSamplesPerPoint = 8;
    private readonly StringBuilder _xml = new();
    private readonly Frame _frame;
    private readonly VisioLimits _limits;
    private readonly List<(double X, double Y)> _corners = [];
    private (double X, double Y) _at;
    private (double X, double Y) _start;
    private bool _open;
    private bool _curved;
    private bool _moved;
    private int _segments;
    private int _samples;

    /// <summary>The shape's box in inches, the master-to-instance scale for inherited cells, and its flips.</summary>
    internal readonly record struct Frame(double Width, double Height, double ScaleX, double ScaleY, bool FlipX, bool FlipY);

    private VisioStencil(Frame frame, VisioLimits limits) => (_frame, _limits) = (frame, limits);

    /// <summary>The stencil style, or null for no sections or a plain rectangle; null with <paramref name="problem"/> when a bound is passed.</summary>
    public static string? Style(IReadOnlyList<VisioGeometry.Section> sections, Frame frame, VisioLimits limits, out string? problem)
    {
        var stencil = new VisioStencil(frame, limits);
        problem = stencil.Build(sections);
        if (problem is not null || stencil._xml.Length == 0 || stencil.IsRectangle(sections))
        {
            return null;
        }

        var xml = $"<shape w=\"{F(frame.Width * 96)}\" h=\"{F(frame.Height * 96)}\" aspect=\"variable\" strokewidth=\"inherit\"><foreground>{stencil._xml}</foreground></shape>";
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(Encoding.UTF8.GetBytes(xml));
        }

        return $"shape=stencil({System.Convert.ToBase64String(buffer.ToArray())});";
    }

    private string? Build(IReadOnlyList<VisioGeometry.Section> sections)
    {
        foreach (var section in sections)
        {
            if (section.NoFill && section.NoLine)
            {
                continue;
            }

            var mark = _xml.Length;
            (_at, _start, _open, _moved, _segments) = ((0, 0), (0, 0), false, false, 0);
            _xml.Append("<path>");
            for (var i = 0; i < section.Rows.Count; i++)
            {
                i = Draw(section.Rows, i);
                if (_xml.Length > _limits.MaxStencilBytes)
                {
                    return "size";
                }

                if (_samples > _limits.MaxSplinePoints * SplineSamplesPerPoint)
                {
                    return "spline";
                }
            }

            EndSubpath();
            _xml.Append("</path>");
            var fill = !section.NoFill && !_open;
            var paint = fill && !section.NoLine ? "<fillstroke/>" : fill ? "<fill/>" : section.NoLine ? null : "<stroke/>";
            if (paint is null || !_moved)
            {
                _xml.Length = mark; // nothing drawn, or an open path without a line
            }
            else
            {
                _xml.Append(paint);
            }
        }

        return null;
    }

    /// <summary>Draws row <paramref name="i"/> and answers the last row it used (a SplineStart takes its SplineKnots).</summary>
    private int Draw(IReadOnlyList<Row> rows, int i)
    {
        var row = rows[i];
        switch (row.Type)
        {
            case "MoveTo":
                Move(Point(row, "X", "Y"));
                break;
            case "RelMoveTo":
                Move(Relative(row, "X", "Y"));
                break;
            case "LineTo":
                Line(Point(row, "X", "Y"));
                break;
            case "RelLineTo":
                Line(Relative(row, "X", "Y"));
                break;
            case "ArcTo":
                ArcTo(Point(row, "X", "Y"), (row.Get("A") ?? 0) * Math.Sqrt(_frame.ScaleX * _frame.ScaleY));
                break;
            case "EllipticalArcTo":
                Elliptical(Point(row, "X", "Y"), Point(row, "A", "B"), row.Get("C") ?? 0, Ratio(row));
                break;
            case "RelEllipticalArcTo":
                Elliptical(Relative(row, "X", "Y"), Relative(row, "A", "B"), row.Get("C") ?? 0, row.Get("D") ?? 1);
                break;
            case "Ellipse":
                Ellipse(Point(row, "X", "Y"), Point(row, "A", "B"), Point(row, "C", "D"));
                break;
            case "RelCubBezTo":
                Curve(Relative(row, "A", "B"), Relative(row, "C", "D"), Relative(row, "X", "Y"));
                break;
            case "RelQuadBezTo":
                var (c, end) = (Relative(row, "A", "B"), Relative(row, "X", "Y"));
                Curve((_at.X + (2.0 / 3 * (c.X - _at.X)), _at.Y + (2.0 / 3 * (c.Y - _at.Y))), (end.X + (2.0 / 3 * (c.X - end.X)), end.Y + (2.0 / 3 * (c.Y - end.Y))), end);
                break;
            case "PolylineTo":
                Polyline(row);
                break;
            case "NURBSTo":
                Nurbs(row);
                break;
            case "SplineStart":
                return SplineFrom(rows, i);
        }

        return i;
    }

    // Visio's shape space: inches, y up. Inherited master cells are scaled to the instance's size.
    private (double X, double Y) Point(Row row, string x, string y) =>
        (Scaled(row, x, _frame.ScaleX), Scaled(row, y, _frame.ScaleY));

    private static double Scaled(Row row, string name, double scale) =>
        row.Cells.TryGetValue(name, out var cell) ? (cell.Value ?? 0) * (cell.FromMaster ? scale : 1) : 0;

    private (double X, double Y) Relative(Row row, string x, string y) =>
        ((row.Get(x) ?? 0) * _frame.Width, (row.Get(y) ?? 0) * _frame.Height);

    private double Ratio(Row row) =>
        (row.Get("D") ?? 1) * (row.Cells.TryGetValue("D", out var d) && d.FromMaster ? _frame.ScaleX / _frame.ScaleY : 1);

    /// <summary>Shape space → stencil space (px, y down, flips applied).</summary>
    private (double X, double Y) Out((double X, double Y) p) =>
        ((_frame.FlipX ? _frame.Width - p.X : p.X) * 96, (_frame.FlipY ? p.Y : _frame.Height - p.Y) * 96);

    private void Move((double X, double Y) p)
    {
        EndSubpath();
        (_at, _start, _moved) = (p, p, true);
        Emit("move", p);
    }

    /// <summary>Before a segment: a path that did not start with a MoveTo starts where the pen is.</summary>
    private void Segment()
    {
        if (!_moved)
        {
            Move(_at);
        }

        _segments++;
    }

    private void Line((double X, double Y) p)
    {
        Segment();
        Emit("line", p);
        _at = p;
    }

    /// <summary>A subpath that ends where it began is closed; any other makes its section unfillable.</summary>
    private void EndSubpath()
    {
        if (_segments == 0)
        {
            return;
        }

        if (Math.Abs(_at.X - _start.X) < 1e-6 && Math.Abs(_at.Y - _start.Y) < 1e-6)
        {
            _xml.Append("<close/>");
        }
        else
        {
            _open = true;
        }

        _segments = 0;
    }

    private void Emit(string kind, (double X, double Y) p)
    {
        var o = Out(p);
        if (_corners.Count < 8)
        {
            _corners.Add(o);
        }

        _xml.Append('<').Append(kind).Append(" x=\"").Append(F(o.X)).Append("\" y=\"").Append(F(o.Y)).Append("\"/>");
    }

    private void Curve((double X, double Y) c1, (double X, double Y) c2, (double X, double Y) end)
    {
        Segment();
        var (a, b, e) = (Out(c1), Out(c2), Out(end));
        _xml.Append("<curve x1=\"").Append(F(a.X)).Append("\" y1=\"").Append(F(a.Y)).Append("\" x2=\"").Append(F(b.X)).Append("\" y2=\"").Append(F(b.Y))
            .Append("\" x3=\"").Append(F(e.X)).Append("\" y3=\"").Append(F(e.Y)).Append("\"/>");
        (_at, _curved) = (end, true);
    }

    private void ArcTo((double X, double Y) end, double bow)
    {
        // The bow is the distance from the chord's midpoint to the arc's, positive for a counter-clockwise arc.
        var (dx, dy) = (end.X - _at.X, end.Y - _at.Y);
        var chord = Math.Sqrt((dx * dx) + (dy * dy));
        if (chord < 1e-9 || Math.Abs(bow) < 1e-9)
        {
            Line(end);
            return;
        }

        var middle = (((_at.X + end.X) / 2) + (bow * dy / chord), ((_at.Y + end.Y) / 2) - (bow * dx / chord));
        Elliptical(end, middle, 0, 1);
    }

    /// <param name="angle">The first axis' angle in shape space (radians).</param>
    private void Elliptical((double X, double Y) end, (double X, double Y) through, double angle, double ratio)
    {
        var axis = Out((_at.X + Math.Cos(angle), _at.Y + Math.Sin(angle)));
        var from = Out(_at);
        var theta = Math.Atan2(axis.Y - from.Y, axis.X - from.X);
        if (VisioCurves.Arc(from, Out(through), Out(end), theta, ratio) is not { } arc)
        {
            Line(end);
            return;
        }

        Segment();
        ArcElement(arc, Out(end));
        (_at, _curved) = (end, true);
    }

    private void ArcElement((double Rx, double Ry, double Rotation, bool Large, bool Sweep) arc, (double X, double Y) o) =>
        _xml.Append("<arc rx=\"").Append(F(arc.Rx)).Append("\" ry=\"").Append(F(arc.Ry)).Append("\" x-axis-rotation=\"").Append(F(arc.Rotation))
            .Append("\" large-arc-flag=\"").Append(arc.Large ? '1' : '0').Append("\" sweep-flag=\"").Append(arc.Sweep ? '1' : '0')
            .Append("\" x=\"").Append(F(o.X)).Append("\" y=\"").Append(F(o.Y)).Append("\"/>");

    private void Ellipse((double X, double Y) center, (double X, double Y) a, (double X, double Y) b)
    {
        var (c, ao, bo) = (Out(center), Out(a), Out(b));
        var rx = Math.Sqrt(Math.Pow(ao.X - c.X, 2) + Math.Pow(ao.Y - c.Y, 2));
        var ry = Math.Sqrt(Math.Pow(bo.X - c.X, 2) + Math.Pow(bo.Y - c.Y, 2));
        var rotation = Math.Atan2(ao.Y - c.Y, ao.X - c.X) * 180 / Math.PI;
        Move(a);
        ArcElement((rx, ry, rotation, false, true), ((2 * c.X) - ao.X, (2 * c.Y) - ao.Y));
        ArcElement((rx, ry, rotation, false, true), ao);
        (_at, _curved) = (a, true);
        _segments++; // closed by EndSubpath: it ends where it began
    }

    private void Polyline(Row row)
    {
        // POLYLINE(xType, yType, x1, y1, …): type 0 means a fraction of the width/height, 1 a local coordinate.
        var args = VisioCurves.Arguments(row.Cells.GetValueOrDefault("A").Formula, "POLYLINE", (_limits.MaxSplinePoints * 2) + 2);
        if (args is { Length: >= 2 } && args.Length % 2 == 0)
        {
            for (var k = 2; k < args.Length; k += 2)
            {
                Line(Local(args[k], args[k + 1], args[0], args[1]));
            }
        }

        Line(Point(row, "X", "Y"));
    }

    private (double X, double Y) Local(double x, double y, double xType, double yType) =>
        (xType == 0 ? x * _frame.Width : x, yType == 0 ? y * _frame.Height : y);

    private void Nurbs(Row row)
    {
        // NURBSTo: X, Y the last control point, A its knot, B its weight, C the first knot, D the first weight;
        // E = NURBS(lastKnot, degree, xType, yType, x1, y1, knot1, weight1, …) the ones between.
        var end = Point(row, "X", "Y");
        var args = VisioCurves.Arguments(row.Cells.GetValueOrDefault("E").Formula, "NURBS", (_limits.MaxSplinePoints * 4) + 4);
        if (args is not { Length: >= 4 } || (args.Length - 4) % 4 != 0)
        {
            Line(end);
            return;
        }

        var points = new List<(double X, double Y, double W)> { (_at.X, _at.Y, row.Get("D") ?? 1) };
        var knots = new List<double> { row.Get("C") ?? 0 };
        for (var k = 4; k < args.Length; k += 4)
        {
            var p = Local(args[k], args[k + 1], args[2], args[3]);
            points.Add((p.X, p.Y, args[k + 3]));
            knots.Add(args[k + 2]);
        }

        points.Add((end.X, end.Y, row.Get("B") ?? 1));
        knots.AddRange([row.Get("A") ?? 0, args[0]]);
        Sampled(points, knots, (int)args[1], end);
    }

    private int SplineFrom(IReadOnlyList<Row> rows, int i)
    {
        // SplineStart: X, Y the second control point, A the second knot, B the first, C the last, D the degree;
        // each following SplineKnot adds a control point (X, Y) and its knot (A).
        var start = rows[i];
        var points = new List<(double X, double Y, double W)> { (_at.X, _at.Y, 1) };
        var second = Point(start, "X", "Y");
        points.Add((second.X, second.Y, 1));
        var knots = new List<double> { start.Get("B") ?? 0, start.Get("A") ?? 0 };
        while (i + 1 < rows.Count && rows[i + 1].Type == "SplineKnot" && points.Count <= _limits.MaxSplinePoints)
        {
            var knot = rows[++i];
            var p = Point(knot, "X", "Y");
            points.Add((p.X, p.Y, 1));
            knots.Add(knot.Get("A") ?? 0);
        }

        knots.Add(start.Get("C") ?? 0);
        Sampled(points, knots, (int)(start.Get("D") ?? 3), (points[^1].X, points[^1].Y));
        return i;
    }

    private void Sampled(List<(double X, double Y, double W)> points, List<double> knots, int degree, (double X, double Y) end)
    {
        var samples = Math.Min(points.Count * SplineSamplesPerPoint, 512);
        _samples += samples;
        if (_samples > _limits.MaxSplinePoints * SplineSamplesPerPoint || points.Count > _limits.MaxSplinePoints
            || VisioCurves.Spline(points, knots, degree, samples) is not { } curve)
        {
            Line(end);
            return;
        }

        foreach (var p in curve)
        {
            Line(p);
        }

        Line(end);
        _curved = true;
    }

    /// <summary>One filled, stroked section whose only subpath runs round the box's four corners.</summary>
    private bool IsRectangle(IReadOnlyList<VisioGeometry.Section> sections)
    {
        var (w, h) = (_frame.Width * 96, _frame.Height * 96);
        bool Near(double a, double b) => Math.Abs(a - b) < 0.01;
        return !_curved && sections.Count == 1 && !sections[0].NoFill && !sections[0].NoLine && _corners.Count == 5
            && _corners.All(p => (Near(p.X, 0) || Near(p.X, w)) && (Near(p.Y, 0) || Near(p.Y, h)))
            && _corners.Zip(_corners.Skip(1)).All(s => Near(s.First.X, s.Second.X) != Near(s.First.Y, s.Second.Y))
            && Near(_corners[0].X, _corners[4].X) && Near(_corners[0].Y, _corners[4].Y);
    }
}
