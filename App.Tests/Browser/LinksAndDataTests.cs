using System.Text;
using System.Xml.Linq;
using Diagrams.App.Tests.Converter;
using Microsoft.Playwright;
using Shouldly;
using Xunit;
using static Diagrams.App.Tests.Browser.EditorSteps;

namespace Diagrams.App.Tests.Browser;

/// <summary>
/// Links, tooltips and Edit data on shapes in Debian Chromium inside HostSim's sandbox. In the editor: Edit data (Ctrl+M,
/// context menu) adds, changes and removes properties on draw.io's &lt;UserObject&gt; (a plain cell gains one), Edit link
/// (Alt+Shift+L) refuses javascript: links, Edit tooltip; tooltips show on hover as text. In the viewer: a linked shape
/// opens its link in a new tab without an opener or referrer, a page link switches pages, a javascript: link in a file
/// is not followed, and a tooltip shows on hover as text, never as HTML.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class LinksAndDataTests(BrowserSystem system)
{
    private const string Alpha = """<mxCell id="a" value="Alpha" style="rounded=0;whiteSpace=wrap;html=1;" vertex="1" parent="1"><mxGeometry x="100" y="100" width="160" height="80" as="geometry"/></mxCell>""";
    private const string Beta = """<UserObject label="Beta" owner="x" cost="1" id="b"><mxCell style="rounded=0;whiteSpace=wrap;html=1;" vertex="1" parent="1"><mxGeometry x="400" y="100" width="160" height="80" as="geometry"/></mxCell></UserObject>""";
    private const string Tooltip = "<b>Owner</b> & co";

    [Fact]
    public async Task EditData_EditLink_EditTooltip_AreSavedOnAUserObject_AJavascriptLinkIsRefused_AndTheTooltipShowsOnHover()
    {
        await using var session = await system.OpenAsync(nameof(EditData_EditLink_EditTooltip_AreSavedOnAUserObject_AJavascriptLinkIsRefused_AndTheTooltipShowsOnHover));
        var (editor, frame) = await session.InsertDiagramAsync();
        var page = session.Page;
        await LoadAsync(frame, Diagram(Alpha + Beta));

        // Edit data from the context menu: the id is read-only, "label" is draw.io's own, a new property and placeholders.
        await RightClickAsync(page, editor, "Alpha");
        await editor.Locator("[data-testid=menu-edit-data]").ClickAsync();
        var data = editor.Locator("[data-testid=edit-data-dialog]");
        await data.WaitForAsync();
        (await editor.Locator("[data-testid=edit-data-id]").InputValueAsync()).ShouldBe("a");
        (await editor.Locator("[data-testid=edit-data-id]").GetAttributeAsync("readonly")).ShouldNotBeNull();
        await editor.Locator("[data-testid=edit-data-new-name]").FillAsync("label");
        await editor.Locator("[data-testid=edit-data-add]").ClickAsync();
        (await editor.Locator("[data-testid=edit-data-name-error]").InnerTextAsync()).ShouldContain("reserved");
        await editor.Locator("[data-testid=edit-data-new-name]").FillAsync("owner");
        await editor.Locator("[data-testid=edit-data-add]").ClickAsync();
        await editor.Locator("[data-testid=edit-data-value-owner]").FillAsync("Team A");
        await editor.Locator("[data-testid=edit-data-placeholders]").CheckAsync();
        await session.ScreenshotAsync("edit-data");
        await editor.Locator("[data-testid=edit-data-apply]").ClickAsync();
        await data.WaitForAsync(new() { State = WaitForSelectorState.Detached });

        // Edit link with draw.io's Alt+Shift+L: javascript: is refused with a message, https is kept.
        await page.Keyboard.PressAsync("Alt+Shift+L");
        var link = editor.Locator("[data-testid=edit-link-dialog]");
        await link.WaitForAsync();
        await editor.Locator("[data-testid=edit-link-input]").FillAsync("javascript:alert(document.domain)");
        await editor.Locator("[data-testid=edit-link-apply]").ClickAsync();
        (await editor.Locator("[data-testid=edit-link-error]").InnerTextAsync()).ShouldContain("not allowed");
        await session.ScreenshotAsync("javascript-refused");
        (await link.IsVisibleAsync()).ShouldBeTrue("the dialog stays open with the refused link");
        await editor.Locator("[data-testid=edit-link-input]").FillAsync("https://example.com/docs");
        await editor.Locator("[data-testid=edit-link-apply]").ClickAsync();
        await link.WaitForAsync(new() { State = WaitForSelectorState.Detached });

        await RightClickAsync(page, editor, "Alpha");
        await editor.Locator("[data-testid=menu-edit-tooltip]").ClickAsync();
        await editor.Locator("[data-testid=edit-tooltip-text]").FillAsync(Tooltip);
        await editor.Locator("[data-testid=edit-tooltip-apply]").ClickAsync();
        await editor.Locator("[data-testid=edit-tooltip-dialog]").WaitForAsync(new() { State = WaitForSelectorState.Detached });

        // Ctrl+M on a shape that has data already: one property changed, one removed.
        await ClickLabelAsync(page, editor, "Beta");
        await page.Keyboard.PressAsync("Control+M");
        await data.WaitForAsync();
        (await editor.Locator("[data-testid=edit-data-id]").InputValueAsync()).ShouldBe("b");
        (await editor.Locator("[data-testid=edit-data-value-cost]").InputValueAsync()).ShouldBe("1");
        await editor.Locator("[data-testid=edit-data-remove-cost]").ClickAsync();
        await editor.Locator("[data-testid=edit-data-value-owner]").FillAsync("y");
        await editor.Locator("[data-testid=edit-data-apply]").ClickAsync();
        await data.WaitForAsync(new() { State = WaitForSelectorState.Detached });

        var saved = XDocument.Parse(await XmlAsync(frame));
        var alpha = UserObject(saved, "a");
        ((string?)alpha.Attribute("label")).ShouldBe("Alpha");
        ((string?)alpha.Attribute("owner")).ShouldBe("Team A");
        ((string?)alpha.Attribute("placeholders")).ShouldBe("1");
        ((string?)alpha.Attribute("link")).ShouldBe("https://example.com/docs");
        ((string?)alpha.Attribute("tooltip")).ShouldBe(Tooltip);
        var alphaCell = alpha.Elements("mxCell").Single();
        ((string?)alphaCell.Attribute("vertex")).ShouldBe("1");
        alphaCell.Attribute("id").ShouldBeNull("draw.io keeps the id on the wrapper");
        alphaCell.Attribute("value").ShouldBeNull("draw.io keeps the label on the wrapper");
        var beta = UserObject(saved, "b");
        ((string?)beta.Attribute("owner")).ShouldBe("y");
        beta.Attribute("cost").ShouldBeNull();

        // The tooltip on hover: the text as typed, no markup.
        await ClickBlankCanvasAsync(page, editor);
        await HoverLabelAsync(page, editor, "Alpha");
        var tip = editor.Locator("[data-testid=cell-tooltip]");
        await tip.WaitForAsync();
        (await tip.TextContentAsync()).ShouldBe(Tooltip);
        (await tip.Locator("b").CountAsync()).ShouldBe(0, "the tooltip is text, never HTML");
        await session.ScreenshotAsync("tooltip");

        // One Ctrl+Z undoes the last dialog's change as a whole.
        await page.Keyboard.PressAsync("Control+Z");
        await WaitForAsync(frame, "e => e.getXml().includes('cost=\"1\"')");
        session.ShouldHaveNoConsoleErrors();
    }

    [Theory]
    [InlineData(HostMode.Connect)]
    [InlineData(HostMode.Forge)]
    public async Task Viewer_ALinkedShapeOpensANewTabWithoutOpenerOrReferrer_AJavascriptLinkIsNotFollowed_APageLinkSwitchesPages_AndTooltipsAreText(HostMode mode)
    {
        await using var session = await system.OpenAsync(nameof(Viewer_ALinkedShapeOpensANewTabWithoutOpenerOrReferrer_AJavascriptLinkIsNotFollowed_APageLinkSwitchesPages_AndTooltipsAreText), mode);
        var page = session.Page;
        var target = session.Sandbox.IndexUrl;
        var file = $"""
            <mxfile><diagram id="p1" name="Links"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>
            <UserObject label="Docs" link="{System.Security.SecurityElement.Escape(target)}" tooltip="{System.Security.SecurityElement.Escape(Tooltip)}" id="d"><mxCell style="rounded=0;whiteSpace=wrap;html=1;" vertex="1" parent="1"><mxGeometry x="20" y="20" width="160" height="80" as="geometry"/></mxCell></UserObject>
            <UserObject label="Trap" link="javascript:alert(1)" id="t"><mxCell style="rounded=0;whiteSpace=wrap;html=1;" vertex="1" parent="1"><mxGeometry x="240" y="20" width="160" height="80" as="geometry"/></mxCell></UserObject>
            <UserObject label="To details" link="data:page/id,p2" id="g"><mxCell style="rounded=0;whiteSpace=wrap;html=1;" vertex="1" parent="1"><mxGeometry x="460" y="20" width="160" height="80" as="geometry"/></mxCell></UserObject>
            </root></mxGraphModel></diagram>
            <diagram id="p2" name="Details"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/><mxCell id="x" value="Detail" style="html=1;" vertex="1" parent="1"><mxGeometry x="20" y="20" width="160" height="80" as="geometry"/></mxCell></root></mxGraphModel></diagram></mxfile>
            """;
        var viewer = await ShowAsync(session, "Links", Encoding.UTF8.GetBytes(file));
        var graph = viewer.Locator("[data-testid=viewer] .canvas > div");

        await viewer.GetByText("Trap", new() { Exact = true }).HoverAsync();
        await viewer.GetByText("Docs", new() { Exact = true }).HoverAsync();
        var tip = viewer.Locator("[data-testid=cell-tooltip]");
        await tip.WaitForAsync();
        (await tip.TextContentAsync()).ShouldBe(Tooltip);
        (await tip.Locator("b").CountAsync()).ShouldBe(0, "the tooltip is text, never HTML");
        (await graph.EvaluateAsync<string>("e => e.style.cursor")).ShouldBe("pointer");
        await viewer.GetByText("Trap", new() { Exact = true }).HoverAsync();
        (await graph.EvaluateAsync<string>("e => e.style.cursor")).ShouldBe(string.Empty, "a javascript: link is no link");
        await session.ScreenshotAsync("tooltip");

        // A click on the javascript: shape opens nothing; the next click, on Docs, opens the one new tab.
        await viewer.GetByText("Trap", new() { Exact = true }).ClickAsync();
        var popup = await page.Context.RunAndWaitForPageAsync(() => viewer.GetByText("Docs", new() { Exact = true }).ClickAsync());
        await popup.WaitForLoadStateAsync();
        popup.Url.ShouldBe(target);
        (await popup.EvaluateAsync<bool>("() => window.opener === null")).ShouldBeTrue("noopener");
        (await popup.EvaluateAsync<string>("() => document.referrer")).ShouldBe(string.Empty, "noreferrer");
        page.Context.Pages.Count.ShouldBe(2, "the javascript: link opened nothing");
        await popup.CloseAsync();

        await viewer.GetByText("To details", new() { Exact = true }).ClickAsync();
        await viewer.Locator("#app[data-page='1']").WaitForAsync();
        await viewer.GetByText("Detail", new() { Exact = true }).WaitForAsync();
        session.ShouldHaveNoConsoleErrors();
    }

    [Theory]
    [InlineData(HostMode.Connect)]
    [InlineData(HostMode.Forge)]
    public async Task Viewer_DataFlowFixturesPageLink_SwitchesToThePageItNames(HostMode mode)
    {
        await using var session = await system.OpenAsync(nameof(Viewer_DataFlowFixturesPageLink_SwitchesToThePageItNames), mode);
        var viewer = await ShowAsync(session, "data-flow.drawio", await File.ReadAllBytesAsync(Fixtures.Path("data-flow.drawio")));
        await viewer.Locator("[data-testid=viewer-page-1]").ClickAsync();
        await viewer.Locator("#app[data-page='1']").WaitForAsync();
        // "LLM application" on "context diagram" links to data:page/id of "detailed DFD", the first page.
        await viewer.GetByText("LLM application", new() { Exact = true }).ClickAsync();
        await viewer.Locator("#app[data-page='0']").WaitForAsync();
        session.ShouldHaveNoConsoleErrors();
    }

    /// <summary>The sandbox page (in the session's mode) showing <paramref name="name"/> in its first macro, and that macro's viewer.</summary>
    internal static async Task<IFrameLocator> ShowAsync(Session session, string name, byte[] bytes)
    {
        await session.Page.GotoAsync(session.ConfluencePageUrl);
        await session.UploadAsUserAsync(name, bytes);
        await session.PutMacroAsync("m-view", new Dictionary<string, string> { ["diagramName"] = name, ["revision"] = "1" });
        await session.Page.ReloadAsync();
        var viewer = session.Page.FrameLocator("[data-testid=macro-frame-0]");
        await viewer.Locator("#app[data-cells]").WaitForAsync(new() { Timeout = 30_000 });
        return viewer;
    }

    private static XElement UserObject(XDocument file, string id) => file.Descendants("UserObject").Single(e => (string?)e.Attribute("id") == id);

    private static async Task<LocatorBoundingBoxResult> LabelAsync(IFrameLocator editor, string label) =>
        (await editor.Locator("[data-testid=canvas]").GetByText(label, new() { Exact = true }).BoundingBoxAsync())!;

    // Off the label's centre: the connect icon sits there once the shape is selected.
    private static async Task ClickLabelAsync(IPage page, IFrameLocator editor, string label)
    {
        var box = await LabelAsync(editor, label);
        await page.Mouse.ClickAsync(box.X + (box.Width / 2) - 25, box.Y + (box.Height / 2) - 12);
    }

    private static async Task HoverLabelAsync(IPage page, IFrameLocator editor, string label)
    {
        var box = await LabelAsync(editor, label);
        await page.Mouse.MoveAsync(box.X + (box.Width / 2) - 25, box.Y + (box.Height / 2) - 12, new() { Steps = 3 });
    }

    private static async Task RightClickAsync(IPage page, IFrameLocator editor, string label)
    {
        var box = await LabelAsync(editor, label);
        await page.Mouse.ClickAsync(box.X + (box.Width / 2) - 25, box.Y + (box.Height / 2) - 12, new() { Button = MouseButton.Right });
        await editor.Locator("[data-testid=context-menu]").WaitForAsync();
    }
}
