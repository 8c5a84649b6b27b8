using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using Diagrams.Converter.Visio;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace Diagrams.App.Tests.Converter;

/// <summary>
/// The fixture's import against the picture Visio saved with it: docProps/thumbnail.emf holds one EMR_BITBLT of a
/// 107 × 61 24-bit bitmap of the drawing. The bitmap's placement is fitted to the imported filled shapes, then per
/// shape: its dominant colour there (white label pixels left out) is its imported fill, and for shapes big enough
/// to resolve, each inset corner of its box is background in the thumbnail exactly when it lies outside the
/// imported outline (the stencil's polygon; no stencil: the box).
/// </summary>
public sealed class VisioThumbnailTests(ITestOutputHelper output)
{
    /// <param name="Outline">The imported stencil, or null for a rectangle.</param>
    private sealed record Box(string Label, double X, double Y, double W, double H, (int R, int G, int B) Fill, XElement? Outline);

    [Fact]
    public void Convert_Fixture_OutlinesAndFillsMatchItsThumbnail()
    {
        var thumbnail = Thumbnail();
        var boxes = FilledBoxes(VisioImporter.Convert(File.OpenRead(Fixtures.Path(VisioTestFiles.Fixture)), new VisioLimits()));
        boxes.Count.ShouldBe(10); // 7 process steps, 2 terminators, the decision (the document is white, the title unfilled)
        var (sx, sy, ox, oy) = Fit(thumbnail, boxes);

        foreach (var box in boxes)
        {
            (double X, double Y) At(double fx, double fy) => (ox + ((box.X + (fx * box.W)) * sx), oy + ((box.Y + (fy * box.H)) * sy));
            var dominant = Dominant(thumbnail, At(0.2, 0.25), At(0.8, 0.75));
            Distance(dominant, box.Fill).ShouldBeLessThan(40, box.Label);
            if (box.H * sy < 8)
            {
                continue; // the terminators are 4–5 px high in the thumbnail: their rounded ends are not resolved
            }

            // Inset corners: background in the thumbnail exactly where the imported outline leaves them out.
            foreach (var (fx, fy) in new[] { (0.15, 0.15), (0.85, 0.15), (0.15, 0.85), (0.85, 0.85) })
            {
                var background = Distance(Pixel(thumbnail, At(fx, fy)), (255, 255, 255)) < 40;
                var inside = box.Outline is null || Inside(box.Outline, fx, fy);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{box.Label} ({fx}, {fy}): thumbnail background {background}, inside the import's outline {inside}"));
                inside.ShouldBe(!background, $"{box.Label} at ({fx}, {fy})");
            }
        }
    }

    /// <summary>Even-odd test of a point (fractions of the box) against the stencil's vertices (arcs and curves taken as chords).</summary>
    private static bool Inside(XElement stencil, double fx, double fy)
    {
        var (w, h) = (N(stencil, "w"), N(stencil, "h"));
        var points = stencil.Descendants().Where(e => e.Attribute("x") is not null || e.Attribute("x3") is not null)
            .Select(e => e.Attribute("x") is not null ? (X: N(e, "x") / w, Y: N(e, "y") / h) : (X: N(e, "x3") / w, Y: N(e, "y3") / h)).ToList();
        var inside = false;
        for (int i = 0, j = points.Count - 1; i < points.Count; j = i++)
        {
            if ((points[i].Y > fy) != (points[j].Y > fy)
                && fx < points[i].X + ((fy - points[i].Y) / (points[j].Y - points[i].Y) * (points[j].X - points[i].X)))
            {
                inside = !inside;
            }
        }

        return inside;
    }

    /// <summary>Every vertex with a solid, not nearly white fill: its box in px, fill and stencil.</summary>
    private static List<Box> FilledBoxes(string xml) =>
        [.. XDocument.Parse(xml).Descendants("mxCell").Where(c => c.Attribute("vertex")?.Value == "1").Select(c =>
        {
            var style = VisioGeometryFiles.Style(c);
            var g = c.Element("mxGeometry")!;
            var fill = style.GetValueOrDefault("fillColor") ?? "none";
            return (Cell: c, Style: style, Fill: fill, Box: fill.StartsWith('#') && Distance(Rgb(fill), (255, 255, 255)) > 60
                ? new Box(c.Attribute("value")!.Value, N(g, "x"), N(g, "y"), N(g, "width"), N(g, "height"), Rgb(fill), style.GetValueOrDefault("shape", string.Empty).StartsWith("stencil(", StringComparison.Ordinal) ? VisioGeometryFiles.Stencil(c) : null)
                : null);
        }).Where(t => t.Box is not null).Select(t => t.Box!)];

    /// <summary>
    /// The placement (thumbnail px per drawing px on each axis, offsets) under which most points of a 3 × 3 grid inside
    /// each box show that box's fill: a coarse search with one scale, then a finer one round it.
    /// </summary>
    private static (double ScaleX, double ScaleY, double X, double Y) Fit((int R, int G, int B)[,] image, List<Box> boxes)
    {
        var best = (Score: -1, Sx: 0.0, Sy: 0.0, X: 0.0, Y: 0.0);
        void Search(IEnumerable<(double Sx, double Sy)> scales, IEnumerable<double> xs, IEnumerable<double> ys)
        {
            foreach (var (sx, sy) in scales)
            {
                foreach (var ox in xs)
                {
                    foreach (var oy in ys)
                    {
                        var score = boxes.Sum(b => Grid.Count(g => Distance(Pixel(image, (ox + ((b.X + (g.X * b.W)) * sx), oy + ((b.Y + (g.Y * b.H)) * sy))), b.Fill) < 60));
                        if (score > best.Score)
                        {
                            best = (score, sx, sy, ox, oy);
                        }
                    }
                }
            }
        }

        static IEnumerable<double> Steps(double from, double to, double step) => Enumerable.Range(0, (int)Math.Round((to - from) / step) + 1).Select(i => from + (i * step));
        Search(Steps(0.10, 0.15, 0.002).Select(s => (s, s)), Steps(-30, 10, 1), Steps(-30, 10, 1));
        var coarse = best;
        Search(Steps(coarse.Sx - 0.004, coarse.Sx + 0.004, 0.0005).SelectMany(sx => Steps(coarse.Sy - 0.004, coarse.Sy + 0.004, 0.0005).Select(sy => (sx, sy))),
            Steps(coarse.X - 1.5, coarse.X + 1.5, 0.25), Steps(coarse.Y - 1.5, coarse.Y + 1.5, 0.25));
        return (best.Sx, best.Sy, best.X, best.Y);
    }

    private static readonly (double X, double Y)[] Grid = [.. from x in new[] { 0.25, 0.5, 0.75 } from y in new[] { 0.25, 0.5, 0.75 } select (x, y)];

    private static (int R, int G, int B) Dominant((int R, int G, int B)[,] image, (double X, double Y) from, (double X, double Y) to)
    {
        var counts = new Dictionary<(int, int, int), int>();
        for (var y = (int)Math.Round(from.Y); y <= (int)Math.Round(to.Y); y++)
        {
            for (var x = (int)Math.Round(from.X); x <= (int)Math.Round(to.X); x++)
            {
                var p = Pixel(image, (x, y));
                if (Distance(p, (255, 255, 255)) < 60)
                {
                    continue; // the white labels
                }

                var key = (p.R / 16, p.G / 16, p.B / 16);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        var (r, g, b) = counts.MaxBy(c => c.Value).Key;
        return ((r * 16) + 8, (g * 16) + 8, (b * 16) + 8);
    }

    private static (int R, int G, int B) Pixel((int R, int G, int B)[,] image, (double X, double Y) p)
    {
        var (x, y) = ((int)Math.Round(p.X), (int)Math.Round(p.Y));
        return x >= 0 && y >= 0 && x < image.GetLength(1) && y < image.GetLength(0) ? image[y, x] : (255, 255, 255);
    }

    /// <summary>The thumbnail's bitmap: EMR_HEADER, then EMR_BITBLT (type 76) with a BITMAPINFOHEADER and bottom-up 24-bit rows.</summary>
    private static (int R, int G, int B)[,] Thumbnail()
    {
        using var zip = ZipFile.OpenRead(Fixtures.Path(VisioTestFiles.Fixture));
        using var stream = zip.GetEntry("docProps/thumbnail.emf")!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var emf = copy.ToArray().AsSpan();
        var record = emf[BinaryPrimitives.ReadInt32LittleEndian(emf[4..])..];
        BinaryPrimitives.ReadInt32LittleEndian(record).ShouldBe(76);
        var info = record[BinaryPrimitives.ReadInt32LittleEndian(record[84..])..];
        var bits = record[BinaryPrimitives.ReadInt32LittleEndian(record[92..])..];
        var (width, height) = (BinaryPrimitives.ReadInt32LittleEndian(info[4..]), BinaryPrimitives.ReadInt32LittleEndian(info[8..]));
        BinaryPrimitives.ReadUInt16LittleEndian(info[14..]).ShouldBe((ushort)24);
        var stride = ((width * 24) + 31) / 32 * 4;
        var image = new (int, int, int)[height, width];
        for (var y = 0; y < height; y++)
        {
            var row = bits[((height - 1 - y) * stride)..];
            for (var x = 0; x < width; x++)
            {
                image[y, x] = (row[(3 * x) + 2], row[(3 * x) + 1], row[3 * x]);
            }
        }

        return image;
    }

    private static double Distance((int R, int G, int B) a, (int R, int G, int B) b) =>
        Math.Sqrt(Math.Pow(a.R - b.R, 2) + Math.Pow(a.G - b.G, 2) + Math.Pow(a.B - b.B, 2));

    private static (int, int, int) Rgb(string hex) =>
        (int.Parse(hex[1..3], NumberStyles.HexNumber, CultureInfo.InvariantCulture), int.Parse(hex[3..5], NumberStyles.HexNumber, CultureInfo.InvariantCulture), int.Parse(hex[5..7], NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    private static double N(XElement e, string attribute) => double.Parse(e.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);
}
