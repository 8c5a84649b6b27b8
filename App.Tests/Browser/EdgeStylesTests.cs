using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Shouldly;
using Xunit;
using static Diagrams.App.Tests.Browser.EditorSteps;

namespace Diagrams.App.Tests.Browser;

/// <summary>
/// Page and edge styles as draw.io draws them, in the Confluence viewer (Connect), read from the drawn SVG: the page
/// background and shadow, draw.io's arrow kinds (ER crow's feet), edge routing (orthogonal with exit/entry constraints,
/// elbow, entity relation, isometric, curved) and line jumps. Each edge is found by a stroke colour of its own.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class EdgeStylesTests(BrowserSystem system)
{
    /// <summary>Every path, rect and ellipse in the viewer's SVG: tag, stroke, fill, d, geometry, transform, opacities.</summary>
    private const string DrawnScript = """
        () => JSON.stringify([...document.querySelectorAll('svg :is(path, rect, ellipse)')].map((e) => ({
          tag: e.tagName, stroke: e.getAttribute('stroke') ?? '', fill: e.getAttribute('fill') ?? '', d: e.getAttribute('d') ?? '',
          x: Number(e.getAttribute('x') ?? 0), y: Number(e.getAttribute('y') ?? 0), width: Number(e.getAttribute('width') ?? 0), height: Number(e.getAttribute('height') ?? 0),
          transform: e.getAttribute('transform') ?? '', opacity: e.getAttribute('opacity') ?? '',
          visibility: e.getAttribute('visibility') ?? '' })))
        """;

    private static string Box(string id, int x, int y, int w, int h, string stroke, string extra = "") =>
        $"""<mxCell id="{id}" value="" style="rounded=0;whiteSpace=wrap;html=1;strokeColor={stroke};{extra}" vertex="1" parent="1"><mxGeometry x="{x}" y="{y}" width="{w}" height="{h}" as="geometry"/></mxCell>""";

    private static string Edge(string id, string style, string? source = null, string? target = null, string geometry = "") =>
        $"""<mxCell id="{id}" style="{style}" edge="1" parent="1"{(source is null ? "" : $" source=\"{source}\"")}{(target is null ? "" : $" target=\"{target}\"")}><mxGeometry relative="1" as="geometry">{geometry}</mxGeometry></mxCell>""";

    private static string Points(params (int X, int Y)[] points) =>
        $"""<Array as="points">{string.Concat(points.Select(p => $"""<mxPoint x="{p.X}" y="{p.Y}"/>"""))}</Array>""";

    private static string Terminals((int X, int Y) source, (int X, int Y) target) =>
        $"""<mxPoint x="{source.X}" y="{source.Y}" as="sourcePoint"/><mxPoint x="{target.X}" y="{target.Y}" as="targetPoint"/>""";

    private static async Task<List<Drawn>> ViewAsync(Session session, string name, string file)
    {
        await session.ViewDiagramAsync(name, Encoding.UTF8.GetBytes(file));
        await session.ScreenshotAsync(name);
        return await JsonAsync<List<Drawn>>(await session.FrameAsync("macro-frame-0"), DrawnScript);
    }

    [Fact]
    public async Task PageBackgroundAndShadow_AreDrawnAsDrawioDoes_InTheViewerAndTheEditor()
    {
        await using var session = await system.OpenAsync(nameof(PageBackgroundAndShadow_AreDrawnAsDrawioDoes_InTheViewerAndTheEditor));
        var file = $"""<mxfile><diagram id="p1" name="Page-1"><mxGraphModel background="#ffe6cc" shadow="1"><root><mxCell id="0"/><mxCell id="1" parent="0"/>{Box("a", 40, 40, 120, 60, "#112233")}</root></mxGraphModel></diagram></mxfile>""";

        var drawn = await ViewAsync(session, "Background", file);
        var viewer = await session.FrameAsync("macro-frame-0");
        (await viewer.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('svg').parentElement).backgroundColor"))
            .ShouldBe("rgb(255, 230, 204)", "the page background is painted behind the drawing");
        var box = drawn.Single(d => d.Tag == "rect" && d.Stroke == "#112233" && d.Transform == "");
        var shadow = drawn.SingleOrDefault(d => d.Tag == "rect" && d.Transform != "" && Math.Abs(d.Width - box.Width) < 0.5);
        shadow.ShouldNotBeNull("the page's shadow=1 draws a shadow under the box");
        shadow.Fill.ShouldBe("#000000", "draw.io's shadow colour");
        shadow.Opacity.ShouldBe("0.25", "draw.io's shadow opacity");
        shadow.Transform.ShouldBe("translate(2,3)", "draw.io's shadow offset");

        var (_, frame) = await session.InsertDiagramAsync();
        await LoadAsync(frame, file);
        (await frame.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('[data-testid=canvas]')).backgroundColor"))
            .ShouldBe("rgb(255, 230, 204)", "the editor's canvas shows the page background");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task ErMarkersAndOtherDrawioArrows_AreDrawnAsPaths()
    {
        await using var session = await system.OpenAsync(nameof(ErMarkersAndOtherDrawioArrows_AreDrawnAsPaths));
        string[] kinds = ["ERmandOne", "ERmany", "ERzeroToMany", "ERoneToMany", "ERzeroToOne", "ERone", "circlePlus", "doubleBlock", "dash", "cross", "async", "halfCircle"];
        var cells = string.Concat(kinds.Select((kind, i) =>
            Edge($"e{i}", $"endArrow={kind};endFill=0;html=1;strokeColor=#0000{i + 16:x2};", geometry: Terminals((40, 40 + 40 * i), (240, 40 + 40 * i)))));

        var drawn = await ViewAsync(session, "Markers", Diagram(cells));
        for (var i = 0; i < kinds.Length; i++)
        {
            var own = drawn.Where(d => d.Stroke == $"#0000{i + 16:x2}" && d.Visibility != "hidden").ToList();
            own.Count.ShouldBeGreaterThan(1, $"{kinds[i]}: a marker is drawn besides the line");
            var marker = own.Skip(1).ToList();
            marker.ShouldAllBe(m => m.Tag == "path" || m.Tag == "ellipse", $"{kinds[i]}: drawn as paths");
            // maxGraph's default (classic) arrow is one closed, filled triangle: none of these is.
            marker.ShouldNotContain(m => m.Tag == "path" && m.Fill == $"#0000{i + 16:x2}" && m.D.Count(c => c == 'M') == 1 && m.D.Contains('Z'), $"{kinds[i]}: not maxGraph's classic arrow");
        }

        var foot = drawn.Where(d => d.Stroke == "#000011").Skip(1).Single();
        foot.D.Count(c => c == 'M').ShouldBe(2, "ERmany: the crow's foot is a fork and its middle toe");
        MaxX(foot.D).ShouldBe(MaxX(drawn.First(d => d.Stroke == "#000011").D), 1.5, "ERmany: the toes reach the end point");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task EdgeStyles_RouteAsDrawioDoes_ExitEntryElbowEntityRelationIsometricAndCurved()
    {
        await using var session = await system.OpenAsync(nameof(EdgeStyles_RouteAsDrawioDoes_ExitEntryElbowEntityRelationIsometricAndCurved));
        var cells = string.Concat(
            Box("a", 40, 40, 80, 40, "#aa0001"), Box("b", 240, 160, 80, 40, "#aa0002"),
            Edge("orth", "edgeStyle=orthogonalEdgeStyle;html=1;endArrow=none;exitX=1;exitY=0.25;exitDx=0;exitDy=0;entryX=0.25;entryY=0;entryDx=0;entryDy=0;strokeColor=#00bb01;", "a", "b"),
            Box("c", 40, 260, 80, 40, "#aa0003"), Box("d", 240, 340, 80, 40, "#aa0004"),
            Edge("elbow", "edgeStyle=elbowEdgeStyle;elbow=vertical;html=1;endArrow=none;strokeColor=#00bb02;", "c", "d"),
            Box("e", 40, 440, 80, 40, "#aa0005"), Box("f", 240, 520, 80, 40, "#aa0006"),
            Edge("er", "edgeStyle=entityRelationEdgeStyle;html=1;endArrow=none;strokeColor=#00bb03;", "e", "f"),
            Box("g", 400, 40, 40, 40, "#aa0007"), Box("h", 600, 200, 40, 40, "#aa0008"),
            Edge("iso", "edgeStyle=isometricEdgeStyle;html=1;endArrow=none;strokeColor=#00bb04;", "g", "h"),
            Edge("curve", "edgeStyle=orthogonalEdgeStyle;curved=1;html=1;endArrow=none;strokeColor=#00bb05;", geometry: Terminals((400, 200), (560, 300)) + Points((480, 200), (480, 300))));

        var drawn = await ViewAsync(session, "Routes", Diagram(cells));
        Rect(drawn, "#aa0001", out var a);
        Rect(drawn, "#aa0002", out var b);
        var scale = a.Width / 80;

        var orth = PointsOf(Line(drawn, "#00bb01"));
        orth[0].X.ShouldBe(a.X + a.Width, 1.5, "leaves at exitX=1");
        orth[0].Y.ShouldBe(a.Y + 0.25 * a.Height, 1.5, "leaves at exitY=0.25");
        orth[^1].X.ShouldBe(b.X + 0.25 * b.Width, 1.5, "enters at entryX=0.25");
        orth[^1].Y.ShouldBe(b.Y, 1.5, "enters at entryY=0");
        ShouldBeOrthogonal(orth, "orthogonalEdgeStyle");

        Rect(drawn, "#aa0003", out var c);
        Rect(drawn, "#aa0004", out var d);
        var elbow = PointsOf(Line(drawn, "#00bb02"));
        elbow.Count.ShouldBe(4, "elbow=vertical: down, across, down");
        elbow[0].Y.ShouldBe(c.Y + c.Height, 1.5, "leaves from the bottom");
        elbow[^1].Y.ShouldBe(d.Y, 1.5, "enters at the top");
        elbow[1].Y.ShouldBe(elbow[2].Y, 0.5, "the middle segment is horizontal");
        ShouldBeOrthogonal(elbow, "elbowEdgeStyle");

        Rect(drawn, "#aa0005", out var e);
        Rect(drawn, "#aa0006", out var f);
        var er = PointsOf(Line(drawn, "#00bb03"));
        er.Count.ShouldBe(4, "entity relation: out sideways, straight across, in sideways");
        er[0].X.ShouldBe(e.X + e.Width, 1.5, "leaves from the right side");
        er[^1].X.ShouldBe(f.X, 1.5, "enters from the left side");
        (er[1].X - er[0].X).ShouldBe(30 * scale, 2, "a 30 px segment out of the source, as draw.io's segment default");
        (er[^1].X - er[^2].X).ShouldBe(30 * scale, 2, "and into the target");
        er[1].Y.ShouldBe(er[0].Y, 0.5, "the segment out is horizontal");
        er[^2].Y.ShouldBe(er[^1].Y, 0.5, "the segment in is horizontal");

        var iso = PointsOf(Line(drawn, "#00bb04"));
        iso.Count.ShouldBe(3, "isometric: one bend");
        foreach (var (p, q) in iso.Zip(iso.Skip(1)))
        {
            Math.Abs(Math.Sin(Math.Atan2(q.Y - p.Y, q.X - p.X))).ShouldBe(0.5, 0.02, $"isometric legs run along the axes 30° off the horizontal ({p} to {q})");
        }

        Line(drawn, "#00bb05").D.ShouldMatch("[QC]", "curved=1 draws curves");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task LineJumps_AreDrawnWhereALaterEdgeCrossesAnEarlierOne()
    {
        await using var session = await system.OpenAsync(nameof(LineJumps_AreDrawnWhereALaterEdgeCrossesAnEarlierOne));
        var cells = string.Concat(
            Edge("v", "html=1;endArrow=none;strokeColor=#cc0001;", geometry: Terminals((140, 40), (140, 240))),
            Edge("arc", "html=1;endArrow=none;jumpStyle=arc;jumpSize=10;strokeColor=#cc0002;", geometry: Terminals((40, 80), (240, 80))),
            Edge("gap", "html=1;endArrow=none;jumpStyle=gap;strokeColor=#cc0003;", geometry: Terminals((40, 140), (240, 140))),
            Edge("none", "html=1;endArrow=none;strokeColor=#cc0004;", geometry: Terminals((40, 200), (240, 200))));

        var drawn = await ViewAsync(session, "Jumps", Diagram(cells));
        var vertical = PointsOf(Line(drawn, "#cc0001"));
        var scale = (vertical[^1].Y - vertical[0].Y) / 200;
        var arc = Line(drawn, "#cc0002").D;
        arc.ShouldContain("C", customMessage: "jumpStyle=arc hops over the earlier edge with a curve");
        var controls = Numbers(arc[arc.IndexOf('C')..]).Take(4).ToList();
        var crossing = vertical[0].X;
        ((controls[0] + controls[2]) / 2).ShouldBe(crossing, 1, "the hop is centred on the crossing");
        (controls[2] - controls[0]).ShouldBe(10 * scale, 1, "the hop is jumpSize wide");
        (PointsOf(Line(drawn, "#cc0002"))[0].Y - controls[1]).ShouldBe(10 * scale / 2 * 4 / 3, 1, "the hop bulges upwards: a half circle (one cubic)");
        Line(drawn, "#cc0003").D.Count(ch => ch == 'M').ShouldBe(2, "jumpStyle=gap breaks the line at the crossing");
        Line(drawn, "#cc0004").D.ShouldNotContain("C", customMessage: "no jumpStyle: a straight line");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task LineJumps_InTheEditor_FollowTheEarlierEdge_WhenItMovesAway()
    {
        await using var session = await system.OpenAsync(nameof(LineJumps_InTheEditor_FollowTheEarlierEdge_WhenItMovesAway));
        var (editor, frame) = await session.InsertDiagramAsync();
        // The earlier edge runs between two boxes; the later one crosses it and jumps it.
        await LoadAsync(frame, Diagram(string.Concat(
            Box("t", 110, 20, 60, 20, "#0000c1"),
            Box("b", 110, 240, 60, 20, "#0000c2"),
            Edge("v", "html=1;endArrow=none;strokeColor=#cc0001;", source: "t", target: "b"),
            Edge("arc", "html=1;endArrow=none;jumpStyle=arc;strokeColor=#cc0002;", geometry: Terminals((40, 130), (240, 130))))));
        const string arcPath = "() => [...document.querySelectorAll('path[stroke=\"#cc0002\"]')].find((p) => p.getAttribute('visibility') !== 'hidden')?.getAttribute('d') ?? ''";
        (await frame.EvaluateAsync<string>(arcPath)).ShouldContain("C", customMessage: "the later edge jumps the earlier one");

        // Both boxes moved 150 px to the right: the earlier edge goes with them, past the end of the later one.
        // Pressed near a corner: the centre of a hovered shape holds the connect icon.
        var top = (await editor.Locator("rect[stroke='#0000c1']").BoundingBoxAsync())!;
        var bottom = (await editor.Locator("rect[stroke='#0000c2']").BoundingBoxAsync())!;
        await session.Page.Mouse.ClickAsync(top.X + 8, top.Y + 5);
        await session.Page.Keyboard.DownAsync("Shift");
        await session.Page.Mouse.ClickAsync(bottom.X + 8, bottom.Y + 5);
        await session.Page.Keyboard.UpAsync("Shift");
        await WaitForAsync(frame, "e => e.selectedIds().length === 2");
        for (var i = 0; i < 15; i++)
        {
            await session.Page.Keyboard.PressAsync("ArrowRight");
        }

        await WaitForAsync(frame, "e => e.getXml().includes('x=\"260\"')");
        await frame.WaitForFunctionAsync($"() => !({arcPath})().includes('C')", null, new() { Timeout = 5_000 });
        await session.ScreenshotAsync("moved-away");
        session.ShouldHaveNoConsoleErrors();
    }

    private static void ShouldBeOrthogonal(List<(double X, double Y)> points, string what)
    {
        foreach (var (p, q) in points.Zip(points.Skip(1)))
        {
            (Math.Abs(p.X - q.X) < 0.5 || Math.Abs(p.Y - q.Y) < 0.5).ShouldBeTrue($"{what}: every segment is horizontal or vertical ({p} to {q})");
        }
    }

    private static void Rect(List<Drawn> drawn, string stroke, out Drawn rect) =>
        rect = drawn.Single(d => d.Tag == "rect" && d.Stroke == stroke && d.Transform == "");

    /// <summary>An edge's line: the first visible path with its stroke (markers come after it).</summary>
    private static Drawn Line(List<Drawn> drawn, string stroke) => drawn.First(d => d.Tag == "path" && d.Stroke == stroke && d.Visibility != "hidden");

    private static List<double> Numbers(string d) =>
        [.. System.Text.RegularExpressions.Regex.Matches(d, @"-?\d+(\.\d+)?").Select(m => double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture))];

    private static List<(double X, double Y)> PointsOf(Drawn path) => [.. Numbers(path.D).Chunk(2).Select(p => (p[0], p[1]))];

    private static double MaxX(string d) => Numbers(d).Where((_, i) => i % 2 == 0).Max();

    internal sealed record Drawn(string Tag, string Stroke, string Fill, string D, double X, double Y, double Width, double Height, string Transform, string Opacity, string Visibility);
}
