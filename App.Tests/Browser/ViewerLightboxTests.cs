using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Browser;

/// <summary>
/// The viewer's full view (Connect's full-size dialog, Forge's modal) as draw.io's lightbox, in Debian Chromium inside
/// HostSim's sandbox: zoom in/out/100%/fit with buttons and Ctrl+wheel, drag to pan, page tabs, a layers menu that hides
/// a layer for viewing only, and Edit, shown only when Confluence says the user may edit the page, leading to the
/// page's editor. The inline viewer keeps its fit-to-width view.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ViewerLightboxTests(BrowserSystem system)
{
    private const string File = """
        <mxfile><diagram id="p1" name="Overview"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/><mxCell id="n" value="Notes" parent="0"/>
        <mxCell id="a" value="Base shape" style="rounded=0;whiteSpace=wrap;html=1;" vertex="1" parent="1"><mxGeometry x="40" y="40" width="160" height="80" as="geometry"/></mxCell>
        <mxCell id="b" value="Sticky note" style="rounded=0;whiteSpace=wrap;html=1;" vertex="1" parent="n"><mxGeometry x="280" y="40" width="160" height="80" as="geometry"/></mxCell>
        </root></mxGraphModel></diagram>
        <diagram id="p2" name="Details"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>
        <mxCell id="c" value="Second page" style="rounded=0;whiteSpace=wrap;html=1;" vertex="1" parent="1"><mxGeometry x="40" y="40" width="160" height="80" as="geometry"/></mxCell>
        </root></mxGraphModel></diagram></mxfile>
        """;

    [Fact]
    public async Task Lightbox_Keys_ZoomChangePagesAndClose_AsInDrawiosLightbox()
    {
        await using var session = await system.OpenAsync(nameof(Lightbox_Keys_ZoomChangePagesAndClose_AsInDrawiosLightbox));
        var page = session.Page;
        var lightbox = await OpenLightboxAsync(session);
        var zoom = lightbox.Locator("[data-testid=lightbox-zoom]");
        await lightbox.Locator("[data-testid=lightbox-canvas]:focus").WaitForAsync(); // the lightbox takes the keyboard when it opens

        await page.Keyboard.PressAsync("+");
        await lightbox.Locator("[data-testid=lightbox-zoom]:text-is('125%')").WaitForAsync();
        await page.Keyboard.PressAsync("-");
        await page.Keyboard.PressAsync("-");
        await lightbox.Locator("[data-testid=lightbox-zoom]:text-is('80%')").WaitForAsync();
        await page.Keyboard.PressAsync("0");
        (await PercentAsync(zoom)).ShouldBe(100, "0 is actual size");

        await page.Keyboard.PressAsync("ArrowRight");
        await lightbox.Locator("#app[data-page='1']").WaitForAsync();
        await lightbox.GetByText("Second page", new() { Exact = true }).WaitForAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowLeft");
        await lightbox.Locator("#app[data-page='0']").WaitForAsync();

        await page.Keyboard.PressAsync("Escape");
        await page.Locator($"[data-testid={FullViewFrame(session)}]").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 30_000 });
        session.ShouldHaveNoConsoleErrors();
    }

    [Theory]
    [InlineData(HostMode.Connect)]
    [InlineData(HostMode.Forge)]
    public async Task Lightbox_Zooms_Pans_SwitchesPages_AndHidesALayerForViewingOnly(HostMode mode)
    {
        await using var session = await system.OpenAsync(nameof(Lightbox_Zooms_Pans_SwitchesPages_AndHidesALayerForViewingOnly), mode);
        var page = session.Page;
        var lightbox = await OpenLightboxAsync(session);
        var zoom = lightbox.Locator("[data-testid=lightbox-zoom]");
        var start = await PercentAsync(zoom);
        start.ShouldBe(100, "a small page opens at 100% (fitted, never enlarged)");

        await lightbox.Locator("[data-testid=lightbox-zoom-in]").ClickAsync();
        (await PercentAsync(zoom)).ShouldBe(125);
        var shape = lightbox.GetByText("Base shape", new() { Exact = true });
        var zoomedWidth = (await shape.BoundingBoxAsync())!.Width;
        await lightbox.Locator("[data-testid=lightbox-zoom-out]").ClickAsync();
        await lightbox.Locator("[data-testid=lightbox-zoom-out]").ClickAsync();
        (await PercentAsync(zoom)).ShouldBe(80);
        (await shape.BoundingBoxAsync())!.Width.ShouldBeLessThan(zoomedWidth, "the drawing itself got smaller");

        // Ctrl+wheel zooms in at the pointer.
        var canvas = (await lightbox.Locator("[data-testid=lightbox-canvas]").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(canvas.X + (canvas.Width / 2), canvas.Y + (canvas.Height / 2));
        await page.Keyboard.DownAsync("Control");
        await page.Mouse.WheelAsync(0, -100);
        await page.Keyboard.UpAsync("Control");
        await lightbox.Locator("[data-testid=lightbox-zoom]:not(:text-is('80%'))").WaitForAsync();
        (await PercentAsync(zoom)).ShouldBeGreaterThan(80);

        await lightbox.Locator("[data-testid=lightbox-zoom-actual]").ClickAsync();
        (await PercentAsync(zoom)).ShouldBe(100);
        await lightbox.Locator("[data-testid=lightbox-zoom-fit]").ClickAsync();
        (await PercentAsync(zoom)).ShouldBeGreaterThan(100, "Fit fills the full-size dialog with the small page");

        // A drag on the blank canvas pans the drawing by as much.
        var before = (await shape.BoundingBoxAsync())!;
        await EditorSteps.DragAsync(page, canvas.X + 20, canvas.Y + canvas.Height - 20, canvas.X + 120, canvas.Y + canvas.Height - 60);
        var after = (await shape.BoundingBoxAsync())!;
        (after.X - before.X).ShouldBe(100, 2);
        (after.Y - before.Y).ShouldBe(-40, 2);
        await session.ScreenshotAsync("zoomed-and-panned");

        // Layers: hiding "Notes" hides its shape and leaves the other layer.
        var sticky = lightbox.GetByText("Sticky note", new() { Exact = true });
        (await sticky.IsVisibleAsync()).ShouldBeTrue();
        await lightbox.Locator("[data-testid=lightbox-layers]").ClickAsync();
        await lightbox.Locator("[data-testid=lightbox-layer-1]").UncheckAsync();
        await sticky.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        (await shape.IsVisibleAsync()).ShouldBeTrue();
        await session.ScreenshotAsync("layer-hidden");
        await lightbox.Locator("[data-testid=lightbox-layer-1]").CheckAsync();
        await sticky.WaitForAsync();

        await lightbox.Locator("[data-testid=viewer-page-1]").ClickAsync();
        await lightbox.Locator("#app[data-page='1']").WaitForAsync();
        await lightbox.GetByText("Second page", new() { Exact = true }).WaitForAsync();
        (await lightbox.Locator("[data-testid=lightbox-layers]").IsVisibleAsync()).ShouldBeFalse("a page with one layer has no layers menu");

        await lightbox.Locator("[data-testid=viewer-close]").ClickAsync();
        await page.Locator($"[data-testid={FullViewFrame(session)}]").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 30_000 });
        var inline = page.FrameLocator("[data-testid=macro-frame-0]");
        (await inline.Locator("[data-testid=lightbox-zoom]").CountAsync()).ShouldBe(0, "the inline viewer keeps its own bar");
        (await inline.Locator("[data-testid=viewer-fullscreen]").IsVisibleAsync()).ShouldBeTrue();
        session.ShouldHaveNoConsoleErrors();
    }

    [Theory]
    [InlineData(HostMode.Connect)]
    [InlineData(HostMode.Forge)]
    public async Task Lightbox_Edit_IsShownToAUserWhoMayEditThePage_AndOpensItsEditor_ButNotToAUserWhoMayNot(HostMode mode)
    {
        await using var session = await system.OpenAsync(nameof(Lightbox_Edit_IsShownToAUserWhoMayEditThePage_AndOpensItsEditor_ButNotToAUserWhoMayNot), mode);
        var page = session.Page;
        var lightbox = await OpenLightboxAsync(session);
        await lightbox.Locator("[data-testid=lightbox-edit]").ClickAsync();
        // The placeholder is drawn only by the page in edit mode, so it appearing is the navigation having landed. (Waiting
        // for the URL instead waited for the page's load event as well, which now and then did not come within 30 s here.)
        await page.Locator("[data-testid=macro-placeholder-0]").WaitForAsync(new() { Timeout = 30_000 });
        page.Url.ShouldContain("edit=1");
        (await page.Locator("[data-testid=page-publish]").IsVisibleAsync()).ShouldBeTrue("the page is open for editing");
        await session.ScreenshotAsync("page-editor");

        var confluence = session.Sandbox.Confluence;
        await session.Owner.System.Sim.RestrictAsync(new(confluence.SiteId, confluence.ClientKey, confluence.BaseUrl, 200, string.Empty), confluence.PageId, viewers: null, editors: []);
        await page.GotoAsync(session.ConfluencePageUrl);
        var viewer = page.FrameLocator("[data-testid=macro-frame-0]");
        await viewer.Locator("#app[data-cells]").WaitForAsync(new() { Timeout = 30_000 });
        await viewer.Locator("[data-testid=viewer-fullscreen]").ClickAsync();
        var readOnly = page.FrameLocator($"[data-testid={FullViewFrame(session)}]");
        await readOnly.Locator("[data-testid=viewer-close]").WaitForAsync(new() { Timeout = 30_000 });
        (await readOnly.Locator("[data-testid=lightbox-edit]").CountAsync()).ShouldBe(0, "Confluence does not list update among this user's operations");
        await session.ScreenshotAsync("read-only");
        session.ShouldHaveNoConsoleErrors();
    }

    private static string FullViewFrame(Session session) => session.Mode == HostMode.Forge ? "modal-frame" : "dialog-frame";

    private static async Task<IFrameLocator> OpenLightboxAsync(Session session)
    {
        var viewer = await LinksAndDataTests.ShowAsync(session, "Layers", Encoding.UTF8.GetBytes(File));
        await viewer.Locator("[data-testid=viewer-fullscreen]").ClickAsync();
        var lightbox = session.Page.FrameLocator($"[data-testid={FullViewFrame(session)}]");
        await lightbox.Locator("[data-testid=viewer][data-cells]").WaitForAsync(new() { Timeout = 30_000 });
        await session.ScreenshotAsync("lightbox");
        return lightbox;
    }

    private static async Task<int> PercentAsync(ILocator zoom) =>
        int.Parse((await zoom.TextContentAsync())!.TrimEnd('%'), CultureInfo.InvariantCulture);
}
