using System.Globalization;
using System.Xml.Linq;
using Diagrams.App.Tests.Converter;
using Diagrams.Converter.Pdf;
using Microsoft.Playwright;
using Shouldly;
using Xunit;
using static Diagrams.App.Tests.Browser.EditorSteps;

namespace Diagrams.App.Tests.Browser;

/// <summary>
/// The macro editor's own interactions with mouse and keyboard in Debian Chromium inside HostSim's sandbox: rubber-band
/// and shift-click selection, group/ungroup, clipboard, undo/redo, the style panel, resize/rotate/move handles, a
/// connector with a waypoint, zoom, SVG/PNG export and a lossless round trip of every .drawio fixture.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class EditorInteractionTests(BrowserSystem system)
{
    [Fact]
    public async Task Selection_RubberBandAndShiftClick_GroupAndUngroup_ByButtonAndShortcut()
    {
        await using var session = await system.OpenAsync(nameof(Selection_RubberBandAndShiftClick_GroupAndUngroup_ByButtonAndShortcut));
        var (page, editor, frame) = await OpenEditorAsync(session);
        await editor.Locator("[data-testid=palette-rectangle]").ClickAsync();
        await editor.Locator("[data-testid=palette-ellipse]").ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        var (a, b) = await TwoShapesAsync(editor);

        // Rubber band from the empty canvas below-right of both shapes to above-left of them.
        await DragAsync(page, Math.Max(a.X + a.Width, b.X + b.Width) + 30, Math.Max(a.Y + a.Height, b.Y + b.Height) + 30, Math.Min(a.X, b.X) - 8, Math.Min(a.Y, b.Y) - 8);
        await session.ScreenshotAsync("rubber-band");
        await editor.Locator("[data-testid=group]").ClickAsync();
        await WaitForAsync(frame, "e => e.cellCount() === 3");
        GroupOf(await XmlAsync(frame)).ShouldNotBeNull("the rubber band selected both shapes and Group put them in one group cell");
        await session.ScreenshotAsync("grouped");
        await page.Keyboard.PressAsync("Control+Shift+U");
        await WaitForAsync(frame, "e => e.cellCount() === 2");
        GroupOf(await XmlAsync(frame)).ShouldBeNull();

        await page.Keyboard.PressAsync("Escape");
        await page.Mouse.ClickAsync(a.X + (a.Width / 2), a.Y + (a.Height / 2));
        await page.Keyboard.DownAsync("Shift");
        await page.Mouse.ClickAsync(b.X + (b.Width / 2), b.Y + (b.Height / 2));
        await page.Keyboard.UpAsync("Shift");
        await page.Keyboard.PressAsync("Control+G");
        await WaitForAsync(frame, "e => e.cellCount() === 3");
        GroupOf(await XmlAsync(frame)).ShouldNotBeNull("shift-click added the second shape to the selection and Ctrl+G grouped both");
        await session.ScreenshotAsync("shift-click-grouped");
        await editor.Locator("[data-testid=ungroup]").ClickAsync();
        await WaitForAsync(frame, "e => e.cellCount() === 2");
        GroupOf(await XmlAsync(frame)).ShouldBeNull();
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task Clipboard_DuplicateAndDelete_ThenUndoAndRedo_RestoreEachStateExactly()
    {
        await using var session = await system.OpenAsync(nameof(Clipboard_DuplicateAndDelete_ThenUndoAndRedo_RestoreEachStateExactly));
        var (page, editor, frame) = await OpenEditorAsync(session);
        await editor.Locator("[data-testid=palette-rectangle]").ClickAsync(); // the new shape is selected
        var states = new List<string> { await XmlAsync(frame) };
        foreach (var (keys, count) in new[] { ("Control+C", 1), ("Control+V", 2), ("Control+D", 3), ("Delete", 2) })
        {
            await page.Keyboard.PressAsync(keys);
            await WaitForAsync(frame, $"e => e.cellCount() === {count}");
            if (keys != "Control+C")
            {
                states.Add(await XmlAsync(frame));
            }
        }

        await session.ScreenshotAsync("edited");
        foreach (var state in new[] { 2, 1, 0 })
        {
            await page.Keyboard.PressAsync("Control+Z");
            await WaitForAsync(frame, $"e => e.cellCount() === {state + 1}");
            (await XmlAsync(frame)).ShouldBe(states[state], $"undo back to state {state}");
        }

        foreach (var (keys, state) in new[] { ("Control+Shift+Z", 1), ("Control+Y", 2), ("Control+Y", 3) })
        {
            await page.Keyboard.PressAsync(keys);
            await WaitForAsync(frame, $"e => e.cellCount() === {(state == 3 ? 2 : state + 1)}");
            (await XmlAsync(frame)).ShouldBe(states[state], $"{keys} redoes to state {state}");
        }

        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task StylePanel_FillStrokeFontBoldDashed_AreWrittenAsDrawioStyleKeys()
    {
        await using var session = await system.OpenAsync(nameof(StylePanel_FillStrokeFontBoldDashed_AreWrittenAsDrawioStyleKeys));
        var (_, editor, frame) = await OpenEditorAsync(session);
        await editor.Locator("[data-testid=palette-rectangle]").ClickAsync();
        await editor.Locator("[data-testid=style-fillColor]").FillAsync("#ff8800");
        await editor.Locator("[data-testid=style-strokeWidth]").FillAsync("4");
        await editor.Locator("[data-testid=style-strokeWidth]").PressAsync("Tab"); // a number input commits on leaving it
        await editor.Locator("[data-testid=style-fontSize]").FillAsync("18");
        await editor.Locator("[data-testid=style-fontSize]").PressAsync("Tab");
        await editor.Locator("[data-testid=style-bold]").CheckAsync();
        await editor.Locator("[data-testid=style-dashed]").CheckAsync();
        await session.ScreenshotAsync("styled");

        var style = StyleOf(Vertices(await XmlAsync(frame)).Single());
        style.ShouldContain("fillColor=#ff8800");
        style.ShouldContain("strokeWidth=4");
        style.ShouldContain("fontSize=18");
        style.ShouldContain("fontStyle=1");
        style.ShouldContain("dashed=1");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task Handles_ResizeMoveNudgeAndRotate_ChangeTheGeometryAndRotation()
    {
        await using var session = await system.OpenAsync(nameof(Handles_ResizeMoveNudgeAndRotate_ChangeTheGeometryAndRotation));
        var (page, editor, frame) = await OpenEditorAsync(session);
        await editor.Locator("[data-testid=palette-rectangle]").ClickAsync();
        var start = Geometry(Vertices(await XmlAsync(frame)).Single());
        var box = (await editor.Locator(Shapes).First.BoundingBoxAsync())!;

        await DragAsync(page, box.X + box.Width, box.Y + box.Height, box.X + box.Width + 40, box.Y + box.Height + 30); // bottom-right handle
        await WaitForAsync(frame, "e => !e.getXml().includes('width=\"120\"')");
        var resized = Geometry(Vertices(await XmlAsync(frame)).Single());
        (resized.Width, resized.Height).ShouldBe((start.Width + 40, start.Height + 30));
        await session.ScreenshotAsync("resized");

        box = (await editor.Locator(Shapes).First.BoundingBoxAsync())!;
        // Pressed off-centre: the centre of a hovered shape holds the connect icon (a drag there draws a connector).
        await DragAsync(page, box.X + (box.Width / 4), box.Y + (box.Height / 4), box.X + (box.Width / 4) + 60, box.Y + (box.Height / 4) + 40);
        await WaitForAsync(frame, $"e => !e.getXml().includes('x=\"{start.X}\"')");
        var moved = Geometry(Vertices(await XmlAsync(frame)).Single());
        (moved.X, moved.Y).ShouldBe((start.X + 60, start.Y + 40));
        await page.Keyboard.PressAsync("ArrowRight"); // one grid step
        await page.Keyboard.PressAsync("Shift+ArrowDown"); // one pixel
        await WaitForAsync(frame, $"e => e.getXml().includes('y=\"{start.Y + 41}\"')");
        var nudged = Geometry(Vertices(await XmlAsync(frame)).Single());
        (nudged.X, nudged.Y).ShouldBe((moved.X + 10, moved.Y + 1));
        await session.ScreenshotAsync("moved");

        box = (await editor.Locator(Shapes).First.BoundingBoxAsync())!;
        var (centerX, centerY) = (box.X + (box.Width / 2), box.Y + (box.Height / 2));
        await DragAsync(page, centerX, box.Y - 16, centerX + 150, centerY); // the rotation handle above the top edge, turned to the right
        await WaitForAsync(frame, "e => e.getXml().includes('rotation=')");
        StyleOf(Vertices(await XmlAsync(frame)).Single()).ShouldContain("rotation=90");
        await session.ScreenshotAsync("rotated");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task Connector_DraggedFromAConnectionPoint_ThenASegmentDragAddsWaypoints_Orthogonal()
    {
        await using var session = await system.OpenAsync(nameof(Connector_DraggedFromAConnectionPoint_ThenASegmentDragAddsWaypoints_Orthogonal));
        var (page, editor, frame) = await OpenEditorAsync(session);
        await LoadAsync(frame, Diagram("""
            <mxCell id="a" value="From" style="rounded=0;whiteSpace=wrap;html=1;" vertex="1" parent="1"><mxGeometry x="60" y="200" width="120" height="60" as="geometry"/></mxCell>
            <mxCell id="b" value="To" style="rounded=0;whiteSpace=wrap;html=1;" vertex="1" parent="1"><mxGeometry x="420" y="200" width="120" height="60" as="geometry"/></mxCell>
            """));
        var (a, b) = await TwoShapesAsync(editor);
        await page.Mouse.MoveAsync(a.X + (a.Width / 2), a.Y + (a.Height / 2), new() { Steps = 3 });
        await page.Mouse.MoveAsync(a.X + a.Width - 1, a.Y + (a.Height / 2), new() { Steps = 3 });
        await DragAsync(page, a.X + a.Width - 1, a.Y + (a.Height / 2), b.X + (b.Width / 2), b.Y + (b.Height / 2));
        await WaitForAsync(frame, "e => e.cellCount() === 3");
        var edge = XDocument.Parse(await XmlAsync(frame)).Descendants("mxCell").Single(c => c.Attribute("edge")?.Value == "1");
        ((string?)edge.Attribute("source"), (string?)edge.Attribute("target")).ShouldBe(("a", "b"));
        StyleOf(edge).ShouldContain("edgeStyle=orthogonalEdgeStyle");
        StyleOf(edge).ShouldContain("exitX=1;exitY=0.5", Case.Sensitive, "the edge leaves from the connection point it was dragged from");
        await session.ScreenshotAsync("connected");

        var (midX, midY) = ((a.X + a.Width + b.X) / 2, a.Y + (a.Height / 2));
        await page.Mouse.ClickAsync(midX, midY); // selects the edge
        await DragAsync(page, midX, midY, midX, midY + 80); // its segment handle, dragged down
        await WaitForAsync(frame, "e => e.getXml().includes('<Array as=\"points\">')");
        edge = XDocument.Parse(await XmlAsync(frame)).Descendants("mxCell").Single(c => c.Attribute("edge")?.Value == "1");
        edge.Descendants("Array").Single(x => x.Attribute("as")?.Value == "points").Elements("mxPoint").ShouldNotBeEmpty();
        StyleOf(edge).ShouldContain("edgeStyle=orthogonalEdgeStyle");
        ((string?)edge.Attribute("source"), (string?)edge.Attribute("target")).ShouldBe(("a", "b"), "the waypoint keeps both ends");
        await session.ScreenshotAsync("waypoint");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task Zoom_InOutFitAndActual_ChangeTheScaleShownAndTheShapesOnScreen()
    {
        await using var session = await system.OpenAsync(nameof(Zoom_InOutFitAndActual_ChangeTheScaleShownAndTheShapesOnScreen));
        var (_, editor, _) = await OpenEditorAsync(session);
        await editor.Locator("[data-testid=palette-rectangle]").ClickAsync();
        var label = editor.Locator("[data-testid=zoom-level]");
        (await label.TextContentAsync()).ShouldBe("100%");
        var width = (await editor.Locator(Shapes).First.BoundingBoxAsync())!.Width;

        await editor.Locator("[data-testid=zoom-in]").ClickAsync();
        var zoomedIn = await ZoomAsync(label);
        zoomedIn.ShouldBeGreaterThan(100);
        (await editor.Locator(Shapes).First.BoundingBoxAsync())!.Width.ShouldBe(width * zoomedIn / 100, width * 0.03);
        await editor.Locator("[data-testid=zoom-out]").ClickAsync();
        await editor.Locator("[data-testid=zoom-out]").ClickAsync();
        (await ZoomAsync(label)).ShouldBeLessThan(100);
        await editor.Locator("[data-testid=zoom-fit]").ClickAsync();
        var fitted = await ZoomAsync(label);
        fitted.ShouldBeGreaterThan(100, "one small shape is fitted larger than actual size");
        (await editor.Locator(Shapes).First.BoundingBoxAsync())!.Width.ShouldBe(width * fitted / 100, width * 0.03);
        await session.ScreenshotAsync("fitted");
        await editor.Locator("[data-testid=zoom-actual]").ClickAsync();
        (await label.TextContentAsync()).ShouldBe("100%");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task Export_SvgAndPng_DownloadAnSvgDocumentWithTheTypedLabel_AndAPng()
    {
        await using var session = await system.OpenAsync(nameof(Export_SvgAndPng_DownloadAnSvgDocumentWithTheTypedLabel_AndAPng));
        var (page, editor, frame) = await OpenEditorAsync(session);
        await editor.Locator("[data-testid=palette-rectangle]").ClickAsync();
        await page.Keyboard.PressAsync("F2");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("Harbour Gate");
        var canvas = (await editor.Locator("[data-testid=canvas]").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(canvas.X + canvas.Width - 40, canvas.Y + canvas.Height - 40); // ends editing
        await WaitForAsync(frame, "e => e.getXml().includes('Harbour Gate')");
        await session.ScreenshotAsync("labelled");

        var svgDownload = await page.RunAndWaitForDownloadAsync(() => editor.Locator("[data-testid=export-svg]").ClickAsync());
        svgDownload.SuggestedFilename.ShouldEndWith(".svg");
        var svg = XDocument.Load(await svgDownload.PathAsync());
        svg.Root!.Name.ShouldBe(XName.Get("svg", "http://www.w3.org/2000/svg"));
        svg.Root.Value.ShouldContain("Harbour Gate");

        var pngDownload = await page.RunAndWaitForDownloadAsync(() => editor.Locator("[data-testid=export-png]").ClickAsync());
        pngDownload.SuggestedFilename.ShouldEndWith(".png");
        var png = await File.ReadAllBytesAsync(await pngDownload.PathAsync());
        png.Take(8).ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        png.Length.ShouldBeGreaterThan(2_000, "a drawn shape with a label, not an empty image");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task RoundTrip_OfEveryDrawioFixture_KeepsPagesCellsAndStyles_AndWritesPlainXml()
    {
        await using var session = await system.OpenAsync(nameof(RoundTrip_OfEveryDrawioFixture_KeepsPagesCellsAndStyles_AndWritesPlainXml));
        var (_, _, frame) = await OpenEditorAsync(session);
        foreach (var file in Directory.GetFiles(Fixtures.Folder, "*.drawio").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var text = await File.ReadAllTextAsync(file);
            var pages = XDocument.Parse(text).Descendants("diagram").Count();
            var firstPage = XDocument.Parse(DiagramFile.Read(await File.ReadAllBytesAsync(file), new PdfOptions())[0].ModelXml);
            var cells = firstPage.Descendants("mxCell").Count(c => c.Attribute("vertex")?.Value == "1" || c.Attribute("edge")?.Value == "1");

            await LoadAsync(frame, text);
            (await frame.EvaluateAsync<int>("() => window.diagramEditor.pageCount")).ShouldBe(pages, name);
            (await frame.EvaluateAsync<int>("() => window.diagramEditor.cellCount()")).ShouldBe(cells, name);
            var written = await XmlAsync(frame);
            var diagrams = XDocument.Parse(written).Descendants("diagram").ToList();
            diagrams.ShouldAllBe(d => d.Element("mxGraphModel") != null && d.Nodes().OfType<XText>().All(t => string.IsNullOrWhiteSpace(t.Value)), $"{name}: plain <mxGraphModel> pages");
            var styles = Styles(diagrams[0]);
            foreach (var (id, style) in Styles(firstPage.Root!))
            {
                styles.ShouldContainKey(id, $"{name}: cell {id}");
                StyleParts(style).Except(StyleParts(styles[id]), StringComparer.Ordinal).ShouldBeEmpty($"{name}: cell {id} keeps its style {style}");
            }

            await LoadAsync(frame, written);
            (await frame.EvaluateAsync<int>("() => window.diagramEditor.pageCount")).ShouldBe(pages, $"{name} reloaded");
            (await frame.EvaluateAsync<int>("() => window.diagramEditor.cellCount()")).ShouldBe(cells, $"{name} reloaded");
        }

        await session.ScreenshotAsync("last-fixture");
        session.ShouldHaveNoConsoleErrors();
    }

    private static async Task<(IPage Page, IFrameLocator Editor, IFrame Frame)> OpenEditorAsync(Session session)
    {
        var (editor, frame) = await session.InsertDiagramAsync();
        return (session.Page, editor, frame);
    }

    /// <summary>The two drawn shapes on screen, left one first.</summary>
    private static async Task<(LocatorBoundingBoxResult Left, LocatorBoundingBoxResult Right)> TwoShapesAsync(IFrameLocator editor)
    {
        var boxes = (await Task.WhenAll((await editor.Locator(Shapes).AllAsync()).Select(s => s.BoundingBoxAsync()))).OfType<LocatorBoundingBoxResult>().OrderBy(b => b.X).ToList();
        boxes.Count.ShouldBe(2, "two shapes on the canvas");
        return (boxes[0], boxes[1]);
    }

    private static async Task<int> ZoomAsync(ILocator label) => int.Parse((await label.TextContentAsync())!.TrimEnd('%'), CultureInfo.InvariantCulture);

    /// <summary>The group cell holding two shapes, if any.</summary>
    private static XElement? GroupOf(string xml)
    {
        var vertices = Vertices(xml);
        return vertices.SingleOrDefault(g => StyleOf(g).StartsWith("group", StringComparison.Ordinal)
            && vertices.Count(v => (string?)v.Attribute("parent") == (string?)g.Attribute("id")) == 2);
    }

    private static (double X, double Y, double Width, double Height) Geometry(XElement cell)
    {
        var g = cell.Element("mxGeometry")!;
        double Read(string name) => double.Parse((string?)g.Attribute(name) ?? "0", CultureInfo.InvariantCulture);
        return (Read("x"), Read("y"), Read("width"), Read("height"));
    }

    /// <summary>Style per drawn cell id (a wrapper such as &lt;UserObject&gt; holds the id of its mxCell).</summary>
    private static Dictionary<string, string> Styles(XElement model) =>
        model.Descendants("mxCell").Where(c => c.Attribute("vertex")?.Value == "1" || c.Attribute("edge")?.Value == "1")
            .ToDictionary(c => (string?)c.Attribute("id") ?? (string)c.Parent!.Attribute("id")!, StyleOf, StringComparer.Ordinal);

    private static string[] StyleParts(string style) => style.Split(';', StringSplitOptions.RemoveEmptyEntries);
}
