using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Shouldly;
using Xunit;
using static Diagrams.App.Tests.Browser.EditorSteps;

namespace Diagrams.App.Tests.Browser;

/// <summary>
/// draw.io's bundled icons (<c>image=img/lib/...</c>, as draw.io's sidebars and templates write them) in the viewer and
/// the editor: drawn from our own icons/ assets as data URIs, so no &lt;image&gt; fetches anything; a name that leaves
/// img/lib/ or that the index lacks draws nothing and is never requested.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class IconTests(BrowserSystem system)
{
    /// <summary>The href of every &lt;image&gt; in the drawing pane (the editor's handles left out), in document order.</summary>
    private const string ImageHrefs = """
        () => JSON.stringify([...document.querySelectorAll('svg > g > g:nth-child(2) image')].map((e) => e.getAttribute('href') || e.getAttributeNS('http://www.w3.org/1999/xlink', 'href') || ''))
        """;

    private const string DrawnImages = "() => document.querySelectorAll('[data-testid=canvas] svg > g > g:nth-child(2) image').length";

    private const string Icons = """
        <mxCell id="vm" value="VM" style="image;html=1;image=img/lib/azure2/compute/Virtual_Machine.svg;" vertex="1" parent="1"><mxGeometry x="40" y="40" width="69" height="64" as="geometry"/></mxCell>
        <mxCell id="mon" value="Monitor" style="shape=image;html=1;verticalLabelPosition=bottom;verticalAlign=top;imageAspect=0;aspect=fixed;image=img/lib/clip_art/computers/Monitor_128x128.png;" vertex="1" parent="1"><mxGeometry x="200" y="40" width="80" height="80" as="geometry"/></mxCell>
        """;

    [Fact]
    public async Task IconsFromImgLib_InTheViewer_AreDrawnAsDataUris_FromOurOwnIconAssets()
    {
        await using var session = await system.OpenAsync(nameof(IconsFromImgLib_InTheViewer_AreDrawnAsDataUris_FromOurOwnIconAssets));
        var requests = Record(session);
        await session.ViewDiagramAsync("icons.drawio", Encoding.UTF8.GetBytes(Diagram(Icons)));
        var frame = await session.FrameAsync("macro-frame-0");
        await session.ScreenshotAsync("viewer");

        var hrefs = await JsonAsync<List<string>>(frame, ImageHrefs);
        hrefs.Count.ShouldBe(2, string.Join(" | ", hrefs.Select(h => h[..Math.Min(h.Length, 60)])));
        hrefs[0].ShouldStartWith("data:image/svg+xml,%3Csvg");
        hrefs[0].Length.ShouldBeGreaterThan(1000, "the Azure icon's own drawing");
        hrefs[1].ShouldStartWith("data:image/png;base64,iVBORw0KGgo");
        hrefs[1].Length.ShouldBeGreaterThan(1000, "the clip art picture's own pixels");
        (await frame.EvaluateAsync<string>("() => JSON.stringify(window.diagramViewer.unresolvedShapes())")).ShouldBe("{}");

        var app = new Uri(new Uri(frame.Url), "/static/app/icons/").ToString();
        var icons = requests.Where(r => r.Contains("/icons/", StringComparison.Ordinal)).Select(r => r.Split('?')[0]).Distinct().Order().ToList();
        icons.Count.ShouldBe(3, string.Join(" ", icons));
        icons.ShouldAllBe(r => r.StartsWith(app, StringComparison.Ordinal), "the app's own origin and folder");
        icons.Select(r => r[app.Length..]).ShouldSatisfyAllConditions(
            f => f.ShouldContain("index.json.gz"),
            f => f.ShouldContain(n => n.StartsWith("azure2.compute.", StringComparison.Ordinal), "the pack holding the Azure icon"),
            f => f.ShouldContain(n => n.StartsWith("clip_art.computers.", StringComparison.Ordinal), "the pack holding the clip art"));
        requests.ShouldNotContain(r => r.Contains("img/lib", StringComparison.Ordinal) || r.Contains("Virtual_Machine", StringComparison.Ordinal));
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task IconNames_OutsideImgLib_OrNotInTheIndex_DrawADashedOutline_AndAreNeverRequested()
    {
        await using var session = await system.OpenAsync(nameof(IconNames_OutsideImgLib_OrNotInTheIndex_DrawADashedOutline_AndAreNeverRequested));
        var requests = Record(session);
        var images = new[]
        {
            "img/lib/../../../static/app/viewer.js", "img/lib/azure2/../../secret.svg", "img/lib/azure2/compute/No_Such_Icon.svg",
            "img/lib/azure2/compute/Virtual_Machine.svg?x=1", "/img/lib/azure2/compute/Virtual_Machine.svg", "https://example.invalid/img/lib/azure2/compute/Virtual_Machine.svg",
        };
        var cells = string.Concat(images.Select((image, i) =>
            $"""<mxCell id="b{i}" value="bad-{i}" style="shape=image;html=1;image={image};" vertex="1" parent="1"><mxGeometry x="{40 + i * 120}" y="40" width="80" height="80" as="geometry"/></mxCell>"""));
        var viewer = await session.ViewDiagramAsync("bad-icons.drawio", Encoding.UTF8.GetBytes(Diagram(cells)));
        var frame = await session.FrameAsync("macro-frame-0");
        await session.ScreenshotAsync("viewer");

        (await JsonAsync<List<string>>(frame, ImageHrefs)).ShouldBeEmpty("no image is drawn, so nothing is fetched by an <image>");
        (await frame.EvaluateAsync<int>("() => document.querySelectorAll('svg > g > g:nth-child(2) rect[stroke-dasharray][fill=\"none\"]').length"))
            .ShouldBe(images.Length, "each shows where its picture would be: a dashed outline, no fill");
        var unresolved = JsonSerializer.Deserialize<Dictionary<string, int>>(await frame.EvaluateAsync<string>("() => JSON.stringify(window.diagramViewer.unresolvedShapes())"))!;
        unresolved.Keys.Order().ShouldBe(images.Where(i => i.StartsWith("img/lib/", StringComparison.Ordinal)).Order());
        for (var i = 0; i < images.Length; i++)
        {
            (await viewer.Locator($"text=bad-{i}").CountAsync()).ShouldBe(1, $"cell {i} keeps its label");
        }

        requests.Where(r => r.Contains("/icons/", StringComparison.Ordinal)).Select(r => r.Split('?')[0]).Distinct()
            .ShouldBe([new Uri(new Uri(frame.Url), "/static/app/icons/index.json.gz").ToString()], "only the index is read: the one valid name is not in it");
        requests.ShouldNotContain(r => r.Contains("example.invalid", StringComparison.Ordinal) || r.Contains("img/lib", StringComparison.Ordinal)
            || r.Contains("secret", StringComparison.Ordinal) || r.Contains("No_Such_Icon", StringComparison.Ordinal) || r.Contains("Virtual_Machine", StringComparison.Ordinal));
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task BoxesWithAnImage_DrawIt_AsDrawiosLabelShape_AndARemoteOneAsADashedSlot()
    {
        // draw.io's boxes are its label shape: an image on one (Edit Image, the label; and orgchart styles) is drawn in the
        // box at imageAlign, imageWidth x imageHeight. Ours were rectangles, which draw no image.
        await using var session = await system.OpenAsync(nameof(BoxesWithAnImage_DrawIt_AsDrawiosLabelShape_AndARemoteOneAsADashedSlot));
        var requests = Record(session);
        var square = Convert.ToBase64String(Encoding.UTF8.GetBytes("""<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#c00"/></svg>"""));
        var cells = $"""
            <mxCell id="l" value="Label style" style="label;image=data:image/svg+xml,{square};whiteSpace=wrap;html=1;" vertex="1" parent="1"><mxGeometry x="40" y="40" width="180" height="70" as="geometry"/></mxCell>
            <mxCell id="p" value="Plain box" style="rounded=0;whiteSpace=wrap;html=1;image=img/lib/azure2/compute/Virtual_Machine.svg;" vertex="1" parent="1"><mxGeometry x="260" y="40" width="180" height="70" as="geometry"/></mxCell>
            <mxCell id="r" value="Remote" style="label;image=https://example.invalid/avatar.png;whiteSpace=wrap;html=1;" vertex="1" parent="1"><mxGeometry x="40" y="140" width="180" height="70" as="geometry"/></mxCell>
            """;
        await session.ViewDiagramAsync("boxes-with-images.drawio", Encoding.UTF8.GetBytes(Diagram(cells)));
        var frame = await session.FrameAsync("macro-frame-0");
        await session.ScreenshotAsync("viewer");

        var hrefs = await JsonAsync<List<string>>(frame, ImageHrefs);
        hrefs.Count.ShouldBe(2, "the label's and the plain box's images; the remote one is not drawn");
        hrefs[0].ShouldStartWith("data:image/svg+xml;base64,");
        hrefs[1].ShouldStartWith("data:image/svg+xml,%3Csvg", Case.Sensitive, "the box's img/lib icon from our own assets");
        var boxes = await JsonAsync<List<List<double>>>(frame, """
            () => JSON.stringify([...document.querySelectorAll('svg > g > g:nth-child(2) image'), document.querySelector('svg > g > g:nth-child(2) rect[stroke-dasharray]')]
              .map((e) => { const b = e.getBBox(); return [b.x, b.y, b.width, b.height]; }))
            """);
        boxes.Count.ShouldBe(3, "two images and one dashed slot");
        var (label, remote) = (boxes[0], boxes[2]);
        label[2].ShouldBe(label[3], 0.5, "the label style's image is square");
        boxes[1][2].ShouldBeLessThan(label[2], "a plain box's image is the default size, smaller than the label style's 42");
        remote[2].ShouldBe(label[2], 0.5, "the remote image's slot has the label style's image size");
        (await frame.EvaluateAsync<string>("() => JSON.stringify(window.diagramViewer.unresolvedShapes())")).ShouldBe("{}");
        requests.ShouldNotContain(r => r.Contains("example.invalid", StringComparison.Ordinal));
        session.ShouldHaveNoConsoleErrors();
    }

    [Theory]
    [InlineData(HostMode.Connect)]
    [InlineData(HostMode.Forge)]
    public async Task IconsFromImgLib_InTheEditor_AreDrawnAsDataUris_AlsoAfterAnEdit_AndTheFileKeepsDrawiosNames(HostMode mode)
    {
        await using var session = await system.OpenAsync(nameof(IconsFromImgLib_InTheEditor_AreDrawnAsDataUris_AlsoAfterAnEdit_AndTheFileKeepsDrawiosNames), mode);
        var (editor, frame) = await session.InsertDiagramAsync();
        const string Plain = """<mxCell id="plain" value="Plain" style="rounded=0;html=1;" vertex="1" parent="1"><mxGeometry x="360" y="40" width="80" height="80" as="geometry"/></mxCell>""";
        await LoadAsync(frame, Diagram(Icons + Plain));
        await WaitForAsync(frame, $"() => ({DrawnImages})() === 2", 30_000);
        await session.ScreenshotAsync("loaded");

        // A style edited to name an icon of another pack: loaded after the change, then drawn.
        var label = (await editor.Locator("text=Plain").BoundingBoxAsync())!;
        await session.Page.Mouse.ClickAsync(label.X + (label.Width / 2) - 25, label.Y + (label.Height / 2) - 12); // inside the shape, off its connect icon
        await WaitForAsync(frame, "() => window.diagramEditor.selectedIds().join() === 'plain'");
        await session.Page.Keyboard.PressAsync("Control+E");
        await editor.Locator("[data-testid=edit-style-text]").FillAsync("shape=image;html=1;image=img/lib/ibm/vpc/FloatingIP.svg;");
        await editor.Locator("[data-testid=edit-style-apply]").ClickAsync();
        await WaitForAsync(frame, $"() => ({DrawnImages})() === 3", 30_000);
        await session.ScreenshotAsync("edited");

        var hrefs = await JsonAsync<List<string>>(frame, ImageHrefs);
        hrefs.Count.ShouldBe(3);
        hrefs.ShouldAllBe(h => h.StartsWith("data:image/", StringComparison.Ordinal) && h.Length > 1000);
        (await session.EditorAsync<string>("e => JSON.stringify(e.unresolvedShapes())")).ShouldBe("{}");
        var xml = await XmlAsync(frame);
        StyleOf(Cell(xml, "vm")).ShouldContain("image=img/lib/azure2/compute/Virtual_Machine.svg", Case.Sensitive, "the file keeps draw.io's name, not our data URI");
        StyleOf(Cell(xml, "plain")).ShouldContain("image=img/lib/ibm/vpc/FloatingIP.svg", Case.Sensitive);
        session.ShouldHaveNoConsoleErrors();
    }

    /// <summary>Every URL the tab (and its frames) requests from now on.</summary>
    private static ConcurrentQueue<string> Record(Session session)
    {
        var requests = new ConcurrentQueue<string>();
        session.Page.Request += (_, request) => requests.Enqueue(request.Url);
        return requests;
    }
}
