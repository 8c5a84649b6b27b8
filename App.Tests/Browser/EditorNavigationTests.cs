using System.Globalization;
using Diagrams.App.Tests.Converter;
using Microsoft.Playwright;
using Shouldly;
using Xunit;
using static Diagrams.App.Tests.Browser.EditorSteps;

namespace Diagrams.App.Tests.Browser;

/// <summary>
/// Getting around a diagram in the macro editor, in Debian Chromium inside HostSim's sandbox, as in draw.io: Find
/// (Ctrl+F) over the labels of every page (HTML text, placeholders filled in, hidden layers included) with "n of m",
/// switching page, selecting and scrolling to the match; Ctrl+wheel zooms at the pointer; Space-drag and middle-drag pan
/// without selecting or moving shapes; the outline shows the page and dragging in it pans the canvas.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class EditorNavigationTests(BrowserSystem system)
{
    private static readonly int[] PinchPoint = [300, 300];

    private const string Alpha = """<mxCell id="a" value="Alpha" style="rounded=0;whiteSpace=wrap;html=1;" vertex="1" parent="1"><mxGeometry x="100" y="100" width="120" height="60" as="geometry"/></mxCell>""";

    /// <summary>Page 1: an HTML label and a far-away shape; page 2: a placeholder label and a shape on a hidden layer.</summary>
    private const string TwoPages = """
        <mxfile><diagram id="p1" name="First"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>
        <mxCell id="html" value="Order &lt;b&gt;Service&lt;/b&gt;" style="rounded=0;whiteSpace=wrap;html=1;" vertex="1" parent="1"><mxGeometry x="40" y="40" width="120" height="60" as="geometry"/></mxCell>
        <mxCell id="bill" value="Billing" style="rounded=0;whiteSpace=wrap;html=1;" vertex="1" parent="1"><mxGeometry x="240" y="40" width="120" height="60" as="geometry"/></mxCell>
        <mxCell id="far" value="Order archive" style="rounded=0;whiteSpace=wrap;" vertex="1" parent="1"><mxGeometry x="2600" y="1900" width="120" height="60" as="geometry"/></mxCell>
        </root></mxGraphModel></diagram>
        <diagram id="p2" name="Second"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>
        <UserObject id="gw" label="%name% gateway" placeholders="1" name="Order"><mxCell style="rounded=0;whiteSpace=wrap;html=1;" vertex="1" parent="1"><mxGeometry x="40" y="40" width="120" height="60" as="geometry"/></mxCell></UserObject>
        <mxCell id="hid" value="Hidden" parent="0" visible="0"/>
        <mxCell id="queue" value="order queue" style="rounded=0;whiteSpace=wrap;" vertex="1" parent="hid"><mxGeometry x="240" y="40" width="120" height="60" as="geometry"/></mxCell>
        </root></mxGraphModel></diagram></mxfile>
        """;

    [Fact]
    public async Task Find_CtrlF_GoesThroughTheLabelsOfEveryPage_SwitchingSelectingAndScrollingToEachMatch()
    {
        await using var session = await system.OpenAsync(nameof(Find_CtrlF_GoesThroughTheLabelsOfEveryPage_SwitchingSelectingAndScrollingToEachMatch));
        var (editor, frame) = await session.InsertDiagramAsync();
        var page = session.Page;
        await LoadAsync(frame, TwoPages);
        await editor.Locator("[data-testid=zoom-actual]").ClickAsync();
        await ClickBlankCanvasAsync(page, editor);
        var start = await Scroll(frame);

        await page.Keyboard.PressAsync("Control+F");
        var input = editor.Locator("[data-testid=find-input]");
        await input.WaitForAsync();
        (await input.EvaluateAsync<bool>("i => i === document.activeElement")).ShouldBeTrue("Ctrl+F puts the focus in the find field");
        var count = editor.Locator("[data-testid=find-count]");
        await input.FillAsync("order service");
        (await count.TextContentAsync()).ShouldBe("1 found", "an HTML label's text, across its tags");
        await input.FillAsync("ORDER");
        (await count.TextContentAsync()).ShouldBe("4 found", "case-insensitive, every page, the placeholder filled in, the hidden layer too");

        await input.PressAsync("Enter");
        await Expect(count, "1 of 4");
        (await SelectedLabel(frame)).ShouldBe("html");
        await input.PressAsync("Enter");
        await Expect(count, "2 of 4");
        (await SelectedLabel(frame)).ShouldBe("far");
        var scroll = await Scroll(frame);
        (scroll.Left > start.Left + 1000 && scroll.Top > start.Top + 1000).ShouldBeTrue($"scrolled to the far shape: {start} -> {scroll}");
        await ShouldBeOnScreenAsync(editor, "Order archive");

        await input.PressAsync("Enter");
        await Expect(count, "3 of 4");
        (await editor.Locator("[data-testid=page-tab-1]").GetAttributeAsync("class"))!.ShouldContain("de-tab-active", customMessage: "the match on page 2 switches the page");
        (await SelectedLabel(frame)).ShouldBe("gw");
        await input.PressAsync("Enter");
        await Expect(count, "4 of 4");
        (await SelectedLabel(frame)).ShouldBe("queue");
        await editor.Locator("[data-testid=status]:has-text('hidden layer Hidden')").WaitForAsync();
        await ShouldBeOnScreenAsync(editor, "order queue");
        Cell(await XmlAsync(frame), "hid").Attribute("visible").ShouldBeNull("the hidden layer is shown to reach its shape");

        await input.PressAsync("Enter");
        await Expect(count, "1 of 4");
        (await editor.Locator("[data-testid=page-tab-0]").GetAttributeAsync("class"))!.ShouldContain("de-tab-active", customMessage: "after the last match: the first, on page 1");
        await input.PressAsync("Shift+Enter");
        await Expect(count, "4 of 4");
        (await SelectedLabel(frame)).ShouldBe("queue");
        await editor.Locator("[data-testid=find-prev]").ClickAsync();
        await Expect(count, "3 of 4");

        await input.FillAsync("nothing like it");
        (await count.TextContentAsync()).ShouldBe("No match");
        await input.PressAsync("Escape");
        (await editor.Locator("[data-testid=find-bar]").CountAsync()).ShouldBe(0, "Escape closes Find");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task CtrlWheel_ZoomsAtThePointer_AndAPinchZoomsToo()
    {
        await using var session = await system.OpenAsync(nameof(CtrlWheel_ZoomsAtThePointer_AndAPinchZoomsToo));
        var (editor, frame) = await session.InsertDiagramAsync();
        var page = session.Page;
        await LoadAsync(frame, Diagram(Alpha));
        var before = await LabelBoxAsync(editor, "Alpha");
        var (x, y) = (before.X + before.Width + 40, before.Y + before.Height + 30); // blank canvas, right of and below the label
        await page.Mouse.MoveAsync(x, y);
        await page.Keyboard.DownAsync("Control");
        await page.Mouse.WheelAsync(0, -100);
        await page.Keyboard.UpAsync("Control");
        await Expect(editor.Locator("[data-testid=zoom-level]"), "120%");
        var after = await LabelBoxAsync(editor, "Alpha");
        // The point under the pointer stays put: the label's centre moves away from it by the zoom factor.
        var (cx, cy) = (before.X + (before.Width / 2), before.Y + (before.Height / 2));
        ((double)after.X + (after.Width / 2)).ShouldBe(x + ((cx - x) * 1.2), 3);
        ((double)after.Y + (after.Height / 2)).ShouldBe(y + ((cy - y) * 1.2), 3);
        (await page.EvaluateAsync<double>("() => window.visualViewport.scale")).ShouldBe(1, "the page itself is not zoomed");

        // A trackpad pinch: wheel events with ctrlKey and small deltas.
        await editor.Locator("[data-testid=canvas]").EvaluateAsync("""
            (c, at) => { for (let i = 0; i < 10; i++) c.dispatchEvent(new WheelEvent('wheel', { deltaY: 10, ctrlKey: true, clientX: at[0], clientY: at[1], bubbles: true, cancelable: true })); }
            """, PinchPoint);
        var level = int.Parse((await editor.Locator("[data-testid=zoom-level]").TextContentAsync())!.TrimEnd('%'), CultureInfo.InvariantCulture);
        Math.Abs(level - 100).ShouldBeLessThanOrEqualTo(1, $"ten pinch steps of 10 px zoom out as one notch: {level}%");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task SpaceDrag_AndMiddleDrag_PanTheCanvas_WithoutSelectingOrMovingShapes()
    {
        await using var session = await system.OpenAsync(nameof(SpaceDrag_AndMiddleDrag_PanTheCanvas_WithoutSelectingOrMovingShapes));
        var (editor, frame) = await session.InsertDiagramAsync();
        var page = session.Page;
        await LoadAsync(frame, Diagram(Alpha));
        await ClickBlankCanvasAsync(page, editor);
        var xml = await XmlAsync(frame);
        var start = await LabelBoxAsync(editor, "Alpha");
        var (x, y) = (start.X + (start.Width / 2) - 25, start.Y + (start.Height / 2) - 12); // on the shape, off its connect icon

        await page.Keyboard.DownAsync(" ");
        await DragAsync(page, x, y, x + 150, y + 90);
        await page.Keyboard.UpAsync(" ");
        var panned = await LabelBoxAsync(editor, "Alpha");
        ((double)panned.X - start.X).ShouldBe(150, 1, "the view's translate moved by the drag");
        ((double)panned.Y - start.Y).ShouldBe(90, 1);
        (await XmlAsync(frame)).ShouldBe(xml, "the shape did not move");
        (await SelectionCount(frame)).ShouldBe(0, "nothing selected");

        await page.Mouse.MoveAsync(panned.X + 10, panned.Y + 10);
        await page.Mouse.DownAsync(new() { Button = MouseButton.Middle });
        await page.Mouse.MoveAsync(panned.X + 10 + 60, panned.Y + 10 + 40, new() { Steps = 8 });
        await page.Mouse.UpAsync(new() { Button = MouseButton.Middle });
        var middle = await LabelBoxAsync(editor, "Alpha");
        ((double)middle.X - panned.X).ShouldBe(60, 1, "the middle button pans too");
        ((double)middle.Y - panned.Y).ShouldBe(40, 1);
        (await XmlAsync(frame)).ShouldBe(xml);
        (await SelectionCount(frame)).ShouldBe(0);

        // Without Space the same drag moves the shape (the pan is not simply always on).
        await DragAsync(page, middle.X + (middle.Width / 2) - 25, middle.Y + (middle.Height / 2) - 12, middle.X + (middle.Width / 2) + 15, middle.Y + (middle.Height / 2) - 12);
        await WaitForAsync(frame, "e => e.getXml().includes('x=\"140\"')");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task Outline_ShowsTheWholePageWithTheViewport_AndDraggingInItPansTheCanvas()
    {
        await using var session = await system.OpenAsync(nameof(Outline_ShowsTheWholePageWithTheViewport_AndDraggingInItPansTheCanvas));
        var (editor, frame) = await session.InsertDiagramAsync();
        var page = session.Page;
        await LoadAsync(frame, await File.ReadAllTextAsync(Fixtures.Path("data-flow.drawio")));
        await editor.Locator("[data-testid=zoom-actual]").ClickAsync();
        await editor.Locator("[data-testid=zoom-in]").ClickAsync();
        await editor.Locator("[data-testid=outline]").ClickAsync();
        var outline = editor.Locator("[data-testid=outline-view]");
        await outline.Locator("svg").WaitForAsync();
        var shapes = await outline.Locator("svg :is(rect, path, ellipse)").CountAsync();
        shapes.ShouldBeGreaterThan(10, "the page's shapes, small");
        var viewport = outline.Locator("svg [stroke='#0099ff' i]").First;
        var box = (await viewport.BoundingBoxAsync()).ShouldNotBeNull("the viewport rectangle");
        var area = (await outline.BoundingBoxAsync())!;
        (box.Width < area.Width || box.Height < area.Height).ShouldBeTrue("zoomed in: the viewport is a part of the page");
        await session.ScreenshotAsync("outline");

        var before = await Scroll(frame);
        var label = await LabelBoxAsync(editor, "External User", first: true);
        await DragAsync(page, box.X + (box.Width / 2), box.Y + (box.Height / 2), box.X + (box.Width / 2) + 20, box.Y + (box.Height / 2) + 15);
        var after = await Scroll(frame);
        var moved = await LabelBoxAsync(editor, "External User", first: true);
        (moved.X < label.X && moved.Y < label.Y).ShouldBeTrue($"the drawing moved left and up as the viewport moved right and down: {label.X},{label.Y} -> {moved.X},{moved.Y} (scroll {before} -> {after})");
        var newBox = (await viewport.BoundingBoxAsync())!;
        ((double)newBox.X - box.X).ShouldBe(20, 3, "the viewport rectangle follows");

        await editor.Locator("[data-testid=outline]").ClickAsync();
        (await editor.Locator("[data-testid=outline-view]").CountAsync()).ShouldBe(0, "the button toggles the outline off");
        session.ShouldHaveNoConsoleErrors();
    }

    private static async Task Expect(ILocator locator, string text) =>
        await Assertions.Expect(locator).ToHaveTextAsync(text, new() { Timeout = 10_000 });

    private static async Task<(double Left, double Top)> Scroll(IFrame frame) =>
        (await frame.EvaluateAsync<double[]>("() => { const c = document.querySelector('[data-testid=canvas]'); return [c.scrollLeft, c.scrollTop]; }")) is [var l, var t] ? (l, t) : default;

    /// <summary>The id of the one selected cell (null when not exactly one is selected).</summary>
    private static Task<string?> SelectedLabel(IFrame frame) => frame.EvaluateAsync<string?>("() => window.diagramEditor.selectedIds().length === 1 ? window.diagramEditor.selectedIds()[0] : null");

    private static Task<int> SelectionCount(IFrame frame) => frame.EvaluateAsync<int>("() => window.diagramEditor.selectedIds().length");

    private static async Task<LocatorBoundingBoxResult> LabelBoxAsync(IFrameLocator editor, string label, bool first = false)
    {
        var text = editor.Locator("[data-testid=canvas]").GetByText(label, new() { Exact = true });
        return (await (first ? text.First : text).BoundingBoxAsync())!;
    }

    private static async Task ShouldBeOnScreenAsync(IFrameLocator editor, string label)
    {
        var box = await LabelBoxAsync(editor, label);
        var canvas = (await editor.Locator("[data-testid=canvas]").BoundingBoxAsync())!;
        (box.X >= canvas.X && box.Y >= canvas.Y && box.X + box.Width <= canvas.X + canvas.Width && box.Y + box.Height <= canvas.Y + canvas.Height)
            .ShouldBeTrue($"{label} at {box.X},{box.Y} inside the canvas {canvas.X},{canvas.Y} {canvas.Width}x{canvas.Height}");
    }
}
