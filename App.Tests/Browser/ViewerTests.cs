using System.Net;
using System.Text;
using Diagrams.App.Tests.Converter;
using Microsoft.Playwright;
using Shouldly;
using Xunit;
using static Diagrams.App.Tests.Browser.EditorSteps;

namespace Diagrams.App.Tests.Browser;

/// <summary>
/// The Confluence viewer in Debian Chromium inside HostSim's sandbox: Full screen opens the host's full-size dialog
/// (an app iframe may not use the Fullscreen API), and HTML labels keep their headings, paragraphs and lists as blocks,
/// in the viewer as in the editor.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ViewerTests(BrowserSystem system)
{
    private const string Blocks = "<h1>Quarterly plan</h1><p>First paragraph</p><ul><li>Alpha</li><li>Beta</li></ul><ol><li>Gamma</li></ol>";

    /// <summary>The blocks of every HTML label in the frame, in document order: tag, text, top and bottom.</summary>
    private const string LabelBlocks = """
        () => JSON.stringify([...document.querySelectorAll('foreignObject :is(h1, h2, p, ul, ol, li)')]
          .map((e) => { const r = e.getBoundingClientRect(); return { tag: e.tagName.toLowerCase(), text: e.textContent, top: r.top, bottom: r.bottom }; }))
        """;

    [Fact]
    public async Task FullScreen_InTheViewer_OpensTheDiagramInTheHostsFullSizeDialog_AndCloseReturnsToThePage()
    {
        await using var session = await system.OpenAsync(nameof(FullScreen_InTheViewer_OpensTheDiagramInTheHostsFullSizeDialog_AndCloseReturnsToThePage));
        var page = session.Page;
        var viewer = await session.ViewDiagramAsync("data-flow.drawio", await File.ReadAllBytesAsync(Fixtures.Path("data-flow.drawio")));
        var cells = await viewer.Locator("#app").GetAttributeAsync("data-cells");

        await viewer.Locator("[data-testid=viewer-fullscreen]").ClickAsync();
        var dialog = page.FrameLocator("[data-testid=dialog-frame]");
        await dialog.Locator("[data-testid=viewer][data-cells]").WaitForAsync(new() { Timeout = 30_000 });
        await session.ScreenshotAsync("full-size");
        (await dialog.Locator("#app").GetAttributeAsync("data-cells")).ShouldBe(cells);
        ((double)(await page.Locator("[data-testid=dialog-frame]").BoundingBoxAsync())!.Width).ShouldBeGreaterThan(1400 * 0.9, "the dialog fills the window");
        await dialog.Locator("[data-testid=viewer-page-1]").ClickAsync();
        await dialog.Locator("#app[data-page='1']").WaitForAsync();

        await dialog.Locator("[data-testid=viewer-close]").ClickAsync();
        await page.Locator("[data-testid=dialog-frame]").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 30_000 });
        (await viewer.Locator("#app").GetAttributeAsync("data-cells")).ShouldBe(cells, "the page's viewer is still there");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task HtmlLabel_WithAHeadingParagraphAndLists_KeepsItsBlocksStacked_InTheEditorAndTheViewer()
    {
        await using var session = await system.OpenAsync(nameof(HtmlLabel_WithAHeadingParagraphAndLists_KeepsItsBlocksStacked_InTheEditorAndTheViewer));
        var file = Diagram($"""<mxCell id="n" value="{WebUtility.HtmlEncode(Blocks)}" style="rounded=0;whiteSpace=wrap;html=1;align=left;verticalAlign=top;" vertex="1" parent="1"><mxGeometry x="40" y="40" width="320" height="260" as="geometry"/></mxCell>""");
        var (_, frame) = await session.InsertDiagramAsync();
        await LoadAsync(frame, file);
        await session.ScreenshotAsync("editor");
        ShouldBeStackedBlocks(await JsonAsync<List<LabelBlock>>(frame, LabelBlocks), "editor");

        await session.ViewDiagramAsync("Blocks", Encoding.UTF8.GetBytes(file));
        await session.ScreenshotAsync("viewer");
        ShouldBeStackedBlocks(await JsonAsync<List<LabelBlock>>(await session.FrameAsync("macro-frame-0"), LabelBlocks), "viewer");
        session.ShouldHaveNoConsoleErrors();
    }

    private static void ShouldBeStackedBlocks(List<LabelBlock> blocks, string where)
    {
        blocks.Select(b => b.Tag).ShouldBe(["h1", "p", "ul", "li", "li", "ol", "li"], $"{where}: the label keeps its block elements");
        var lines = blocks.Where(b => b.Tag is "h1" or "p" or "li").ToList();
        lines.Select(b => b.Text).ShouldBe(["Quarterly plan", "First paragraph", "Alpha", "Beta", "Gamma"]);
        for (var i = 1; i < lines.Count; i++)
        {
            lines[i].Top.ShouldBeGreaterThanOrEqualTo(lines[i - 1].Bottom - 0.5, $"{where}: \"{lines[i].Text}\" is on its own line below \"{lines[i - 1].Text}\"");
        }
    }

    private sealed record LabelBlock(string Tag, string Text, double Top, double Bottom);
}
