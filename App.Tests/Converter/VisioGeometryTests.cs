using System.Xml.Linq;
using Diagrams.Converter.Visio;
using Shouldly;
using Xunit;
using static Diagrams.App.Tests.Converter.VisioGeometryFiles;

namespace Diagrams.App.Tests.Converter;

/// <summary>
/// Visio Geometry sections → draw.io stencils (<c>shape=stencil(…)</c>): each test file is the fixture's package with
/// page 1 replaced by hand-written shapes (circle, polygon, arrow, BPMN end event, arcs, splines, NoFill/NoLine
/// sections), and the stencil is inflated and read back as draw.io would.
/// </summary>
public sealed class VisioGeometryTests
{
    private static string Convert(byte[] vsdx, VisioLimits? limits = null) => VisioImporter.Convert(new MemoryStream(vsdx), limits ?? new VisioLimits());

    [Fact]
    public void Convert_EllipseRow_BecomesAStencilOfTwoArcs()
    {
        var xml = Convert(Drawing(Shape(1, "Circle", 2, 2, 1, 1, Geometry(0, false, false, ("Ellipse", "X=0.5 Y=0.5 A=1 B=0.5 C=0.5 D=1")))));

        var stencil = Stencil(Cell(xml, "Circle"));
        Commands(stencil).ShouldBe("move arc arc close | fillstroke");
        (N(stencil, "w"), N(stencil, "h")).ShouldBe((96, 96));
        stencil.Attribute("aspect")!.Value.ShouldBe("variable");
        var arcs = stencil.Descendants("arc").ToList();
        arcs.ShouldAllBe(a => N(a, "rx") == 48 && N(a, "ry") == 48);
        (N(arcs[0], "x"), N(arcs[0], "y")).ShouldBe((0, 48)); // from the right end (96, 48) to the left and back
        (N(arcs[1], "x"), N(arcs[1], "y")).ShouldBe((96, 48));
    }

    [Fact]
    public void Convert_Polygon_BecomesItsLines_FlippedToDrawIosYDown()
    {
        var triangle = Geometry(0, false, false, ("MoveTo", "X=0 Y=0"), ("LineTo", "X=1 Y=0"), ("LineTo", "X=0.5 Y=1"), ("LineTo", "X=0 Y=0"));
        var stencil = Stencil(Cell(Convert(Drawing(Shape(1, "Triangle", 2, 2, 1, 1, triangle))), "Triangle"));

        Commands(stencil).ShouldBe("move line line line close | fillstroke");
        var points = stencil.Descendants().Where(e => e.Attribute("x") is not null).Select(e => (N(e, "x"), N(e, "y"))).ToList();
        points.ShouldBe([(0, 96), (96, 96), (48, 0), (0, 96)]);
    }

    [Fact]
    public void Convert_Arrow_KeepsItsSevenCorners_ScaledToTheShape()
    {
        var arrow = Geometry(0, false, false, ("MoveTo", "X=0 Y=0.25"), ("LineTo", "X=1.5 Y=0.25"), ("LineTo", "X=1.5 Y=0"), ("LineTo", "X=2 Y=0.5"),
            ("LineTo", "X=1.5 Y=1"), ("LineTo", "X=1.5 Y=0.75"), ("LineTo", "X=0 Y=0.75"), ("LineTo", "X=0 Y=0.25"));
        var stencil = Stencil(Cell(Convert(Drawing(Shape(1, "Arrow", 3, 2, 2, 1, arrow))), "Arrow"));

        (N(stencil, "w"), N(stencil, "h")).ShouldBe((192, 96));
        stencil.Descendants("line").Count().ShouldBe(7);
        stencil.Descendants("line").Select(l => (N(l, "x"), N(l, "y"))).ShouldContain((192, 48)); // the tip
    }

    [Fact]
    public void Convert_BpmnEndEvent_IsAThickCircle()
    {
        var body = "<Cell N='LineWeight' V='0.04166666666666666'/>" + Geometry(0, false, false, ("Ellipse", "X=0.25 Y=0.25 A=0.5 B=0.25 C=0.25 D=0.5"));
        var cell = Cell(Convert(Drawing(Shape(1, "End", 2, 2, 0.5, 0.5, body))), "End");

        Commands(Stencil(cell)).ShouldBe("move arc arc close | fillstroke");
        Style(cell)["strokeWidth"].ShouldBe("4");
    }

    [Fact]
    public void Convert_NoFillAndNoLineSections_StrokeOrFillOnly_AndOpenPathsAreNotFilled()
    {
        var sections = Geometry(0, true, false, ("MoveTo", "X=0 Y=0"), ("LineTo", "X=1 Y=1"), ("LineTo", "X=0 Y=1"), ("LineTo", "X=0 Y=0"))
            + Geometry(1, false, true, ("MoveTo", "X=0.5 Y=0"), ("LineTo", "X=1 Y=0"), ("LineTo", "X=1 Y=0.5"), ("LineTo", "X=0.5 Y=0"))
            + Geometry(2, false, false, ("MoveTo", "X=0 Y=0.5"), ("LineTo", "X=1 Y=0.5"))
            + Geometry(3, true, true, ("MoveTo", "X=0 Y=0"), ("LineTo", "X=1 Y=0"));
        var stencil = Stencil(Cell(Convert(Drawing(Shape(1, "Mixed", 2, 2, 1, 1, sections))), "Mixed"));

        Commands(stencil).ShouldBe("move line line line close | stroke | move line line line close | fill | move line | stroke");
    }

    [Fact]
    public void Convert_ArcsAndBeziers_BecomeArcAndCurveCommands()
    {
        var rows = Geometry(0, false, false, ("MoveTo", "X=0 Y=0"), ("LineTo", "X=1 Y=0"), ("ArcTo", "X=1 Y=1 A=0.5"),
            ("EllipticalArcTo", "X=0 Y=1 A=0.5 B=1.25 C=0 D=2"), ("RelCubBezTo", "X=0 Y=0 A=-0.2 B=0.6 C=0.2 D=0.3"));
        var stencil = Stencil(Cell(Convert(Drawing(Shape(1, "Round", 2, 2, 1, 1, rows))), "Round"));

        Commands(stencil).ShouldBe("move line arc arc curve close | fillstroke");
        var half = stencil.Descendants("arc").First();
        (N(half, "rx"), N(half, "ry"), half.Attribute("large-arc-flag")!.Value).ShouldBe((48, 48, "0")); // a half circle bulging right
        N(stencil.Descendants("arc").Last(), "rx").ShouldBe(2 * N(stencil.Descendants("arc").Last(), "ry"), 0.01);
    }

    [Fact]
    public void Convert_NurbsAndSplines_AreSampledThroughTheirEnds()
    {
        var nurbs = Geometry(0, true, false, ("MoveTo", "X=0 Y=0"), ("NURBSTo", "X=1 Y=0 A=0 B=1 C=0 D=1 E=NURBS(1,3,0,0,0.33,1,0,1,0.66,1,0,1)"));
        var spline = Geometry(1, true, false, ("MoveTo", "X=0 Y=0.5"), ("SplineStart", "X=0.3 Y=1 A=0 B=0 C=1 D=2"), ("SplineKnot", "X=0.7 Y=0 A=0.5"), ("SplineKnot", "X=1 Y=0.5 A=1"));
        var stencil = Stencil(Cell(Convert(Drawing(Shape(1, "Wave", 2, 2, 1, 1, nurbs + spline))), "Wave"));

        var paths = stencil.Descendants("path").ToList();
        paths.Count.ShouldBe(2);
        foreach (var path in paths)
        {
            var lines = path.Elements("line").ToList();
            lines.Count.ShouldBeGreaterThan(8);
            lines.Min(l => N(l, "y")).ShouldBeLessThan(48); // the curve rises above the chord
        }

        var last = paths[0].Elements("line").Last();
        (N(last, "x"), N(last, "y")).ShouldBe((96, 96));
    }

    [Fact]
    public void Convert_RectangleGeometry_StaysAPlainRectangle_AndNoGeometryDrawsOnlyText()
    {
        var xml = Convert(Drawing(Shape(1, "Box", 2, 2, 1, 1, Square), Shape(2, "Label", 4, 2, 1, 1, string.Empty)));

        var box = Style(Cell(xml, "Box"));
        box["rounded"].ShouldBe("0");
        box.ShouldNotContainKey("shape");
        var label = Style(Cell(xml, "Label"));
        (label["fillColor"], label["strokeColor"]).ShouldBe(("none", "none"));
    }

    [Fact]
    public void Convert_MasterGeometry_IsInherited_ScaledToTheInstance()
    {
        // The fixture's Start/End master (1 × 0.375 in) is a rounded terminator of two elliptical arcs; the decision a diamond; Process a rectangle.
        var xml = VisioImporter.Convert(File.OpenRead(Fixtures.Path(VisioTestFiles.Fixture)), new VisioLimits());

        Commands(Stencil(Cell(xml, "Hiring need reported"))).ShouldBe("move line arc line arc close | fillstroke");
        Commands(Stencil(Cell(xml, "Candidate accepts?"))).ShouldBe("move line line line line close | fillstroke");
        Style(Cell(xml, "Log hiring request")).ShouldNotContainKey("shape");

        var stretched = VisioTestFiles.Rewrite((name, data) => name == "visio/pages/page1.xml"
            ? System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(data).Replace("<Cell N='PinX' V='6.25'/>", "<Cell N='PinX' V='6.25'/><Cell N='Width' V='2'/>", StringComparison.Ordinal))
            : data);
        var diamond = Stencil(Cell(Convert(stretched), "Candidate accepts?"));
        N(diamond, "w").ShouldBe(192);
        diamond.Descendants("line").Max(l => N(l, "x")).ShouldBe(192); // the master's right corner at 1 in, scaled to 2 in
    }

    [Fact]
    public void Convert_TextBackground_BecomesLabelBackgroundColor()
    {
        var xml = Convert(Drawing(Shape(1, "Marked", 2, 2, 1, 1, "<Cell N='TextBkgnd' V='#ffff00'/>" + Square), Shape(2, "Plain", 4, 2, 1, 1, "<Cell N='TextBkgnd' V='0'/>" + Square)));

        Style(Cell(xml, "Marked"))["labelBackgroundColor"].ShouldBe("#ffff00");
        Style(Cell(xml, "Plain")).ShouldNotContainKey("labelBackgroundColor");
    }

    [Fact]
    public void Convert_GeometryPastItsBounds_FallsBackToAMarkedRectangle_Quickly()
    {
        var many = Enumerable.Range(0, 3000).Select(i => ("LineTo", $"X={i % 2} Y={i / 3000.0}")).ToArray();
        var hugeDegree = Geometry(0, true, false, ("MoveTo", "X=0 Y=0"), ("NURBSTo", "X=1 Y=0 A=0 B=1 C=0 D=1 E=NURBS(1,99,0,0,0.3,1,0,1,0.6,1,0,1)"));
        var knots = "E=NURBS(1,3,0,0" + string.Concat(Enumerable.Range(0, 1200).Select(i => $",{i / 1200.0},1,0,1")) + ")";
        var started = DateTime.UtcNow;

        var xml = Convert(Drawing(Shape(1, "Rows", 2, 2, 1, 1, Geometry(0, false, false, many)), Shape(2, "Degree", 4, 2, 1, 1, hugeDegree),
            Shape(3, "Knots", 6, 2, 1, 1, Geometry(0, true, false, ("MoveTo", "X=0 Y=0"), ("NURBSTo", "X=1 Y=0 A=0 B=1 C=0 D=1 " + knots)))));

        (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(5));
        Style(Cell(xml, "Rows"))["visioGeometry"].ShouldBe("rows");
        Commands(Stencil(Cell(xml, "Degree"))).ShouldBe("move line | stroke"); // not a spline it can evaluate: a line to its end
        Commands(Stencil(Cell(xml, "Knots"))).ShouldBe("move line | stroke"); // more control points than MaxSplinePoints
        var small = Convert(Drawing(Shape(1, "Circle", 2, 2, 1, 1, Geometry(0, false, false, ("Ellipse", "X=0.5 Y=0.5 A=1 B=0.5 C=0.5 D=1")))), new VisioLimits(MaxStencilBytes: 50));
        Style(Cell(small, "Circle"))["visioGeometry"].ShouldBe("size");
    }
}
