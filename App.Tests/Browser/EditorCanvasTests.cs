using Diagrams.App.Tests.Converter;
using Microsoft.Playwright;
using Shouldly;
using Xunit;
using static Diagrams.App.Tests.Browser.EditorSteps;

namespace Diagrams.App.Tests.Browser;

/// <summary>
/// The canvas as a daily draw.io user works it, in Debian Chromium inside HostSim's sandbox: Fit shows a whole page
/// (negative coordinates included) and scrolling reaches all of it, Ctrl+X cuts, a shape is inserted and labelled with
/// the keyboard alone (Escape, Tab and Ctrl+Enter keep the label, as in draw.io), and a double-click on a connector's
/// middle edits its label.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class EditorCanvasTests(BrowserSystem system)
{
    /// <summary>The canvas' visible box and scroll range, and the box of everything drawn (shapes and HTML labels), in the frame's pixels.</summary>
    private const string Extent = $$"""
        () => {
          const canvas = document.querySelector('[data-testid=canvas]');
          const c = canvas.getBoundingClientRect();
          // A foreignObject spans the whole SVG: an HTML label's own box is its inner div's.
          const boxes = [...document.querySelectorAll('{{DrawPane}} :is(path, rect, ellipse, image, text, foreignObject div div)')]
            .filter((e) => !e.closest('foreignObject') || e.tagName === 'DIV')
            .map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
          const drawn = { left: Math.min(...boxes.map((r) => r.left)), top: Math.min(...boxes.map((r) => r.top)),
            right: Math.max(...boxes.map((r) => r.right)), bottom: Math.max(...boxes.map((r) => r.bottom)) };
          return JSON.stringify({ left: c.left, top: c.top, width: canvas.clientWidth, height: canvas.clientHeight,
            scrollLeft: canvas.scrollLeft, scrollTop: canvas.scrollTop, scrollWidth: canvas.scrollWidth, scrollHeight: canvas.scrollHeight, drawn });
        }
        """;

    [Fact]
    public async Task Fit_OnPage2OfTheDataFlowFixture_ShowsTheWholeDrawing_AndScrollingReachesAllOfItZoomedIn()
    {
        await using var session = await system.OpenAsync(nameof(Fit_OnPage2OfTheDataFlowFixture_ShowsTheWholeDrawing_AndScrollingReachesAllOfItZoomedIn));
        var (editor, frame) = await session.InsertDiagramAsync();
        await LoadAsync(frame, await File.ReadAllTextAsync(Fixtures.Path("data-flow.drawio")));
        await editor.Locator("[data-testid=page-tab-1]").ClickAsync();
        await editor.Locator("[data-testid=zoom-fit]").ClickAsync();
        await session.ScreenshotAsync("fitted");

        var fitted = await ExtentAsync(frame);
        fitted.Drawn.Left.ShouldBeGreaterThanOrEqualTo(fitted.Left - 1, "the drawing's left part (negative x) is on the canvas");
        fitted.Drawn.Top.ShouldBeGreaterThanOrEqualTo(fitted.Top - 1);
        fitted.Drawn.Right.ShouldBeLessThanOrEqualTo(fitted.Left + fitted.Width + 1);
        fitted.Drawn.Bottom.ShouldBeLessThanOrEqualTo(fitted.Top + fitted.Height + 1);

        for (var i = 0; i < 4; i++)
        {
            await editor.Locator("[data-testid=zoom-in]").ClickAsync();
        }

        var zoomed = await ExtentAsync(frame);
        (zoomed.Drawn.Right - zoomed.Drawn.Left).ShouldBeGreaterThan(zoomed.Width, "zoomed in, the drawing is wider than the canvas");
        (zoomed.Drawn.Left - zoomed.Left + zoomed.ScrollLeft).ShouldBeGreaterThanOrEqualTo(-1, "scrolled fully left, the drawing's left edge shows");
        (zoomed.Drawn.Top - zoomed.Top + zoomed.ScrollTop).ShouldBeGreaterThanOrEqualTo(-1, "scrolled fully up, the drawing's top edge shows");
        (zoomed.Drawn.Right - zoomed.Left + zoomed.ScrollLeft).ShouldBeLessThanOrEqualTo(zoomed.ScrollWidth + 1, "scrolled fully right, its right edge shows");
        (zoomed.Drawn.Bottom - zoomed.Top + zoomed.ScrollTop).ShouldBeLessThanOrEqualTo(zoomed.ScrollHeight + 1, "scrolled fully down, its bottom edge shows");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task CtrlX_RemovesTheSelectedShape_AndCtrlVPastesItBackInPlace()
    {
        await using var session = await system.OpenAsync(nameof(CtrlX_RemovesTheSelectedShape_AndCtrlVPastesItBackInPlace));
        var (editor, frame) = await session.InsertDiagramAsync();
        await editor.Locator("[data-testid=palette-rectangle]").ClickAsync(); // the new shape is selected
        var before = Vertices(await XmlAsync(frame)).Single().Element("mxGeometry")!.ToString();

        await session.Page.Keyboard.PressAsync("Control+X");
        await WaitForAsync(frame, "e => e.cellCount() === 0");
        await session.Page.Keyboard.PressAsync("Control+V");
        await WaitForAsync(frame, "e => e.cellCount() === 1");
        Vertices(await XmlAsync(frame)).Single().Element("mxGeometry")!.ToString().ShouldBe(before, "a cut shape is pasted back where it was");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task KeyboardOnly_EnterInsertsFromThePalette_F2EditsTheLabel_AndEscapeTabOrCtrlEnterKeepTheText()
    {
        await using var session = await system.OpenAsync(nameof(KeyboardOnly_EnterInsertsFromThePalette_F2EditsTheLabel_AndEscapeTabOrCtrlEnterKeepTheText));
        var (editor, frame) = await session.InsertDiagramAsync();
        var keyboard = session.Page.Keyboard;
        await editor.Locator("[data-testid=palette-rectangle]").FocusAsync();
        await keyboard.PressAsync("Enter");
        await WaitForAsync(frame, "e => e.cellCount() === 1");

        foreach (var (finish, text) in new[] { ("Escape", "Typed from the keyboard"), ("Tab", "Tabbed out"), ("Control+Enter", "Applied with Ctrl+Enter") })
        {
            await keyboard.PressAsync("F2");
            await editor.Locator("[data-testid=canvas] [contenteditable=true]:focus").WaitForAsync(new() { Timeout = 5_000 });
            await keyboard.PressAsync("Control+A");
            await keyboard.TypeAsync(text);
            await keyboard.PressAsync(finish);
            await session.ScreenshotAsync(finish);
            (await editor.Locator("[data-testid=canvas] [contenteditable=true]").CountAsync()).ShouldBe(0, $"{finish} ends the label editing");
            ((string?)Vertices(await XmlAsync(frame)).Single().Attribute("value")).ShouldBe(text, $"{finish} keeps the typed label, as in draw.io");
        }

        (await editor.Locator("[data-testid=style-panel] :focus").CountAsync()).ShouldBe(0, "Tab did not move the focus into the style panel");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task DoubleClick_OnTheMiddleOfAConnector_EditsItsLabel_AndAddsNoWaypoint()
    {
        await using var session = await system.OpenAsync(nameof(DoubleClick_OnTheMiddleOfAConnector_EditsItsLabel_AndAddsNoWaypoint));
        var (editor, frame) = await session.InsertDiagramAsync();
        var page = session.Page;
        await LoadAsync(frame, Diagram("""
            <mxCell id="a" value="From" style="rounded=0;whiteSpace=wrap;html=1;" vertex="1" parent="1"><mxGeometry x="60" y="200" width="120" height="60" as="geometry"/></mxCell>
            <mxCell id="b" value="To" style="rounded=0;whiteSpace=wrap;html=1;" vertex="1" parent="1"><mxGeometry x="420" y="200" width="120" height="60" as="geometry"/></mxCell>
            <mxCell id="e" value="" style="edgeStyle=orthogonalEdgeStyle;rounded=0;html=1;" edge="1" parent="1" source="a" target="b"><mxGeometry relative="1" as="geometry"/></mxCell>
            """));
        var boxes = (await Task.WhenAll((await editor.Locator(Shapes).AllAsync()).Select(s => s.BoundingBoxAsync()))).OfType<LocatorBoundingBoxResult>().OrderBy(b => b.X).ToList();
        var (a, b) = (boxes[0], boxes[1]);
        var (midX, midY) = ((a.X + a.Width + b.X) / 2, a.Y + (a.Height / 2));

        await page.Mouse.DblClickAsync(midX, midY);
        await WaitForAsync(frame, "() => document.querySelector('[data-testid=canvas] [contenteditable=true]') !== null", 5_000);
        await page.Keyboard.TypeAsync("Sends orders");
        await ClickBlankCanvasAsync(page, editor);

        await WaitForAsync(frame, "e => e.getXml().includes('Sends orders')");
        var edge = Cell(await XmlAsync(frame), "e");
        ((string?)edge.Attribute("value")).ShouldBe("Sends orders");
        edge.Descendants("Array").ShouldBeEmpty("the double-click edited the label; it did not drag a waypoint");
        session.ShouldHaveNoConsoleErrors();
    }

    private static Task<CanvasExtent> ExtentAsync(IFrame frame) => JsonAsync<CanvasExtent>(frame, Extent);

    private sealed record Box(double Left, double Top, double Right, double Bottom);

    private sealed record CanvasExtent(double Left, double Top, double Width, double Height, double ScrollLeft, double ScrollTop, double ScrollWidth, double ScrollHeight, Box Drawn);
}
