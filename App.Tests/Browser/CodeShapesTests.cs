using System.Net;
using System.Text;
using Diagrams.App.Tests.Converter;
using Shouldly;
using Xunit;
using static Diagrams.App.Tests.Browser.EditorSteps;

namespace Diagrams.App.Tests.Browser;

/// <summary>
/// draw.io's code shapes (web/src/draw/shapes) in the viewer: each is drawn by the shape registered under its name, not
/// maxGraph's rectangle fallback, and with its own outline (the person's head, the component's jetties, an event's
/// circle); the real fixtures that use them too. The viewer's window.diagramViewer.shapes() says what drew each cell.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class CodeShapesTests(BrowserSystem system)
{
    /// <summary>Each code shape with a style as draw.io's palettes write it.</summary>
    private static readonly (string Shape, string Style)[] Vertices =
    [
        ("umlLifeline", "shape=umlLifeline;perimeter=lifelinePerimeter;container=1;size=40;"),
        ("umlLifeline", "shape=umlLifeline;participant=umlActor;perimeter=lifelinePerimeter;size=40;"),
        ("umlFrame", "shape=umlFrame;width=60;height=30;"),
        ("component", "shape=component;jettyWidth=20;jettyHeight=10;"),
        ("module", "shape=module;jettyWidth=8;jettyHeight=4;"),
        ("partialRectangle", "shape=partialRectangle;top=1;left=1;bottom=1;right=0;fillColor=none;"),
        ("tableRow", "shape=tableRow;top=0;left=0;bottom=1;right=0;fillColor=none;"),
        ("curlyBracket", "shape=curlyBracket;rounded=1;size=0.5;"),
        ("dimension", "shape=dimension;"),
        ("mxgraph.bpmn.shape", "shape=mxgraph.bpmn.shape;outline=standard;symbol=message;perimeter=ellipsePerimeter;"),
        ("mxgraph.bpmn.shape", "shape=mxgraph.bpmn.shape;outline=eventInt;symbol=timer;perimeter=ellipsePerimeter;"),
        ("mxgraph.bpmn.shape", "shape=mxgraph.bpmn.shape;outline=end;symbol=terminate;perimeter=ellipsePerimeter;"),
        ("mxgraph.bpmn.shape", "shape=mxgraph.bpmn.shape;outline=boundNonint;symbol=error;perimeter=ellipsePerimeter;"),
        ("mxgraph.bpmn.event", "shape=mxgraph.bpmn.event;outline=standard;symbol=timer;perimeter=ellipsePerimeter;"),
        ("mxgraph.bpmn.task", "shape=mxgraph.bpmn.task;rectStyle=rounded;size=10;taskMarker=user;isLoopStandard=1;"),
        ("mxgraph.bpmn.task", "shape=mxgraph.bpmn.task;taskMarker=service;bpmnShapeType=transaction;isLoopMultiParallel=1;isCompensation=1;"),
        ("mxgraph.bpmn.data", "shape=mxgraph.bpmn.data;bpmnTransferType=input;isCollection=1;"),
        ("mxgraph.bpmn.gateway2", "shape=mxgraph.bpmn.gateway2;gwType=exclusive;perimeter=rhombusPerimeter;"),
        ("mxgraph.bpmn.gateway2", "shape=mxgraph.bpmn.gateway2;gwType=parallel;perimeter=rhombusPerimeter;"),
        ("mxgraph.bpmn.gateway2", "shape=mxgraph.bpmn.gateway2;gwType=eventBased;perimeter=rhombusPerimeter;"),
        ("message", "shape=message;"),
        ("datastore", "shape=datastore;"),
        ("mxgraph.c4.person2", "shape=mxgraph.c4.person2;fillColor=#083F75;strokeColor=none;"),
        ("ext", "shape=ext;double=1;margin=3;"),
        ("mxgraph.arrows2.arrow", "shape=mxgraph.arrows2.arrow;dy=0.6;dx=40;notch=10;"),
        ("mxgraph.arrows2.twoWayArrow", "shape=mxgraph.arrows2.twoWayArrow;dy=0.6;dx=35;"),
        ("mxgraph.arrows2.stylisedArrow", "shape=mxgraph.arrows2.stylisedArrow;dy=0.3;dx=40;notch=15;feather=0.4;"),
        ("mxgraph.arrows2.sharpArrow", "shape=mxgraph.arrows2.sharpArrow;dy1=0.67;dx1=18;dx2=18;notch=0;"),
        ("mxgraph.arrows2.calloutArrow", "shape=mxgraph.arrows2.calloutArrow;dy=10;dx=20;notch=60;arrowHead=10;"),
        ("mxgraph.arrows2.jumpInArrow", "shape=mxgraph.arrows2.jumpInArrow;dy=15;dx=38;arrowHead=55;"),
        ("mxgraph.arrows2.uTurnArrow", "shape=mxgraph.arrows2.uTurnArrow;dy=11;arrowHead=43;dx2=25;"),
        ("card", "shape=card;size=20;"),
        ("step", "shape=step;size=0.2;perimeter=stepPerimeter;"),
        ("cube", "shape=cube;size=20;"),
        ("cylinder3", "shape=cylinder3;size=15;"),
        ("dataStorage", "shape=dataStorage;size=0.1;"),
        ("process2", "shape=process2;size=0.1;"),
        ("note2", "shape=note2;size=15;"),
        ("endState", "ellipse;shape=endState;fillColor=#000000;"),
        ("mxgraph.infographic.ribbonSimple", "shape=mxgraph.infographic.ribbonSimple;notch1=20;notch2=20;"),
        ("mxgraph.dfd.dataStoreID", "shape=mxgraph.dfd.dataStoreID;"),
        ("mxgraph.floorplan.wallCorner", "shape=mxgraph.floorplan.wallCorner;fillColor=#000000;"),
        ("mxgraph.floorplan.doorLeft", "shape=mxgraph.floorplan.doorLeft;"),
        ("mxgraph.floorplan.window", "shape=mxgraph.floorplan.window;"),
        ("mxgraph.floorplan.stairs", "shape=mxgraph.floorplan.stairs;"),
        ("mxgraph.aws3d.application_server", "shape=mxgraph.aws3d.application_server;fillColor=#ECECEC;strokeColor=#5E5E5E;aspect=fixed;"),
        ("mxgraph.aws3d.arrowSE", "shape=mxgraph.aws3d.arrowSE;fillColor=#000000;aspect=fixed;"),
        ("mxgraph.aws3d.dashedArrowlessEdge", "shape=mxgraph.aws3d.dashedArrowlessEdge;fillColor=#000000;aspect=fixed;"),
        ("mxgraph.aws3d.flatDoubleEdge", "shape=mxgraph.aws3d.flatDoubleEdge;fillColor=#000000;aspect=fixed;"),
        ("trapezoid", "shape=trapezoid;perimeter=trapezoidPerimeter;size=0.2;"),
        ("manualInput", "shape=manualInput;size=15;"),
        ("offPageConnector", "shape=offPageConnector;size=0.375;"),
        ("loopLimit", "shape=loopLimit;size=20;"),
        ("callout", "shape=callout;size=30;position=0.5;base=20;perimeter=calloutPerimeter;"),
        ("singleArrow", "shape=singleArrow;arrowWidth=0.3;arrowSize=0.2;"),
        ("doubleArrow", "shape=doubleArrow;arrowWidth=0.3;arrowSize=0.2;"),
        ("corner", "shape=corner;dx=20;dy=20;"),
        ("tee", "shape=tee;dx=20;dy=20;"),
        ("delay", "shape=delay;"),
        ("tape", "shape=tape;size=0.2;"),
        ("display", "shape=display;size=0.2;"),
        ("internalStorage", "shape=internalStorage;dx=20;dy=20;"),
        ("sumEllipse", "shape=sumEllipse;perimeter=ellipsePerimeter;"),
        ("orEllipse", "shape=orEllipse;perimeter=ellipsePerimeter;"),
        ("plus", "shape=plus;"),
        ("umlBoundary", "shape=umlBoundary;"),
        ("umlEntity", "ellipse;shape=umlEntity;"),
        ("umlControl", "ellipse;shape=umlControl;"),
        ("umlDestroy", "shape=umlDestroy;"),
    ];

    /// <summary>Icon shapes whose pictogram is a stencil of their own library, named bare by prIcon.</summary>
    private static readonly (string Shape, string Style)[] Pictograms =
    [
        ("mxgraph.kubernetes.icon", "shape=mxgraph.kubernetes.icon;prIcon=pod;fillColor=#2875E2;strokeColor=#ffffff;aspect=fixed;"),
        ("mxgraph.cisco19.rect", "shape=mxgraph.cisco19.rect;prIcon=router;fillColor=#FAFAFA;strokeColor=#005073;aspect=fixed;"),
    ];

    /// <summary>Code shapes drawn as a plain or rounded box by design (an AWS icon is a stencil), or as nothing (an ER anchor).</summary>
    private static readonly (string Shape, string Style)[] BoxLike =
    [
        ("table", "shape=table;startSize=0;container=1;"),
        ("mxgraph.aws4.resourceIcon", "shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.route_53;fillColor=#5A30B5;strokeColor=#ffffff;"),
        ("mxgraph.aws4.productIcon", "shape=mxgraph.aws4.productIcon;prIcon=mxgraph.aws4.lambda;fillColor=#ED7100;strokeColor=#ffffff;"),
        ("mxgraph.aws4.group", "shape=mxgraph.aws4.group;grIcon=mxgraph.aws4.group_aws_cloud;fillColor=none;strokeColor=#232F3E;"),
        ("mxgraph.aws4.groupCenter", "shape=mxgraph.aws4.groupCenter;grIcon=mxgraph.aws4.group_availability_zone;fillColor=none;"),
        ("mxgraph.er.anchor", "shape=mxgraph.er.anchor;"),
        ("mxgraph.er.rrect", "shape=mxgraph.er.rrect;rounded=1;"),
        ("mxgraph.floorplan.wall", "shape=mxgraph.floorplan.wall;fillColor=#000000;"),
    ];

    private static readonly (string Shape, string Style)[] Edges =
    [
        ("link", "shape=link;html=1;"),
        ("mxgraph.lean_mapping.electronic_info_flow_edge", "shape=mxgraph.lean_mapping.electronic_info_flow_edge;html=1;"),
    ];

    /// <summary>Code shape names to find in the fixtures: the ones above, their twins, and the AWS 3D library's (all code but its arrowhead stencil).</summary>
    private static readonly HashSet<string> CodeShapeNames = [.. Vertices.Concat(BoxLike).Concat(Edges).Select(s => s.Shape), "mxgraph.c4.person", "mxgraph.floorplan.doorRight"];

    private static bool IsCodeShape(string shape) =>
        CodeShapeNames.Contains(shape) || (shape.StartsWith("mxgraph.aws3d.", StringComparison.Ordinal) && shape != "mxgraph.aws3d.arrowhead");

    [Fact]
    public async Task EachCodeShape_InTheViewer_IsDrawnByItsOwnShape_WithItsOwnOutline()
    {
        await using var session = await system.OpenAsync(nameof(EachCodeShape_InTheViewer_IsDrawnByItsOwnShape_WithItsOwnOutline));
        var cells = new StringBuilder();
        var all = Vertices.Concat(BoxLike).ToList();
        for (var i = 0; i < all.Count; i++)
        {
            cells.Append($"""<mxCell id="v{i}" value="" style="{WebUtility.HtmlEncode(all[i].Style)}" vertex="1" parent="1"><mxGeometry x="{20 + (i % 8) * 130}" y="{20 + (i / 8) * 130}" width="100" height="100" as="geometry"/></mxCell>""");
        }

        var below = 60 + ((all.Count + 7) / 8 * 130);
        for (var i = 0; i < Edges.Length; i++)
        {
            cells.Append($"""<mxCell id="e{i}" value="" style="{Edges[i].Style}" edge="1" parent="1"><mxGeometry relative="1" as="geometry"><mxPoint x="20" y="{below + i * 40}" as="sourcePoint"/><mxPoint x="400" y="{below + i * 40}" as="targetPoint"/></mxGeometry></mxCell>""");
        }

        var viewer = await session.ViewDiagramAsync("Code shapes", Encoding.UTF8.GetBytes(Diagram(cells.ToString())));
        await session.ScreenshotAsync("code-shapes");
        var drawn = (await ShapesAsync(await session.FrameAsync("macro-frame-0"))).ToDictionary(s => s.Id);

        for (var i = 0; i < all.Count; i++)
        {
            var (shape, style) = all[i];
            var cell = drawn[$"v{i}"];
            cell.DrawnBy.ShouldBe("registered", $"{style} is drawn by the {shape} shape, not a fallback");
            if (i < Vertices.Length)
            {
                cell.Elements.ShouldNotBeEmpty(style);
                cell.Elements.ShouldNotBe(["rect"], $"{style} has its own outline, not a rectangle");
            }
        }

        for (var i = 0; i < Edges.Length; i++)
        {
            drawn[$"e{i}"].DrawnBy.ShouldBe("registered", Edges[i].Style);
        }

        drawn["v" + Array.FindIndex(all.ToArray(), s => s.Shape == "mxgraph.c4.person2")].Elements.ShouldContain("ellipse", "the C4 person has a head");
        drawn["v" + Array.FindIndex(all.ToArray(), s => s.Shape == "component")].Elements.Count(e => e == "rect").ShouldBe(3, "a component is a box and its two jetties");
        drawn["v" + Array.FindIndex(all.ToArray(), s => s.Shape == "mxgraph.bpmn.task")].Elements.ShouldContain("ellipse", "a user task's marker has a head");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task KubernetesAndCisco19Icons_DrawTheirPictogram_FromTheirOwnLibrary()
    {
        await using var session = await system.OpenAsync(nameof(KubernetesAndCisco19Icons_DrawTheirPictogram_FromTheirOwnLibrary));
        var cells = string.Concat(Pictograms.Select((p, i) =>
            $"""<mxCell id="p{i}" value="" style="{WebUtility.HtmlEncode(p.Style)}" vertex="1" parent="1"><mxGeometry x="{20 + (i * 140)}" y="20" width="100" height="100" as="geometry"/></mxCell>"""));
        await session.ViewDiagramAsync("Pictograms", Encoding.UTF8.GetBytes(Diagram(cells)));
        await session.ScreenshotAsync("pictograms");
        var drawn = (await ShapesAsync(await session.FrameAsync("macro-frame-0"))).ToDictionary(s => s.Id);

        for (var i = 0; i < Pictograms.Length; i++)
        {
            var cell = drawn[$"p{i}"];
            cell.DrawnBy.ShouldBe("registered", Pictograms[i].Style);
            // The background (one path or rect) and the pictogram's own paths over it.
            cell.Elements.Count.ShouldBeGreaterThanOrEqualTo(2, $"{Pictograms[i].Shape} draws its pictogram ({string.Join(",", cell.Elements)})");
        }

        drawn["p0"].Elements.First().ShouldBe("path", "the Kubernetes icon is a heptagon, not a box");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task NamedStyles_OfDrawiosDefaultTheme_GiveTheirShapeAndColours()
    {
        await using var session = await system.OpenAsync(nameof(NamedStyles_OfDrawiosDefaultTheme_GiveTheirShapeAndColours));
        // As draw.io's Azure template writes its fat arrows, and a box in the theme's flat blue.
        var cells = """<mxCell id="e0" value="" style="arrow;html=1;endArrow=block;endFill=1;strokeColor=none;strokeWidth=4;fillColor=#FFB366;" edge="1" parent="1"><mxGeometry relative="1" as="geometry"><mxPoint x="20" y="200" as="sourcePoint"/><mxPoint x="300" y="200" as="targetPoint"/></mxGeometry></mxCell>"""
            + """<mxCell id="v0" value="Blue" style="plain-blue;whiteSpace=wrap;" vertex="1" parent="1"><mxGeometry x="20" y="20" width="120" height="60" as="geometry"/></mxCell>""";
        await session.ViewDiagramAsync("Named styles", Encoding.UTF8.GetBytes(Diagram(cells)));
        await session.ScreenshotAsync("named-styles");
        var frame = await session.FrameAsync("macro-frame-0");
        var drawn = (await ShapesAsync(frame)).ToDictionary(s => s.Id);

        drawn["e0"].Shape.ShouldBe("arrow", "arrow; is draw.io's fat arrow");
        drawn["e0"].DrawnBy.ShouldBe("registered");
        var stops = await frame.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('linearGradient stop'), s => getComputedStyle(s).stopColor)");
        stops.ShouldContain("rgb(218, 232, 252)", "plain-blue fills from #DAE8FC");
        stops.ShouldContain("rgb(126, 166, 224)", "to #7EA6E0");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task SequenceDiagram_LifelineLabelsSitInTheirHead_AndMessagesMeetActivationBarsLevel()
    {
        // As draw.io's sequence template writes them: the lifeline's label was centred on its whole height, and
        // orthogonalPerimeter (the activation bars) was unknown, so messages aimed at the bars' centres.
        await using var session = await system.OpenAsync(nameof(SequenceDiagram_LifelineLabelsSitInTheirHead_AndMessagesMeetActivationBarsLevel));
        const string Lifeline = "shape=umlLifeline;perimeter=lifelinePerimeter;container=1;collapsible=0;recursiveResize=0;rounded=0;";
        const string Bar = "points=[];perimeter=orthogonalPerimeter;rounded=0;";
        var cells = $"""
            <mxCell id="l1" value=":Sender" style="{Lifeline}strokeColor=#aa0010;" vertex="1" parent="1"><mxGeometry x="120" y="80" width="100" height="300" as="geometry"/></mxCell>
            <mxCell id="b1" value="" style="{Bar}" vertex="1" parent="l1"><mxGeometry x="45" y="70" width="10" height="190" as="geometry"/></mxCell>
            <mxCell id="l2" value=":Receiver" style="{Lifeline}" vertex="1" parent="1"><mxGeometry x="300" y="80" width="100" height="300" as="geometry"/></mxCell>
            <mxCell id="b2" value="" style="{Bar}" vertex="1" parent="l2"><mxGeometry x="45" y="80" width="10" height="160" as="geometry"/></mxCell>
            <mxCell id="m1" value="dispatch" style="verticalAlign=bottom;endArrow=block;entryX=0;entryY=0;strokeColor=#aa0011;" edge="1" source="b1" target="b2" parent="1"><mxGeometry relative="1" as="geometry"/></mxCell>
            <mxCell id="m2" value="return" style="verticalAlign=bottom;endArrow=open;dashed=1;exitX=0;exitY=0.95;strokeColor=#aa0012;" edge="1" source="b2" target="b1" parent="1"><mxGeometry relative="1" as="geometry"/></mxCell>
            """;
        await session.ViewDiagramAsync("Sequence", Encoding.UTF8.GetBytes(Diagram(cells)));
        await session.ScreenshotAsync("sequence");
        var frame = await session.FrameAsync("macro-frame-0");
        var measured = await JsonAsync<List<double>>(frame, """
            () => {
              const union = (stroke) => {
                const boxes = [...document.querySelectorAll(`#app svg [stroke="${stroke}"]`)].map((e) => e.getBBox());
                const top = Math.min(...boxes.map((b) => b.y)), bottom = Math.max(...boxes.map((b) => b.y + b.height));
                const left = Math.min(...boxes.map((b) => b.x)), right = Math.max(...boxes.map((b) => b.x + b.width));
                return { top, bottom, left, right, height: bottom - top, width: right - left };
              };
              const lifeline = union('#aa0010');
              const k = lifeline.height / 300;
              const label = [...document.querySelectorAll('#app svg text')].find((t) => t.textContent === ':Sender').getBBox();
              const line = (stroke) => [...document.querySelectorAll(`#app svg path[stroke="${stroke}"]`)].map((p) => p.getBBox()).sort((a, b) => b.width - a.width)[0];
              const m1 = line('#aa0011'), m2 = line('#aa0012');
              return JSON.stringify([(label.y + label.height / 2 - lifeline.top) / k, m1.height / k, (m1.y - lifeline.top) / k, m2.height / k, m1.width / k]);
            }
            """);
        measured[0].ShouldBe(20, 3, "the label is centred in the 40 px head");
        measured[1].ShouldBeLessThan(1, "the message is level");
        measured[2].ShouldBe(80, 1.5, "at the receiving bar's top (entryY=0)");
        measured[3].ShouldBeLessThan(1, "the return is level too");
        measured[4].ShouldBeGreaterThan(100, "it spans the gap between the bars");
        session.ShouldHaveNoConsoleErrors();
    }

    private static readonly string[] ImageStyles = ["image;", "roundImage;", "rhombusImage;", "image;imageAspect=0;"];

    [Fact]
    public async Task NamedImageStyles_KeepTheImagesAspect_AsInDrawio()
    {
        // draw.io's theme gives image, roundImage and rhombusImage no imageAspect, so a picture keeps its aspect in a box
        // of another shape; ours stretched it. imageAspect=0 in the cell's own style still stretches.
        await using var session = await system.OpenAsync(nameof(NamedImageStyles_KeepTheImagesAspect_AsInDrawio));
        var square = Convert.ToBase64String(Encoding.UTF8.GetBytes("""<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#c00"/></svg>"""));
        var cells = string.Concat(ImageStyles.Select((style, i) =>
            $"""<mxCell id="i{i}" value="" style="{style}html=1;image=data:image/svg+xml,{square};" vertex="1" parent="1"><mxGeometry x="40" y="{40 + i * 80}" width="200" height="50" as="geometry"/></mxCell>"""));
        await session.ViewDiagramAsync("Named images", Encoding.UTF8.GetBytes(Diagram(cells)));
        await session.ScreenshotAsync("named-images");
        var frame = await session.FrameAsync("macro-frame-0");
        // The SVG image element's preserveAspectRatio is how the browser fits the picture: none stretches it.
        var fits = await JsonAsync<List<string>>(frame, """
            () => JSON.stringify([...document.querySelectorAll('#app svg image')].map((image) => image.getAttribute('preserveAspectRatio') || ''))
            """);
        fits.Count.ShouldBe(4);
        fits.Take(3).ShouldAllBe(f => f != "none", "image, roundImage and rhombusImage keep the picture's aspect");
        fits[3].ShouldBe("none", "imageAspect=0 stretches it");
        session.ShouldHaveNoConsoleErrors();
    }

    [Theory]
    [InlineData("C4.drawio")]
    [InlineData("uml-component-example.drawio")]
    [InlineData("uml-activity-example.drawio")]
    [InlineData("data-flow.drawio")]
    [InlineData("aws-internet-of-things.drawio")]
    [InlineData("libraries/examples-BPMN.drawio")]
    [InlineData("libraries/examples-Sequence.drawio")]
    [InlineData("libraries/examples-Floorplan.drawio")]
    [InlineData("libraries/templates-basic-sequence.drawio")]
    [InlineData("libraries/templates-cloud-ibm_private_cloud.drawio")]
    [InlineData("libraries/templates-cloud-aws_3d_2.drawio")]
    public async Task Fixture_InTheViewer_DrawsEveryCodeShapeCell_ByItsOwnShape(string fixture)
    {
        await using var session = await system.OpenAsync($"{nameof(Fixture_InTheViewer_DrawsEveryCodeShapeCell_ByItsOwnShape)}-{Path.GetFileNameWithoutExtension(fixture)}");
        await session.ViewDiagramAsync(Path.GetFileName(fixture), await File.ReadAllBytesAsync(Fixtures.Path(fixture)));
        await session.ScreenshotAsync("fixture");
        var codeShapes = (await ShapesAsync(await session.FrameAsync("macro-frame-0"))).Where(s => IsCodeShape(s.Shape)).ToList();

        codeShapes.ShouldNotBeEmpty($"{fixture}'s first page uses draw.io code shapes");
        codeShapes.Where(s => s.DrawnBy != "registered").Select(s => $"{s.Id} {s.Shape}").ShouldBeEmpty($"{fixture}: cells drawn by a fallback");
        foreach (var person in codeShapes.Where(s => s.Shape == "mxgraph.c4.person"))
        {
            person.Elements.ShouldContain("ellipse", $"{fixture}: the C4 person {person.Id} has a head");
        }

        foreach (var component in codeShapes.Where(s => s.Shape == "module"))
        {
            component.Elements.Count(e => e == "rect").ShouldBe(3, $"{fixture}: the component icon {component.Id} has its jetties");
        }

        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task Tables_DrawTheirTitleInTheTitleBand_AndTheirOwnGridLines()
    {
        // As draw.io's ER palette and Insert > Table write them: the cells have no borders, the table draws the grid.
        const string Cell = "shape=partialRectangle;html=1;overflow=hidden;connectable=0;fillColor=none;top=0;left=0;bottom=0;right=0;";
        const string Row = "shape=partialRectangle;html=1;collapsible=0;dropTarget=0;fillColor=none;top=0;left=0;bottom=0;right=0;";
        var cells = new StringBuilder();
        cells.Append($"""<mxCell id="er" value="Orders" style="shape=table;startSize=30;container=1;collapsible=1;childLayout=tableLayout;fixedRows=1;rowLines=0;fontStyle=1;align=center;html=1;" vertex="1" parent="1"><mxGeometry x="40" y="40" width="240" height="90" as="geometry"/></mxCell>""");
        foreach (var (row, y, key, name) in new[] { ("er1", 30, "PK", "order_id"), ("er2", 60, "FK1", "customer_id") })
        {
            cells.Append($"""<mxCell id="{row}" value="" style="{Row}" vertex="1" parent="er"><mxGeometry y="{y}" width="240" height="30" as="geometry"/></mxCell>""");
            cells.Append($"""<mxCell id="{row}a" value="{key}" style="{Cell}" vertex="1" parent="{row}"><mxGeometry width="40" height="30" as="geometry"/></mxCell>""");
            cells.Append($"""<mxCell id="{row}b" value="{name}" style="{Cell}align=left;" vertex="1" parent="{row}"><mxGeometry x="40" width="200" height="30" as="geometry"/></mxCell>""");
        }

        cells.Append("""<mxCell id="grid" value="" style="shape=table;startSize=0;container=1;collapsible=0;childLayout=tableLayout;html=1;" vertex="1" parent="1"><mxGeometry x="320" y="40" width="180" height="90" as="geometry"/></mxCell>""");
        for (var r = 0; r < 3; r++)
        {
            cells.Append($"""<mxCell id="g{r}" value="" style="{Row}" vertex="1" parent="grid"><mxGeometry y="{r * 30}" width="180" height="30" as="geometry"/></mxCell>""");
            for (var c = 0; c < 3; c++)
            {
                cells.Append($"""<mxCell id="g{r}{c}" value="r{r}c{c}" style="{Cell}" vertex="1" parent="g{r}"><mxGeometry x="{c * 60}" width="60" height="30" as="geometry"/></mxCell>""");
            }
        }

        await using var session = await system.OpenAsync(nameof(Tables_DrawTheirTitleInTheTitleBand_AndTheirOwnGridLines));
        var viewer = await session.ViewDiagramAsync("Tables", Encoding.UTF8.GetBytes(Diagram(cells.ToString())));
        await session.ScreenshotAsync("tables");
        var drawn = (await ShapesAsync(await session.FrameAsync("macro-frame-0"))).ToDictionary(s => s.Id);

        drawn["er"].DrawnBy.ShouldBe("registered");
        drawn["er"].Lines.Any(l => Near(l, [40, 30, 40, 90])).ShouldBeTrue("the ER table's column line, below its title band");
        drawn["er"].Lines.Any(l => Near(l, [0, 60, 240, 60])).ShouldBeFalse("rowLines=0 draws no row line");
        double[][] grid = [[0, 30, 180, 30], [0, 60, 180, 60], [60, 0, 60, 90], [120, 0, 120, 90]];
        foreach (var expected in grid)
        {
            drawn["grid"].Lines.Any(l => Near(l, expected)).ShouldBeTrue($"a line above each row and left of each column but the first: {string.Join(",", expected)}");
        }


        var title = await viewer.Locator("text=Orders").BoundingBoxAsync();
        var firstRow = await viewer.Locator("text=PK").BoundingBoxAsync();
        title.ShouldNotBeNull();
        firstRow.ShouldNotBeNull();
        (title.Y + title.Height).ShouldBeLessThanOrEqualTo(firstRow.Y, "the title sits in its band, above the first row");
        session.ShouldHaveNoConsoleErrors();

        static bool Near(List<double> line, double[] expected) => line.Count == 4 && line.Zip(expected).All(p => Math.Abs(p.First - p.Second) <= 1);
    }

    private static Task<List<DrawnShape>> ShapesAsync(Microsoft.Playwright.IFrame viewer) =>
        JsonAsync<List<DrawnShape>>(viewer, "() => JSON.stringify(window.diagramViewer.shapes())");

    private sealed record DrawnShape(string Id, string Shape, string DrawnBy, List<string> Elements, List<List<double>> Lines);
}
