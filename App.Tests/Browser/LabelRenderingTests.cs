using System.Net;
using System.Text;
using Shouldly;
using Xunit;
using static Diagrams.App.Tests.Browser.EditorSteps;

namespace Diagrams.App.Tests.Browser;

/// <summary>
/// HTML labels as draw.io renders them, through the label sanitiser, in the Confluence viewer (Connect): tables,
/// horizontal rules, paragraph and heading margins, justified text, and top-aligned labels at draw.io's spacing
/// (5 px more than maxGraph's). Hostile markup in the same places is dropped.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class LabelRenderingTests(BrowserSystem system)
{
    private static string Label(string id, string html, int x, int y, int w, int h, string style = "") =>
        $"""<mxCell id="{id}" value="{WebUtility.HtmlEncode(html)}" style="rounded=0;whiteSpace=wrap;html=1;{style}" vertex="1" parent="1"><mxGeometry x="{x}" y="{y}" width="{w}" height="{h}" as="geometry"/></mxCell>""";

    private static async Task<Microsoft.Playwright.IFrame> ViewAsync(Session session, string name, string cells)
    {
        await session.ViewDiagramAsync(name, Encoding.UTF8.GetBytes(Diagram(cells)));
        await session.ScreenshotAsync(name);
        return await session.FrameAsync("macro-frame-0");
    }

    [Fact]
    public async Task Tables_Rules_Margins_Headings_AndJustifiedText_RenderAsInDrawio()
    {
        await using var session = await system.OpenAsync(nameof(Tables_Rules_Margins_Headings_AndJustifiedText_RenderAsInDrawio));
        const string table = """<table border="1" cellpadding="4" style="width:100%;border-collapse:collapse"><tr><th colspan="2">Orders</th></tr><tr><td>id</td><td style="text-align:right">int</td></tr></table>""";
        const string umlClass = """<p style="margin:0px;margin-top:4px;text-align:center;"><b>Customer</b></p><hr size="1"><p style="margin:0px;margin-left:4px;">+ name: String</p>""";
        const string heading = """<h1 style="margin-top:0px">Title</h1><p>Body</p>""";
        const string justified = """<div align="justify">Justified text that runs over several lines so that its words spread out to both edges of the label.</div>""";
        var frame = await ViewAsync(session, "Html", string.Concat(
            Label("t", table, 40, 40, 200, 80, "verticalAlign=top;overflow=fill;"),
            Label("u", umlClass, 280, 40, 160, 80, "verticalAlign=top;align=left;"),
            Label("h", heading, 40, 160, 200, 100, "verticalAlign=top;align=left;"),
            Label("j", justified, 280, 160, 160, 100, "verticalAlign=top;")));

        var result = await JsonAsync<Rendered>(frame, """
            () => {
              const fo = [...document.querySelectorAll('foreignObject')];
              const find = (text) => fo.find((f) => f.textContent.includes(text));
              const t = find('Orders'), u = find('Customer'), h = find('Title'), j = find('Justified');
              const table = t.querySelector('table'), th = t.querySelector('th');
              const px = (e, p) => parseFloat(getComputedStyle(e)[p]);
              return JSON.stringify({
                rows: t.querySelectorAll('tr').length, cells: t.querySelectorAll('td').length,
                colspan: th?.getAttribute('colspan') ?? '', border: table?.getAttribute('border') ?? '',
                tableWidth: table?.getBoundingClientRect().width ?? 0, headerWidth: th?.getBoundingClientRect().width ?? 0,
                cellBorder: th ? getComputedStyle(th).borderTopStyle : '',
                rule: !!u.querySelector('hr'), ruleSize: u.querySelector('hr')?.getAttribute('size') ?? '',
                paragraphTop: px(u.querySelector('p'), 'marginTop'), paragraphLeft: px(u.querySelectorAll('p')[1], 'marginLeft'),
                headingTop: px(h.querySelector('h1'), 'marginTop'), headingBottom: px(h.querySelector('h1'), 'marginBottom'),
                justify: getComputedStyle(j.querySelector('div [align], div[align]') ?? j).textAlign,
              });
            }
            """);
        result.Rows.ShouldBe(2, "the table keeps its rows");
        result.Cells.ShouldBe(2);
        result.Colspan.ShouldBe("2", "colspan is kept");
        result.Border.ShouldBe("1", "the table's border attribute is kept");
        result.CellBorder.ShouldNotBe("none", "border=1 draws cell borders");
        result.HeaderWidth.ShouldBe(result.TableWidth, 2, "the header spans both columns");
        result.TableWidth.ShouldBeGreaterThan(190, "width:100% fills the label (overflow=fill, as draw.io's table templates write)");
        result.Rule.ShouldBeTrue("<hr> is kept");
        result.RuleSize.ShouldBe("1");
        result.ParagraphTop.ShouldBe(4, 0.1, "margin-top:4px on a paragraph is kept");
        result.ParagraphLeft.ShouldBe(4, 0.1, "margin-left:4px on a paragraph is kept");
        result.HeadingTop.ShouldBe(0, 0.1, "the heading's own margin-top:0px is kept");
        result.HeadingBottom.ShouldBeGreaterThan(10, "the heading keeps the browser's (and draw.io's) default bottom margin");
        result.Justify.ShouldBe("justify", "align=justify justifies the text");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task HostileMarkup_InTablesRulesAndStyles_IsDropped()
    {
        await using var session = await system.OpenAsync(nameof(HostileMarkup_InTablesRulesAndStyles_IsDropped));
        const string hostile = """<table background="https://example.invalid/t.png" border="999999" onmouseover="alert(1)"><tr><td colspan="100000" onclick="alert(2)" style="background:url(https://example.invalid/a.png);margin:expression(alert(3));padding:4px;width:calc(100% - 1px)">cell</td></tr></table><hr style="behavior:url(x.htc);border-width:2px" size="1;x"><p style="margin-top:-9999px;font-family:url(x)">p</p><h2 style="margin-top:1px !important;position:fixed;top:0">h</h2>""";
        var frame = await ViewAsync(session, "Hostile", Label("x", hostile, 40, 40, 240, 160));
        var result = await JsonAsync<HostileRendered>(frame, """
            () => {
              const fo = [...document.querySelectorAll('foreignObject')].find((f) => f.textContent.includes('cell'));
              const all = [...fo.querySelectorAll('*')];
              return JSON.stringify({
                table: !!fo.querySelector('table'), td: !!fo.querySelector('td'),
                handlers: all.flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')).length,
                urls: all.filter((e) => /url\(|expression|calc|behavior|position|-9999/i.test(e.getAttribute('style') ?? '')).length,
                background: all.filter((e) => e.hasAttribute('background')).length,
                border: fo.querySelector('table')?.getAttribute('border') ?? '', colspan: fo.querySelector('td')?.getAttribute('colspan') ?? '',
                hrSize: fo.querySelector('hr')?.getAttribute('size') ?? '', padding: fo.querySelector('td')?.style.padding ?? '',
                ruleWidth: fo.querySelector('hr')?.style.borderWidth ?? '', headingTop: fo.querySelector('h2')?.style.marginTop ?? '',
              });
            }
            """);
        result.Table.ShouldBeTrue();
        result.Td.ShouldBeTrue();
        result.Handlers.ShouldBe(0, "no event handler attribute survives");
        result.Urls.ShouldBe(0, "no url(), expression(), calc(), behavior, position or negative margin survives in a style");
        result.Background.ShouldBe(0, "the table's background (image) attribute is dropped");
        result.Border.ShouldBe(string.Empty, "an out-of-range border is dropped");
        result.Colspan.ShouldBe(string.Empty, "an out-of-range colspan is dropped");
        result.HrSize.ShouldBe(string.Empty, "a malformed size is dropped");
        result.Padding.ShouldBe("4px", "the safe declarations next to hostile ones are kept");
        result.RuleWidth.ShouldBe("2px");
        result.HeadingTop.ShouldBe("1px", "!important is ignored, the value kept");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task TopAlignedLabels_SitAtDrawiosSpacingBelowTheTopOfTheirShape()
    {
        await using var session = await system.OpenAsync(nameof(TopAlignedLabels_SitAtDrawiosSpacingBelowTheTopOfTheirShape));
        var frame = await ViewAsync(session, "Top", string.Concat(
            Label("a", "Top", 40, 40, 120, 80, "verticalAlign=top;strokeColor=#aa0001;"),
            Label("b", "Spaced", 200, 40, 120, 80, "verticalAlign=top;spacingTop=10;strokeColor=#aa0002;"),
            Label("c", "Bottom", 360, 40, 120, 80, "verticalAlign=bottom;strokeColor=#aa0003;")));
        var offsets = await JsonAsync<List<double>>(frame, """
            () => {
              const scale = (stroke) => document.querySelector(`rect[stroke="${stroke}"]`).getBoundingClientRect();
              const text = (t) => {
                const fo = [...document.querySelectorAll('foreignObject')].find((f) => f.textContent === t);
                const inner = [...fo.querySelectorAll('div')].at(-1);
                return inner.getBoundingClientRect();
              };
              const a = scale('#aa0001'), b = scale('#aa0002'), c = scale('#aa0003');
              const k = a.width / 120;
              return JSON.stringify([(text('Top').top - a.top) / k, (text('Spaced').top - b.top) / k, (c.bottom - text('Bottom').bottom) / k]);
            }
            """);
        offsets[0].ShouldBe(7, 1, "top-aligned: spacing 2 + draw.io's 5");
        offsets[1].ShouldBe(17, 1, "spacingTop=10 adds to that");
        // maxGraph (as draw.io) sets a bottom-aligned label on a 1 px high flex box, so its text ends 1 px lower than the spacing.
        offsets[2].ShouldBe(2, 0.5, "bottom-aligned: spacing 2 + draw.io's 1");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task WrappingPlainLabels_WrapAtTheirShapesWidth_KeepLineBreaks_AndShowMarkupAsText()
    {
        // draw.io lays out whiteSpace=wrap without html=1 as escaped HTML text; before, such a label ran on one line
        // across the page (its wireframe templates' paragraphs ran thousands of pixels wide).
        await using var session = await system.OpenAsync(nameof(WrappingPlainLabels_WrapAtTheirShapesWidth_KeepLineBreaks_AndShowMarkupAsText));
        const string Text = "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor <b>not bold</b> & more\nSecond paragraph";
        var frame = await ViewAsync(session, "PlainWrap", string.Concat(
            $"""<mxCell id="w" value="{WebUtility.HtmlEncode(Text).Replace("\n", "&#xa;", StringComparison.Ordinal)}" style="text;whiteSpace=wrap;align=left;verticalAlign=top;strokeColor=#aa0004;" vertex="1" parent="1"><mxGeometry x="40" y="40" width="160" height="160" as="geometry"/></mxCell>""",
            """<mxCell id="n" value="A plain label that does not wrap at all" style="text;align=left;" vertex="1" parent="1"><mxGeometry x="260" y="40" width="60" height="30" as="geometry"/></mxCell>"""));
        var result = await JsonAsync<PlainRendered>(frame, """
            () => {
              const shape = document.querySelector('rect[stroke="#aa0004"]').getBoundingClientRect();
              const fo = [...document.querySelectorAll('foreignObject')].find((f) => f.textContent.includes('Lorem'));
              const inner = fo ? [...fo.querySelectorAll('div')].at(-1) : null;
              const box = inner ? inner.getBoundingClientRect() : { width: 0, height: 0, left: 0, right: 0 };
              const plain = [...document.querySelectorAll('text')].find((t) => t.textContent.includes('does not wrap'));
              return JSON.stringify({
                html: !!fo, text: inner ? inner.innerText : '', bold: fo ? fo.querySelectorAll('b').length : -1,
                breaks: inner ? inner.querySelectorAll('br').length : 0,
                width: box.width, height: box.height, shapeWidth: shape.width,
                plainIsSvgText: !!plain, plainWidth: plain ? plain.getBoundingClientRect().width : 0,
              });
            }
            """);
        result.Html.ShouldBeTrue("a wrapping plain label is laid out as HTML, as in draw.io");
        result.Bold.ShouldBe(0, "its markup is text, not markup");
        result.Text.ShouldContain("<b>not bold</b> & more");
        result.Breaks.ShouldBe(1, "its line break is kept");
        result.Width.ShouldBeLessThanOrEqualTo(result.ShapeWidth, "it wraps within its shape");
        result.Height.ShouldBeGreaterThan(60, "over several lines");
        result.PlainIsSvgText.ShouldBeTrue("a plain label without whiteSpace=wrap stays SVG text");
        result.PlainWidth.ShouldBeGreaterThan(100, "and runs on one line, as in draw.io");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task NamedTextStyles_AreTopLeftAligned_AsInDrawiosDefaultTheme()
    {
        // draw.io's default theme: text is align=left;verticalAlign=top, edgeLabel extends it with fontSize=11. A bare
        // "text;" label (its timeline templates' paragraphs) was centred in its box instead.
        await using var session = await system.OpenAsync(nameof(NamedTextStyles_AreTopLeftAligned_AsInDrawiosDefaultTheme));
        var frame = await ViewAsync(session, "NamedText", string.Concat(
            """<mxCell id="t" value="Text style" style="text;html=1;strokeColor=#aa0005;" vertex="1" parent="1"><mxGeometry x="40" y="40" width="200" height="100" as="geometry"/></mxCell>""",
            """<mxCell id="e" value="Edge label style" style="edgeLabel;html=1;strokeColor=#aa0006;" vertex="1" parent="1"><mxGeometry x="280" y="40" width="200" height="100" as="geometry"/></mxCell>""",
            """<mxCell id="c" value="Centred" style="text;html=1;align=center;verticalAlign=middle;strokeColor=#aa0007;" vertex="1" parent="1"><mxGeometry x="520" y="40" width="200" height="100" as="geometry"/></mxCell>"""));
        var placed = await JsonAsync<List<List<double>>>(frame, """
            () => {
              const at = (stroke, t) => {
                const shape = document.querySelector(`rect[stroke="${stroke}"]`).getBoundingClientRect();
                const fo = [...document.querySelectorAll('foreignObject')].find((f) => f.textContent === t);
                const inner = [...fo.querySelectorAll('div')].at(-1);
                const box = inner.getBoundingClientRect();
                const k = shape.width / 200;
                return [(box.left - shape.left) / k, (box.top - shape.top) / k, parseFloat(getComputedStyle(inner).fontSize)];
              };
              return JSON.stringify([at('#aa0005', 'Text style'), at('#aa0006', 'Edge label style'), at('#aa0007', 'Centred')]);
            }
            """);
        placed[0][0].ShouldBe(2, 1, "text: left-aligned at spacing 2");
        placed[0][1].ShouldBe(7, 1, "text: top-aligned at spacing 2 + draw.io's 5");
        placed[1][0].ShouldBe(2, 1, "edgeLabel extends text");
        placed[1][1].ShouldBe(7, 1, "edgeLabel extends text");
        placed[1][2].ShouldBe(11, 0.01, "edgeLabel's font size");
        placed[2][0].ShouldBeGreaterThan(40, "a style's own align wins");
        placed[2][1].ShouldBeGreaterThan(30, "a style's own verticalAlign wins");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task FontsDrawioNames_FallBackToTheirGenericFamily_WhereTheFontIsMissing()
    {
        // Verdana (draw.io's network templates) is not installed on Linux, where Chromium fell back to its serif default:
        // PDF exports showed such labels in Times. The label's font list now ends in the font's generic family.
        await using var session = await system.OpenAsync(nameof(FontsDrawioNames_FallBackToTheirGenericFamily_WhereTheFontIsMissing));
        var frame = await ViewAsync(session, "Fonts", string.Concat(
            Label("v", "Verdana label", 40, 40, 160, 40, "fontFamily=Verdana;"),
            Label("g", "Georgia label", 40, 100, 160, 40, "fontFamily=Georgia;"),
            Label("m", "Own font label", 40, 160, 160, 40, "fontFamily=Permanent Marker;"),
            """<mxCell id="p" value="Plain Courier" style="text;fontFamily=Courier New;" vertex="1" parent="1"><mxGeometry x="240" y="40" width="160" height="40" as="geometry"/></mxCell>"""));
        var families = await JsonAsync<Dictionary<string, string>>(frame, """
            () => {
              const html = (t) => getComputedStyle([...[...document.querySelectorAll('foreignObject')].find((f) => f.textContent === t).querySelectorAll('div')].at(-1)).fontFamily;
              const svg = [...document.querySelectorAll('text')].find((e) => e.textContent === 'Plain Courier');
              return JSON.stringify({
                verdana: html('Verdana label'), georgia: html('Georgia label'), own: html('Own font label'),
                courier: svg ? getComputedStyle(svg).fontFamily : '',
              });
            }
            """);
        families["verdana"].ShouldBe("Verdana, sans-serif");
        families["georgia"].ShouldBe("Georgia, serif");
        families["own"].ShouldBe("\"Permanent Marker\"", "a font we do not know keeps its name alone");
        families["courier"].ShouldBe("\"Courier New\", monospace", "plain (SVG text) labels too");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task SwimlaneTitles_AreCentredInTheirTitleBand_UnlessTheStyleSaysTop()
    {
        // draw.io's default theme gives swimlane no verticalAlign, so a title is centred in its startSize band; ours sat
        // at the band's top (its cross-functional templates' 40 px bands showed it).
        await using var session = await system.OpenAsync(nameof(SwimlaneTitles_AreCentredInTheirTitleBand_UnlessTheStyleSaysTop));
        var frame = await ViewAsync(session, "Swimlanes", string.Concat(
            """<mxCell id="s" value="Lane" style="swimlane;html=1;startSize=40;strokeColor=#aa0008;" vertex="1" parent="1"><mxGeometry x="40" y="40" width="200" height="160" as="geometry"/></mxCell>""",
            """<mxCell id="t" value="Class" style="swimlane;html=1;startSize=40;verticalAlign=top;strokeColor=#aa0009;" vertex="1" parent="1"><mxGeometry x="280" y="40" width="200" height="160" as="geometry"/></mxCell>"""));
        var centres = await JsonAsync<List<double>>(frame, """
            () => {
              const centre = (stroke, t) => {
                const boxes = [...document.querySelectorAll(`path[stroke="${stroke}"]`)].map((p) => p.getBoundingClientRect());
                const top = Math.min(...boxes.map((b) => b.top)), width = Math.max(...boxes.map((b) => b.right)) - Math.min(...boxes.map((b) => b.left));
                const fo = [...document.querySelectorAll('foreignObject')].find((f) => f.textContent === t);
                const text = [...fo.querySelectorAll('div')].at(-1).getBoundingClientRect();
                return (text.top + text.height / 2 - top) / (width / 200);
              };
              return JSON.stringify([centre('#aa0008', 'Lane'), centre('#aa0009', 'Class')]);
            }
            """);
        centres[0].ShouldBe(20, 1.5, "centred in the 40 px band");
        centres[1].ShouldBeLessThan(17, "verticalAlign=top keeps it at the band's top");
        session.ShouldHaveNoConsoleErrors();
    }

    private sealed record PlainRendered(bool Html, string Text, int Bold, int Breaks, double Width, double Height, double ShapeWidth, bool PlainIsSvgText, double PlainWidth);

    private sealed record Rendered(int Rows, int Cells, string Colspan, string Border, double TableWidth, double HeaderWidth, string CellBorder, bool Rule, string RuleSize, double ParagraphTop, double ParagraphLeft, double HeadingTop, double HeadingBottom, string Justify);

    private sealed record HostileRendered(bool Table, bool Td, int Handlers, int Urls, int Background, string Border, string Colspan, string HrSize, string Padding, string RuleWidth, string HeadingTop);
}
