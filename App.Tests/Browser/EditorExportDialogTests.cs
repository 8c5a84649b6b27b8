using System.Text;
using Diagrams.App.Tests.Converter;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Browser;

/// <summary>
/// The editor's Export dialog: a PDF with the chosen paper, orientation, fit and pages through the server (both modes;
/// poppler reads the page sizes), PNG with scale, transparent background and border, SVG of the selection only, and a
/// value out of bounds named in the dialog with nothing exported.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class EditorExportDialogTests(BrowserSystem system)
{
    private static readonly string TwoPages =
        """<mxfile><diagram id="a" name="First"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>""" +
        """<mxCell id="2" value="Keep me" style="rounded=0;" vertex="1" parent="1"><mxGeometry x="40" y="40" width="120" height="60" as="geometry"/></mxCell>""" +
        """<mxCell id="3" value="Leave me" style="ellipse;" vertex="1" parent="1"><mxGeometry x="400" y="300" width="120" height="60" as="geometry"/></mxCell>""" +
        """</root></mxGraphModel></diagram><diagram id="b" name="Second"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>""" +
        """<mxCell id="2" value="Second page label" vertex="1" parent="1"><mxGeometry x="0" y="0" width="200" height="80" as="geometry"/></mxCell>""" +
        """</root></mxGraphModel></diagram></mxfile>""";

    [Theory]
    [InlineData(HostMode.Connect)]
    [InlineData(HostMode.Forge)]
    public async Task Pdf_OfTheCurrentPage_OnLetterLandscape_HasThatPaperAndOnlyThatPage(HostMode mode)
    {
        await using var session = await system.OpenAsync(nameof(Pdf_OfTheCurrentPage_OnLetterLandscape_HasThatPaperAndOnlyThatPage), mode);
        var (editor, frame) = await session.InsertDiagramAsync();
        await EditorSteps.LoadAsync(frame, TwoPages);
        await editor.Locator("[data-testid=page-tab-1]").ClickAsync();

        await editor.Locator("[data-testid=export]").ClickAsync();
        await editor.Locator("[data-testid=export-format]").SelectOptionAsync("pdf");
        await editor.Locator("[data-testid=export-pages]").SelectOptionAsync("current");
        await editor.Locator("[data-testid=export-paper]").SelectOptionAsync("letter");
        await editor.Locator("[data-testid=export-orientation]").SelectOptionAsync("landscape");
        await editor.Locator("[data-testid=export-sizing]").SelectOptionAsync("fit");
        await editor.Locator("[data-testid=export-margin]").FillAsync("30");
        await session.ScreenshotAsync("options");
        var download = await session.Page.RunAndWaitForDownloadAsync(() => editor.Locator("[data-testid=export-run]").ClickAsync(), new() { Timeout = 60_000 });
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());

        download.SuggestedFilename.ShouldEndWith(".pdf");
        var info = await Poppler.InfoAsync(bytes);
        info.Pages.ShouldBe(1, "only the current page");
        info.PageSizes[0].Width.ShouldBe(792, 1.5, "Letter landscape is 11 × 8.5 in");
        info.PageSizes[0].Height.ShouldBe(612, 1.5);
        var text = await Poppler.TextAsync(bytes);
        text.ShouldContain("Second page label");
        text.ShouldNotContain("Keep me");
        await editor.Locator("[data-testid=export-dialog]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await editor.Locator("[data-testid=status]:has-text('PDF exported')").WaitForAsync();

        // Selection only, A3 portrait, one sheet per page: only the selected shape reaches the PDF.
        await editor.Locator("[data-testid=page-tab-0]").ClickAsync();
        await editor.Locator(EditorSteps.Shapes).First.ClickAsync(new() { Force = true }); // the label lies over the shape
        await editor.Locator("[data-testid=export]").ClickAsync();
        await editor.Locator("[data-testid=export-pages]").SelectOptionAsync("selection");
        await editor.Locator("[data-testid=export-paper]").SelectOptionAsync("a3");
        download = await session.Page.RunAndWaitForDownloadAsync(() => editor.Locator("[data-testid=export-run]").ClickAsync(), new() { Timeout = 60_000 });
        bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        info = await Poppler.InfoAsync(bytes);
        info.Pages.ShouldBe(1);
        info.PageSizes[0].Width.ShouldBe(841.9, 1.5, "A3 portrait");
        info.PageSizes[0].Height.ShouldBe(1190.6, 1.5);
        text = await Poppler.TextAsync(bytes);
        text.ShouldContain("Keep me");
        text.ShouldNotContain("Leave me");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task PngAndSvg_HonourScaleTransparencyBorderAndSelection_AndABadValueIsNamed()
    {
        await using var session = await system.OpenAsync(nameof(PngAndSvg_HonourScaleTransparencyBorderAndSelection_AndABadValueIsNamed));
        var (editor, frame) = await session.InsertDiagramAsync();
        await EditorSteps.LoadAsync(frame, TwoPages);
        await editor.Locator(EditorSteps.Shapes).First.ClickAsync(new() { Force = true }); // the label lies over the shape

        // SVG of the selection only, no border.
        await editor.Locator("[data-testid=export]").ClickAsync();
        await editor.Locator("[data-testid=export-format]").SelectOptionAsync("svg");
        (await editor.Locator("[data-testid=export-selection]").IsCheckedAsync()).ShouldBeTrue("a selection exports only itself unless unticked");
        await editor.Locator("[data-testid=export-border]").FillAsync("0");
        var download = await session.Page.RunAndWaitForDownloadAsync(() => editor.Locator("[data-testid=export-run]").ClickAsync());
        var svg = await File.ReadAllTextAsync(await download.PathAsync());
        svg.ShouldContain("Keep me");
        svg.ShouldNotContain("Leave me");
        var width = double.Parse(System.Text.RegularExpressions.Regex.Match(svg, "<svg[^>]* width=\"(\\d+)px\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        width.ShouldBeInRange(119, 124, "the selected 120 px shape and no border");

        // PNG of the whole page at scale 1, transparent, 5 px border; a scale out of bounds is refused first.
        await editor.Locator("[data-testid=export]").ClickAsync();
        await editor.Locator("[data-testid=export-format]").SelectOptionAsync("png");
        await editor.Locator("[data-testid=export-selection]").UncheckAsync();
        await editor.Locator("[data-testid=export-image-scale]").FillAsync("9");
        await editor.Locator("[data-testid=export-run]").ClickAsync();
        await editor.Locator("[data-testid=export-error]:has-text('Scale must be a number from 0.25 to 4')").WaitForAsync();
        await editor.Locator("[data-testid=export-image-scale]").FillAsync("1");
        await editor.Locator("[data-testid=export-transparent]").CheckAsync();
        await editor.Locator("[data-testid=export-border]").FillAsync("5");
        download = await session.Page.RunAndWaitForDownloadAsync(() => editor.Locator("[data-testid=export-run]").ClickAsync());
        var png = await File.ReadAllBytesAsync(await download.PathAsync());
        Encoding.ASCII.GetString(png, 1, 3).ShouldBe("PNG");
        var pngWidth = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
        pngWidth.ShouldBeInRange(485, 500, "both shapes (x 40 to 520) at scale 1 plus 5 px each side");
        var corner = await frame.EvaluateAsync<int>( // decoded in the editor's frame, whose CSP allows data: images
            "async b64 => { const img = new Image(); img.src = 'data:image/png;base64,' + b64; await img.decode(); const c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight; const g = c.getContext('2d'); g.drawImage(img, 0, 0); return g.getImageData(1, 1, 1, 1).data[3]; }",
            Convert.ToBase64String(png));
        corner.ShouldBe(0, "the background is transparent");
        session.ShouldHaveNoConsoleErrors();
    }
}
