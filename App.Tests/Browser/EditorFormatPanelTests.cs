using Microsoft.Playwright;
using Shouldly;
using Xunit;
using static Diagrams.App.Tests.Browser.EditorSteps;

namespace Diagrams.App.Tests.Browser;

/// <summary>
/// The editor's format panel and the label editor's formatting bar in Debian Chromium inside HostSim's sandbox: values set
/// in the Style, Connector and Text sections are written as draw.io's own style keys to every selected cell, a mixed
/// selection shows blank, one undo reverts one change; bold, lists and links typed into an HTML label survive the
/// sanitiser, a save and a reload, and hostile links never reach the canvas.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class EditorFormatPanelTests(BrowserSystem system)
{
    private const string Alpha = """<mxCell id="a" value="Alpha" style="rounded=0;whiteSpace=wrap;html=1;fillColor=#ff0000;" vertex="1" parent="1"><mxGeometry x="100" y="100" width="160" height="80" as="geometry"/></mxCell>""";
    private const string Beta = """<mxCell id="b" value="Beta" style="rounded=0;whiteSpace=wrap;html=1;fillColor=#00ff00;" vertex="1" parent="1"><mxGeometry x="460" y="100" width="160" height="80" as="geometry"/></mxCell>""";
    private const string Flow = """<mxCell id="e" value="Flow" style="edgeStyle=orthogonalEdgeStyle;rounded=0;html=1;" edge="1" parent="1" source="a" target="b"><mxGeometry relative="1" as="geometry"/></mxCell>""";
    private const string Plain = """<mxCell id="p" value="Plain" style="rounded=0;whiteSpace=wrap;" vertex="1" parent="1"><mxGeometry x="100" y="300" width="160" height="80" as="geometry"/></mxCell>""";

    [Fact]
    public async Task FormatPanel_TextStyleAndConnectorValues_AreWrittenAsDrawioKeys_AndInvalidEntriesAreRefused()
    {
        await using var session = await system.OpenAsync(nameof(FormatPanel_TextStyleAndConnectorValues_AreWrittenAsDrawioKeys_AndInvalidEntriesAreRefused));
        var (editor, frame) = await session.InsertDiagramAsync();
        var page = session.Page;
        await LoadAsync(frame, Diagram(Alpha + Beta + Flow));

        await ClickLabelAsync(page, editor, "Alpha");
        await editor.Locator("[data-testid=format-connector]").WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        await Select(editor, "fontFamily", "Georgia");
        await Type(editor, "fontSize", "20");
        await editor.Locator("[data-testid=style-italic]").CheckAsync();
        await editor.Locator("[data-testid=style-underline]").CheckAsync();
        await Type(editor, "fontColor", "#112233");
        await Select(editor, "labelPosition", "bottom");
        await Select(editor, "align", "right");
        await Type(editor, "spacingTop", "7");
        await Type(editor, "labelBackgroundColor", "#FFEEAA");
        await Type(editor, "labelBorderColor", "#0000FF");
        await Type(editor, "gradientColor", "#123456");
        await Select(editor, "gradientDirection", "east");
        await editor.Locator("[data-testid=style-shadow]").CheckAsync();
        await Type(editor, "opacity", "50");
        await Type(editor, "strokeColor", "#445566");
        await Type(editor, "strokeWidth", "3");
        await Type(editor, "dashPattern", "1 4");
        await Type(editor, "fillColor", "red"); // refused: colours are #rrggbb or none
        await session.ScreenshotAsync("text-and-style");

        var alpha = StyleKeys(Cell(await XmlAsync(frame), "a"));
        alpha.ShouldContain("fontFamily=Georgia");
        alpha.ShouldContain("fontSize=20");
        alpha.ShouldContain("fontStyle=6"); // italic 2 + underline 4
        alpha.ShouldContain("fontColor=#112233");
        alpha.ShouldContain("labelPosition=center");
        alpha.ShouldContain("verticalLabelPosition=bottom");
        alpha.ShouldContain("verticalAlign=top");
        alpha.ShouldContain("align=right");
        alpha.ShouldContain("spacingTop=7");
        alpha.ShouldContain("labelBackgroundColor=#ffeeaa");
        alpha.ShouldContain("labelBorderColor=#0000ff");
        alpha.ShouldContain("gradientColor=#123456");
        alpha.ShouldContain("gradientDirection=east");
        alpha.ShouldContain("shadow=1");
        alpha.ShouldContain("opacity=50");
        alpha.ShouldContain("strokeColor=#445566");
        alpha.ShouldContain("strokeWidth=3");
        alpha.ShouldContain("dashed=1");
        alpha.ShouldContain("dashPattern=1 4");
        alpha.ShouldContain("fillColor=#ff0000", "the invalid colour was refused");
        (await editor.Locator("[data-testid=style-fillColor]").InputValueAsync()).ShouldBe("#ff0000", "the panel shows the cell's value again");

        await ClickLabelAsync(page, editor, "Flow");
        await editor.Locator("[data-testid=format-connector]").WaitForAsync();
        (await editor.Locator("[data-testid=style-fillColor]").IsVisibleAsync()).ShouldBeFalse("a connector has no fill");
        (await editor.Locator("[data-testid=style-waypoints]").InputValueAsync()).ShouldBe("orthogonal");
        await Select(editor, "waypoints", "curved");
        await Select(editor, "startArrow", "ERmany");
        await Select(editor, "endArrow", "diamondThin");
        await editor.Locator("[data-testid=style-endFill]").UncheckAsync();
        await Type(editor, "endSize", "12");
        await Type(editor, "startSize", "1000"); // bounded
        await Select(editor, "jumpStyle", "arc");
        await Type(editor, "jumpSize", "10");
        var flow = StyleKeys(Cell(await XmlAsync(frame), "e"));
        flow.ShouldContain("edgeStyle=orthogonalEdgeStyle");
        flow.ShouldContain("curved=1");
        flow.ShouldContain("startArrow=ERmany");
        flow.ShouldContain("endArrow=diamondThin");
        flow.ShouldContain("endFill=0");
        flow.ShouldContain("endSize=12");
        flow.ShouldContain("startSize=100");
        flow.ShouldContain("jumpStyle=arc");
        flow.ShouldContain("jumpSize=10");

        await Select(editor, "waypoints", "straight");
        StyleKeys(Cell(await XmlAsync(frame), "e")).ShouldNotContain(k => k.StartsWith("edgeStyle=", StringComparison.Ordinal) || k.StartsWith("curved=", StringComparison.Ordinal));
        await Select(editor, "waypoints", "elbowVertical");
        flow = StyleKeys(Cell(await XmlAsync(frame), "e"));
        flow.ShouldContain("edgeStyle=elbowEdgeStyle");
        flow.ShouldContain("elbow=vertical");
        await Select(editor, "waypoints", "entityRelation");
        StyleKeys(Cell(await XmlAsync(frame), "e")).ShouldContain("edgeStyle=entityRelationEdgeStyle");

        await editor.Locator("[data-testid=format-edit-style]").ClickAsync();
        (await editor.Locator("[data-testid=edit-style-text]").InputValueAsync()).ShouldContain("edgeStyle=entityRelationEdgeStyle;");
        await editor.Locator("[data-testid=edit-style-cancel]").ClickAsync();
        await session.ScreenshotAsync("connector");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task FormattedText_TurnsAPlainLabelIntoHtml_AndBack_KeepingItsTextAndLines()
    {
        await using var session = await system.OpenAsync(nameof(FormattedText_TurnsAPlainLabelIntoHtml_AndBack_KeepingItsTextAndLines));
        var (editor, frame) = await session.InsertDiagramAsync();
        await LoadAsync(frame, Diagram("""<mxCell id="p" value="a &lt; b&#xa;second line" style="rounded=0;whiteSpace=wrap;" vertex="1" parent="1"><mxGeometry x="100" y="100" width="160" height="80" as="geometry"/></mxCell>"""));
        // A wrapping plain label is laid out as HTML text (as in draw.io): its two lines are one element.
        var label = (await editor.Locator("[data-testid=canvas] :text('second line')").First.BoundingBoxAsync())!;
        await session.Page.Mouse.ClickAsync(label.X + (label.Width / 2) - 20, label.Y + (label.Height / 2));
        var box = editor.Locator("[data-testid=style-html]");
        (await box.IsCheckedAsync()).ShouldBeFalse("a label without html=1 is plain text");

        await box.CheckAsync();
        await WaitForAsync(frame, "e => e.getXml().includes('html=1')");
        var cell = Cell(await XmlAsync(frame), "p");
        ((string?)cell.Attribute("value")).ShouldBe("a &lt; b<br>second line", "the text escaped, the line break a <br>");
        await editor.Locator("[data-testid=canvas] :text('a < b')").WaitForAsync();

        await box.UncheckAsync();
        await WaitForAsync(frame, "e => e.getXml().includes('html=0')");
        ((string?)Cell(await XmlAsync(frame), "p").Attribute("value")).ShouldBe("a < b\nsecond line", "back to the same text");
        await editor.Locator("[data-testid=undo]").ClickAsync();
        ((string?)Cell(await XmlAsync(frame), "p").Attribute("value")).ShouldBe("a &lt; b<br>second line", "one undo step for the style and the label");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task FormatPanel_MixedSelection_ShowsBlank_AChangeAppliesToAll_AndOneUndoRevertsIt()
    {
        await using var session = await system.OpenAsync(nameof(FormatPanel_MixedSelection_ShowsBlank_AChangeAppliesToAll_AndOneUndoRevertsIt));
        var (editor, frame) = await session.InsertDiagramAsync();
        var page = session.Page;
        await LoadAsync(frame, Diagram(Alpha + Beta));

        await ClickLabelAsync(page, editor, "Alpha");
        (await editor.Locator("[data-testid=style-fillColor]").InputValueAsync()).ShouldBe("#ff0000");
        await ClickLabelAsync(page, editor, "Beta", shift: true);
        await WaitForAsync(frame, "() => document.querySelector('[data-testid=style-fillColor]').value === ''");
        (await editor.Locator("[data-testid=style-fontSize]").InputValueAsync()).ShouldBe("12", "both have the same font size");
        await session.ScreenshotAsync("mixed");

        await Type(editor, "strokeWidth", "5");
        await editor.Locator("[data-testid=style-bold]").CheckAsync();
        foreach (var id in new[] { "a", "b" })
        {
            StyleKeys(Cell(await XmlAsync(frame), id)).ShouldContain("strokeWidth=5", id);
            StyleKeys(Cell(await XmlAsync(frame), id)).ShouldContain("fontStyle=1", id);
        }

        await editor.Locator("[data-testid=undo]").ClickAsync();
        foreach (var id in new[] { "a", "b" })
        {
            StyleKeys(Cell(await XmlAsync(frame), id)).ShouldNotContain("fontStyle=1", $"{id}: one undo reverts the bold on both");
            StyleKeys(Cell(await XmlAsync(frame), id)).ShouldContain("strokeWidth=5", $"{id}: and only the bold");
        }

        (await editor.Locator("[data-testid=style-bold]").IsCheckedAsync()).ShouldBeFalse("the panel follows the undo");
        await editor.Locator("[data-testid=undo]").ClickAsync();
        foreach (var id in new[] { "a", "b" }) StyleKeys(Cell(await XmlAsync(frame), id)).ShouldNotContain("strokeWidth=5", id);
        session.ShouldHaveNoConsoleErrors();
    }

    [Theory]
    [InlineData(HostMode.Connect)]
    [InlineData(HostMode.Forge)]
    public async Task TextBar_BoldListAndLink_InAnHtmlLabel_SurviveSaveSanitisingAndReload(HostMode mode)
    {
        await using var session = await system.OpenAsync(nameof(TextBar_BoldListAndLink_InAnHtmlLabel_SurviveSaveSanitisingAndReload), mode);
        var (editor, frame) = await session.InsertDiagramAsync();
        var page = session.Page;
        await LoadAsync(frame, Diagram(Alpha + Plain));
        await editor.Locator("[data-testid=diagram-name]").FillAsync("Formatted");

        await ClickLabelAsync(page, editor, "Alpha");
        await Select(editor, "fontFamily", "Verdana");
        await DoubleClickLabelAsync(page, editor, "Alpha");
        var bar = editor.Locator("[data-testid=textbar]");
        await bar.WaitForAsync();
        await page.Keyboard.PressAsync("Control+A");
        await editor.Locator("[data-testid=textbar-bold]").ClickAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("Docs");
        await editor.Locator("[data-testid=textbar-bullets]").ClickAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("Shift+Home");
        (await frame.EvaluateAsync<string>("() => getSelection().toString()")).ShouldBe("Docs");
        await editor.Locator("[data-testid=textbar-link]").ClickAsync();
        await editor.Locator("[data-testid=textbar-link-url]").FillAsync("javascript:alert(1)");
        await editor.Locator("[data-testid=textbar-link-url]").PressAsync("Enter");
        (await editor.Locator("[data-testid=textbar-link-url]").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        await editor.Locator("[data-testid=textbar-link-url]").FillAsync("https://example.com/docs");
        await editor.Locator("[data-testid=textbar-link-url]").PressAsync("Enter");
        await session.ScreenshotAsync("formatted-label");
        await ClickBlankCanvasAsync(page, editor);
        await bar.WaitForAsync(new() { State = WaitForSelectorState.Detached });

        var value = (string)Cell(await XmlAsync(frame), "a").Attribute("value")!;
        value.ShouldContain("<b>Alpha</b>");
        value.ShouldContain("<ul><li>");
        value.ShouldContain("<a href=\"https://example.com/docs\" target=\"_blank\" rel=\"noopener noreferrer\">");
        value.ShouldMatch("<a [^>]+>(<b>)?Docs(</b>)?</a>", "the selected text became the link");
        value.ShouldNotContain("javascript", Case.Insensitive);

        await DoubleClickLabelAsync(page, editor, "Plain");
        await WaitForAsync(frame, "() => document.querySelector('[data-testid=canvas] [contenteditable=true]') !== null", 5_000);
        (await bar.CountAsync()).ShouldBe(0, "a plain-text label gets no formatting bar");
        await ClickBlankCanvasAsync(page, editor);

        await editor.Locator("[data-testid=save]").ClickAsync();
        await page.Locator("[data-testid=editor-frame]").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 30_000 });
        await page.ClickAsync("[data-testid=page-publish]");
        var viewer = page.FrameLocator("[data-testid=macro-frame-0]");
        await viewer.Locator("[data-testid=viewer] a[href='https://example.com/docs'][target=_blank]").WaitForAsync(new() { Timeout = 30_000 });
        (await viewer.Locator("[data-testid=viewer] b").First.InnerTextAsync()).ShouldBe("Alpha");

        await page.ClickAsync("[data-testid=page-edit]");
        await page.ClickAsync("[data-testid=macro-edit-0]");
        var reopened = await session.FrameAsync("editor-frame");
        await reopened.WaitForFunctionAsync("() => window.diagramEditor && window.diagramEditor.cellCount() === 2", null, new() { Timeout = 30_000 });
        var cell = Cell(await XmlAsync(reopened), "a");
        ((string)cell.Attribute("value")!).ShouldBe(value, "the label is as it was saved");
        StyleKeys(cell).ShouldContain("fontFamily=Verdana");
        await session.ScreenshotAsync("reopened");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task HostileLinks_InAnHtmlLabel_NeverReachTheCanvasOrTheSavedLabel()
    {
        await using var session = await system.OpenAsync(nameof(HostileLinks_InAnHtmlLabel_NeverReachTheCanvasOrTheSavedLabel));
        var (editor, frame) = await session.InsertDiagramAsync();
        var page = session.Page;
        const string hostile = "<a href=\"javascript:alert(1)\">one</a> <a href=\"data:text/html,x\">two</a> <a href=\"https://ok.example/\" onclick=\"alert(1)\" target=\"_self\" style=\"position:fixed\">three</a> <a href=\" JaVaScRiPt:alert(1)\">four</a>";
        await LoadAsync(frame, Diagram($"""<mxCell id="h" value="{System.Security.SecurityElement.Escape(hostile)}" style="html=1;whiteSpace=wrap;" vertex="1" parent="1"><mxGeometry x="100" y="100" width="300" height="80" as="geometry"/></mxCell>"""));
        var links = await editor.Locator(DrawPane).Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.outerHTML)");
        links.ShouldBe(["<a href=\"https://ok.example/\" target=\"_blank\" rel=\"noopener noreferrer\">three</a>"]);
        ((await editor.Locator(DrawPane).TextContentAsync()) ?? string.Empty).ShouldContain("four", Case.Sensitive, "a refused link keeps its text");

        await DoubleClickLabelAsync(page, editor, "three");
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.TypeAsync(" five");
        await ClickBlankCanvasAsync(page, editor);
        await WaitForAsync(frame, "e => e.getXml().includes('five')");
        var value = (string)Cell(await XmlAsync(frame), "h").Attribute("value")!;
        value.ShouldNotContain("javascript", Case.Insensitive);
        value.ShouldNotContain("data:", Case.Insensitive);
        value.ShouldNotContain("onclick", Case.Insensitive);
        value.ShouldNotContain("_self", Case.Insensitive);
        value.ShouldContain("<a href=\"https://ok.example/\" target=\"_blank\" rel=\"noopener noreferrer\">three</a>");
        session.ShouldHaveNoConsoleErrors();
    }

    private static string[] StyleKeys(System.Xml.Linq.XElement cell) => StyleOf(cell).Split(';', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Types into a panel field and leaves it (a text or number input commits on change).</summary>
    private static async Task Type(IFrameLocator editor, string id, string value)
    {
        var input = editor.Locator($"[data-testid=style-{id}]");
        await input.FillAsync(value);
        await input.PressAsync("Tab");
    }

    private static async Task Select(IFrameLocator editor, string id, string value) =>
        await editor.Locator($"[data-testid=style-{id}]").SelectOptionAsync(value);

    private static async Task<LocatorBoundingBoxResult> LabelAsync(IFrameLocator editor, string label) =>
        (await editor.Locator("[data-testid=canvas]").GetByText(label, new() { Exact = true }).First.BoundingBoxAsync())!;

    /// <summary>A click on a label, off the hovered shape's centre (which holds the connect icon).</summary>
    private static async Task ClickLabelAsync(IPage page, IFrameLocator editor, string label, bool shift = false)
    {
        var box = await LabelAsync(editor, label);
        if (shift) await page.Keyboard.DownAsync("Shift");
        await page.Mouse.ClickAsync(box.X + (box.Width / 2) - 20, box.Y + (box.Height / 2));
        if (shift) await page.Keyboard.UpAsync("Shift");
    }

    private static async Task DoubleClickLabelAsync(IPage page, IFrameLocator editor, string label)
    {
        var box = await LabelAsync(editor, label);
        await page.Mouse.DblClickAsync(box.X + (box.Width / 2) - 20, box.Y + (box.Height / 2));
    }
}
