using System.Globalization;
using System.Xml.Linq;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Browser;

/// <summary>
/// The macro editor's context menu and Arrange menu in Debian Chromium inside HostSim's sandbox: right-click on a shape
/// offers the selection's actions and each does what it says; align, distribute and same size move and resize the
/// selection as draw.io does; to front/back with draw.io's Ctrl+Shift+F/B; lock/unlock (Ctrl+L) with draw.io's style
/// keys, a locked shape (also draw.io's locked=1) neither moving, nor deleted, nor relabelled until unlocked.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class EditorArrangeTests(BrowserSystem system)
{
    private const string Alpha = """<mxCell id="a" value="Alpha" style="rounded=0;whiteSpace=wrap;html=1;" vertex="1" parent="1"><mxGeometry x="100" y="100" width="120" height="60" as="geometry"/></mxCell>""";
    private const string Beta = """<mxCell id="b" value="Beta" style="rounded=0;whiteSpace=wrap;html=1;" vertex="1" parent="1"><mxGeometry x="360" y="160" width="80" height="40" as="geometry"/></mxCell>""";
    private const string Gamma = """<mxCell id="c" value="Gamma" style="rounded=0;whiteSpace=wrap;html=1;" vertex="1" parent="1"><mxGeometry x="620" y="440" width="100" height="80" as="geometry"/></mxCell>""";

    [Fact]
    public async Task ContextMenu_OnAShape_OffersTheSelectionsActions_AndEachDoesWhatItSays()
    {
        await using var session = await system.OpenAsync(nameof(ContextMenu_OnAShape_OffersTheSelectionsActions_AndEachDoesWhatItSays));
        var (editor, frame) = await session.InsertDiagramAsync();
        var page = session.Page;
        await LoadAsync(frame, Diagram(Alpha + Beta + Gamma));

        await RightClickAsync(page, editor, "Alpha");
        var menu = editor.Locator("[data-testid=context-menu]");
        var items = await menu.Locator("[role=menuitem]").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.testid)");
        items.ShouldBe(["menu-cut", "menu-copy", "menu-paste", "menu-duplicate", "menu-delete", "menu-edit-label", "menu-edit-style",
            "menu-edit-link", "menu-edit-tooltip", "menu-edit-data", "menu-to-front", "menu-to-back", "menu-group", "menu-ungroup", "menu-lock"], "one shape: no align, distribute or same size");
        (await menu.Locator("[data-testid=menu-paste]").IsDisabledAsync()).ShouldBeTrue("nothing copied yet");
        (await menu.Locator("[data-testid=menu-group]").IsDisabledAsync()).ShouldBeTrue();
        await session.ScreenshotAsync("context-menu");
        await menu.Locator("[data-testid=menu-duplicate]").ClickAsync();
        await WaitForAsync(frame, "e => e.cellCount() === 4");
        (await menu.CountAsync()).ShouldBe(0, "a choice closes the menu");

        await RightClickAsync(page, editor, "Beta");
        await menu.Locator("[data-testid=menu-copy]").ClickAsync();
        await RightClickBlankAsync(page, editor);
        (await menu.Locator("[role=menuitem]").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.testid)")).ShouldBe(["menu-paste", "menu-select-all"]);
        await menu.Locator("[data-testid=menu-paste]").ClickAsync();
        await WaitForAsync(frame, "e => (e.getXml().match(/value=\"Beta\"/g) || []).length === 2");

        await RightClickAsync(page, editor, "Gamma");
        await menu.Locator("[data-testid=menu-delete]").ClickAsync();
        await WaitForAsync(frame, "e => !e.getXml().includes('Gamma')");

        await RightClickAsync(page, editor, "Beta", first: true);
        await menu.Locator("[data-testid=menu-to-back]").ClickAsync();
        (await OrderAsync(frame))[0].ShouldBe("b", "to back: first in the model, drawn below the others");
        await page.Keyboard.PressAsync("Control+Shift+F");
        await WaitForOrderAsync(frame, "ids => ids.at(-1) === 'b'");
        (await OrderAsync(frame))[^1].ShouldBe("b", "Ctrl+Shift+F: to front");
        await page.Keyboard.PressAsync("Control+Shift+B");
        await WaitForOrderAsync(frame, "ids => ids[0] === 'b'");
        (await OrderAsync(frame))[0].ShouldBe("b", "Ctrl+Shift+B: to back");

        await RightClickAsync(page, editor, "Alpha", first: true);
        await menu.Locator("[data-testid=menu-edit-style]").ClickAsync();
        await editor.Locator("[data-testid=edit-style-text]").FillAsync("ellipse;fillColor=#ff8800;\nfontSize=18;");
        await editor.Locator("[data-testid=edit-style-apply]").ClickAsync();
        Vertices(await XmlAsync(frame)).Where(c => (string?)c.Attribute("style") == "ellipse;fillColor=#ff8800;fontSize=18;")
            .Select(c => (string?)c.Attribute("value")).ShouldBe(["Alpha"], "the right-clicked shape (the duplicate, drawn above) has the style typed");
        await page.Keyboard.PressAsync("Control+E");
        (await editor.Locator("[data-testid=edit-style-text]").InputValueAsync()).ShouldBe("ellipse;\nfillColor=#ff8800;\nfontSize=18;");
        await editor.Locator("[data-testid=edit-style-cancel]").ClickAsync();

        await RightClickAsync(page, editor, "Alpha", first: true);
        await menu.Locator("[data-testid=menu-edit-label]").ClickAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("Renamed");
        await ClickBlankAsync(page, editor);
        await WaitForAsync(frame, "e => e.getXml().includes('value=\"Renamed\"')");

        await page.Keyboard.PressAsync("Control+A");
        await RightClickAsync(page, editor, "Renamed");
        (await menu.Locator("[data-testid=menu-align-left]").CountAsync()).ShouldBe(1, "several shapes: the arrange entries join the menu");
        await menu.Locator("[data-testid=menu-group]").ClickAsync();
        await WaitForAsync(frame, "e => e.getXml().includes('style=\"group;')");
        await RightClickAsync(page, editor, "Renamed");
        await menu.Locator("[data-testid=menu-ungroup]").ClickAsync();
        await WaitForAsync(frame, "e => !e.getXml().includes('style=\"group;')");
        await RightClickAsync(page, editor, "Renamed");
        await page.Keyboard.PressAsync("Escape");
        (await menu.CountAsync()).ShouldBe(0, "Escape closes the menu");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task Arrange_AlignDistributeAndSameSize_MoveAndResizeTheSelectionAsDrawioDoes()
    {
        await using var session = await system.OpenAsync(nameof(Arrange_AlignDistributeAndSameSize_MoveAndResizeTheSelectionAsDrawioDoes));
        var (editor, frame) = await session.InsertDiagramAsync();
        var page = session.Page;
        var expected = new (string Entry, Func<Box, bool> Check)[]
        {
            ("align-left", b => b.X == 100),
            ("align-right", b => b.X + b.Width == 720),
            ("align-center", b => b.X + (b.Width / 2) == 160), // on the first shape's centre, as draw.io
            ("align-top", b => b.Y == 100),
            ("align-bottom", b => b.Y + b.Height == 520),
            ("align-middle", b => b.Y + (b.Height / 2) == 130),
        };
        foreach (var (entry, check) in expected)
        {
            await LoadAsync(frame, Diagram(Alpha + Beta + Gamma));
            await ArrangeAsync(page, editor, entry);
            var boxes = Boxes(await XmlAsync(frame));
            boxes.Values.ShouldAllBe(b => check(b), $"{entry}: {string.Join(", ", boxes.Values)}");
        }

        await LoadAsync(frame, Diagram(Alpha + Beta + Gamma));
        await ArrangeAsync(page, editor, "distribute-horizontal");
        var spread = Boxes(await XmlAsync(frame));
        (spread["a"].X, spread["c"].X).ShouldBe((100, 620), "the outer shapes stay");
        spread["b"].X.ShouldBe(Math.Round(((160 + 670) / 2.0) - 40), "the middle one's centre halfway between theirs");
        spread["b"].Y.ShouldBe(160);
        await ArrangeAsync(page, editor, "distribute-vertical");
        Boxes(await XmlAsync(frame))["b"].Y.ShouldBe(Math.Round(((130 + 480) / 2.0) - 20));
        await session.ScreenshotAsync("distributed");

        foreach (var (entry, width, height) in new[] { ("same-width", true, false), ("same-height", false, true), ("same-size", true, true) })
        {
            await LoadAsync(frame, Diagram(Alpha + Beta + Gamma));
            await ArrangeAsync(page, editor, entry);
            var sized = Boxes(await XmlAsync(frame));
            sized["a"].ShouldBe(new Box(100, 100, 120, 60), "the first selected shape is the model");
            sized["b"].ShouldBe(new Box(360, 160, width ? 120 : 80, height ? 60 : 40), entry);
            sized["c"].ShouldBe(new Box(620, 440, width ? 120 : 100, height ? 60 : 80), entry);
        }

        await page.Keyboard.PressAsync("Control+Z");
        Boxes(await XmlAsync(frame))["c"].ShouldBe(new Box(620, 440, 100, 80), "one undo step");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task Lock_CtrlL_WritesDrawiosStyleKeys_AndALockedShapeIsNotMovedDeletedOrRelabelled_UntilUnlocked()
    {
        await using var session = await system.OpenAsync(nameof(Lock_CtrlL_WritesDrawiosStyleKeys_AndALockedShapeIsNotMovedDeletedOrRelabelled_UntilUnlocked));
        var (editor, frame) = await session.InsertDiagramAsync();
        var page = session.Page;
        var lockedByDrawio = Gamma.Replace("html=1;", "html=1;locked=1;", StringComparison.Ordinal);
        await LoadAsync(frame, Diagram(Alpha + lockedByDrawio));

        await ClickLabelAsync(page, editor, "Alpha");
        await page.Keyboard.PressAsync("Control+L");
        await WaitForAsync(frame, "e => e.getXml().includes('movable=0')");
        StyleOf(await XmlAsync(frame), "a").ShouldBe("rounded=0;whiteSpace=wrap;html=1;movable=0;resizable=0;rotatable=0;deletable=0;editable=0;connectable=0;");
        var locked = await XmlAsync(frame);
        await DragShapeAsync(page, editor, "Alpha", 80, 60);
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("Delete");
        await page.Keyboard.PressAsync("F2");
        await page.Keyboard.TypeAsync("Changed");
        await ClickBlankAsync(page, editor);
        (await XmlAsync(frame)).ShouldBe(locked, "not moved, nudged, deleted or relabelled");
        await session.ScreenshotAsync("locked");

        await RightClickAsync(page, editor, "Alpha");
        await editor.Locator("[data-testid=context-menu] [data-testid=menu-lock]:has-text('Unlock')").ClickAsync();
        StyleOf(await XmlAsync(frame), "a").ShouldBe("rounded=0;whiteSpace=wrap;html=1;");
        await DragShapeAsync(page, editor, "Alpha", 80, 60);
        await WaitForAsync(frame, "e => e.getXml().includes('x=\"180\"')");

        // draw.io's locked=1 (a locked cell or layer): not moved or deleted, and a rubber band leaves it out.
        await DragShapeAsync(page, editor, "Gamma", -100, -100);
        await page.Keyboard.PressAsync("Delete");
        Boxes(await XmlAsync(frame))["c"].ShouldBe(new Box(620, 440, 100, 80));
        var canvas = (await editor.Locator("[data-testid=canvas]").BoundingBoxAsync())!;
        await DragAsync(page, canvas.X + canvas.Width - 10, canvas.Y + canvas.Height - 10, canvas.X + 10, canvas.Y + 10);
        await page.Keyboard.PressAsync("Delete");
        await WaitForAsync(frame, "e => !e.getXml().includes('Alpha')");
        (await XmlAsync(frame)).ShouldContain("locked=1;", customMessage: "the rubber band selected the unlocked shape only, and locked=1 round-trips");
        session.ShouldHaveNoConsoleErrors();
    }

    private readonly record struct Box(double X, double Y, double Width, double Height);

    private static async Task ArrangeAsync(IPage page, IFrameLocator editor, string entry)
    {
        await ClickBlankAsync(page, editor);
        await page.Keyboard.PressAsync("Control+A"); // model order: Alpha first
        await editor.Locator("[data-testid=arrange]").ClickAsync();
        await editor.Locator($"[data-testid=arrange-menu] [data-testid=menu-{entry}]").ClickAsync();
    }

    private static async Task<LocatorBoundingBoxResult> LabelAsync(IFrameLocator editor, string label, bool first = false)
    {
        var text = editor.Locator("[data-testid=canvas]").GetByText(label, new() { Exact = true });
        return (await (first ? text.First : text).BoundingBoxAsync())!;
    }

    private static async Task ClickLabelAsync(IPage page, IFrameLocator editor, string label)
    {
        var box = await LabelAsync(editor, label);
        await page.Mouse.ClickAsync(box.X + (box.Width / 2) - 25, box.Y + (box.Height / 2) - 12);
    }

    private static async Task RightClickAsync(IPage page, IFrameLocator editor, string label, bool first = false)
    {
        var box = await LabelAsync(editor, label, first);
        await page.Mouse.ClickAsync(box.X + (box.Width / 2) - 25, box.Y + (box.Height / 2) - 12, new() { Button = MouseButton.Right }); // off the connect icon
        await editor.Locator("[data-testid=context-menu]").WaitForAsync();
    }

    private static async Task RightClickBlankAsync(IPage page, IFrameLocator editor)
    {
        var canvas = (await editor.Locator("[data-testid=canvas]").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(canvas.X + canvas.Width - 30, canvas.Y + 30, new() { Button = MouseButton.Right });
        await editor.Locator("[data-testid=context-menu]").WaitForAsync();
    }

    private static async Task ClickBlankAsync(IPage page, IFrameLocator editor)
    {
        var canvas = (await editor.Locator("[data-testid=canvas]").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(canvas.X + canvas.Width - 30, canvas.Y + 30);
    }

    /// <summary>Drags the shape by a point off its label's centre (a hovered shape's centre holds the connect icon).</summary>
    private static async Task DragShapeAsync(IPage page, IFrameLocator editor, string label, float dx, float dy)
    {
        var box = await LabelAsync(editor, label);
        var (x, y) = (box.X + (box.Width / 2) - 25, box.Y + (box.Height / 2) - 12);
        await page.Mouse.MoveAsync(x, y, new() { Steps = 2 });
        await DragAsync(page, x, y, x + dx, y + dy);
    }

    private static async Task DragAsync(IPage page, float fromX, float fromY, float toX, float toY)
    {
        await page.Mouse.MoveAsync(fromX, fromY, new() { Steps = 2 });
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(toX, toY, new() { Steps = 12 });
        await page.Mouse.UpAsync();
    }

    private static Task<string> XmlAsync(IFrame frame) => frame.EvaluateAsync<string>("() => window.diagramEditor.getXml()");

    private static async Task LoadAsync(IFrame frame, string xml) => await frame.EvaluateAsync("xml => window.diagramEditor.load(xml)", xml);

    private static async Task WaitForAsync(IFrame frame, string predicate) =>
        await frame.WaitForFunctionAsync($"() => ({predicate})(window.diagramEditor)", null, new() { Timeout = 10_000 });

    private static string Diagram(string cells) =>
        $"""<mxfile><diagram id="p1" name="Page-1"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>{cells}</root></mxGraphModel></diagram></mxfile>""";

    private static List<XElement> Vertices(string xml) => XDocument.Parse(xml).Descendants("mxCell").Where(c => c.Attribute("vertex")?.Value == "1").ToList();

    /// <summary>The ids of the drawn cells in model order (drawing order: the last is in front).</summary>
    /// <summary>
    /// Waits until the vertex ids in model order satisfy `predicate`: the keyboard's arrange actions run once their chunk
    /// has loaded, a moment after the key (the full suite read the order before Ctrl+Shift+B had run).
    /// </summary>
    private static Task WaitForOrderAsync(IFrame frame, string predicate) =>
        WaitForAsync(frame, $"e => ({predicate})([...new DOMParser().parseFromString(e.getXml(), 'text/xml').querySelectorAll('mxCell[vertex=\"1\"]')].map((c) => c.getAttribute('id')))");

    private static async Task<List<string>> OrderAsync(IFrame frame) => Vertices(await XmlAsync(frame)).Select(c => (string)c.Attribute("id")!).ToList();

    private static string StyleOf(string xml, string id) => (string?)Vertices(xml).Single(c => (string?)c.Attribute("id") == id).Attribute("style") ?? string.Empty;

    private static Dictionary<string, Box> Boxes(string xml) => Vertices(xml).ToDictionary(c => (string)c.Attribute("id")!, c =>
    {
        var g = c.Element("mxGeometry")!;
        double Read(string name) => double.Parse((string?)g.Attribute(name) ?? "0", CultureInfo.InvariantCulture);
        return new Box(Read("x"), Read("y"), Read("width"), Read("height"));
    }, StringComparer.Ordinal);
}
