using System.Net;
using System.Text;
using Shouldly;
using Xunit;
using static Diagrams.App.Tests.Browser.EditorSteps;

namespace Diagrams.App.Tests.Browser;

/// <summary>
/// HTML labels in Debian Chromium inside HostSim's sandbox: headings, paragraphs and lists stay blocks, in the editor
/// and in the Confluence viewer.
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
