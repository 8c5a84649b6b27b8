using System.Globalization;

namespace Diagrams.Converter.Visio;

/// <summary>
/// The curve arithmetic behind <see cref="VisioStencil"/>: an elliptical arc through three points as SVG arc
/// parameters, (rational) B-splines sampled into points, and the numbers inside Visio's <c>POLYLINE()</c> and
/// <c>NURBS()</c> formulas. Points are in the stencil's y-down space.
/// </summary>
internal static class VisioCurves
{
    private const int MaxFormulaChars = 100_000;
    private const int MaxDegree = 10;

    /// <summary>
    /// The arc from <paramref name="p0"/> through <paramref name="pm"/> to <paramref name="p1"/> on an ellipse whose first
    /// axis lies at <paramref name="theta"/> (radians) and is <paramref name="ratio"/> times the second; null when the
    /// points are collinear or the arc is too flat to matter (then it is a line).
    /// </summary>
    public static (double Rx, double Ry, double Rotation, bool Large, bool Sweep)? Arc(
        (double X, double Y) p0, (double X, double Y) pm, (double X, double Y) p1, double theta, double ratio)
    {
        ratio = double.IsFinite(ratio) && ratio > 1e-6 && ratio < 1e6 ? ratio : 1;
        var (cos, sin) = (Math.Cos(-theta), Math.Sin(-theta));
        (double X, double Y) Circle((double X, double Y) p)
        {
            var (x, y) = (p.X - p0.X, p.Y - p0.Y);
            return (((x * cos) - (y * sin)) / ratio, (x * sin) + (y * cos));
        }

        var (b, e) = (Circle(pm), Circle(p1)); // p0 is the origin
        var d = 2 * ((b.X * e.Y) - (e.X * b.Y));
        var span = Math.Max(Math.Abs(e.X) + Math.Abs(e.Y), Math.Abs(b.X) + Math.Abs(b.Y));
        if (span < 1e-9 || Math.Abs(d) < 1e-9 * span * span)
        {
            return null;
        }

        var (bb, ee) = ((b.X * b.X) + (b.Y * b.Y), (e.X * e.X) + (e.Y * e.Y));
        var (cx, cy) = (((bb * e.Y) - (ee * b.Y)) / d, ((ee * b.X) - (bb * e.X)) / d);
        var r = Math.Sqrt((cx * cx) + (cy * cy));
        if (!double.IsFinite(r) || r > 1e4 * span)
        {
            return null;
        }

        var large = Math.Sign(Cross(e, b)) == Math.Sign(Cross(e, (cx, cy)));
        var sweep = Cross(b, (e.X - b.X, e.Y - b.Y)) > 0;
        return (r * ratio, r, theta * 180 / Math.PI, large, sweep);
    }

    private static double Cross((double X, double Y) u, (double X, double Y) v) => (u.X * v.Y) - (u.Y * v.X);

    /// <summary>
    /// <paramref name="samples"/> points along the B-spline of <paramref name="degree"/> (at most the points' count − 1)
    /// over weighted control points, the knot vector padded with its last knot, or cut, to the length that needs; null
    /// when it is not a spline (degree past 10, knots decreasing, weights not positive).
    /// </summary>
    public static List<(double X, double Y)>? Spline(IReadOnlyList<(double X, double Y, double W)> points, List<double> knots, int degree, int samples)
    {
        var n = points.Count;
        degree = degree > MaxDegree ? 0 : Math.Min(degree, n - 1); // a degree above the points' count is theirs
        if (degree < 1 || knots.Count == 0 || samples < 1
            || points.Any(p => !(p.W > 0) || !double.IsFinite(p.W)))
        {
            return null;
        }

        while (knots.Count < n + degree + 1)
        {
            knots.Add(knots[^1]);
        }

        knots.RemoveRange(n + degree + 1, knots.Count - (n + degree + 1));
        for (var i = 1; i < knots.Count; i++)
        {
            if (!double.IsFinite(knots[i]) || knots[i] < knots[i - 1])
            {
                return null;
            }
        }

        var (start, end) = (knots[degree], knots[n]);
        if (!(end > start))
        {
            return null;
        }

        var result = new List<(double X, double Y)>(samples);
        var d = new (double X, double Y, double W)[degree + 1];
        for (var s = 1; s <= samples; s++)
        {
            var t = start + ((end - start) * s / samples);
            var k = degree;
            while (k < n - 1 && t >= knots[k + 1])
            {
                k++;
            }

            for (var j = 0; j <= degree; j++)
            {
                var p = points[j + k - degree];
                d[j] = (p.X * p.W, p.Y * p.W, p.W);
            }

            for (var r = 1; r <= degree; r++)
            {
                for (var j = degree; j >= r; j--)
                {
                    var span = knots[j + 1 + k - r] - knots[j + k - degree];
                    var alpha = span > 0 ? (t - knots[j + k - degree]) / span : 0;
                    d[j] = (((1 - alpha) * d[j - 1].X) + (alpha * d[j].X), ((1 - alpha) * d[j - 1].Y) + (alpha * d[j].Y), ((1 - alpha) * d[j - 1].W) + (alpha * d[j].W));
                }
            }

            result.Add((d[degree].X / d[degree].W, d[degree].Y / d[degree].W));
        }

        return result;
    }

    /// <summary>The numeric arguments of <c>FUNCTION(a, b, …)</c> in a cell formula; null when absent, not all numbers, or more than <paramref name="max"/>.</summary>
    public static double[]? Arguments(string? formula, string function, int max)
    {
        if (formula is null || formula.Length > MaxFormulaChars)
        {
            return null;
        }

        var open = formula.IndexOf(function + "(", StringComparison.OrdinalIgnoreCase);
        var close = formula.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            return null;
        }

        var parts = formula[(open + function.Length + 1)..close].Split(',');
        if (parts.Length > max)
        {
            return null;
        }

        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]) || Math.Abs(values[i]) > 1e6)
            {
                return null;
            }
        }

        return values;
    }
}
