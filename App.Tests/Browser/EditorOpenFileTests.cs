using System.Text;
using System.Xml.Linq;
using Diagrams.App.Tests.Converter;
using Diagrams.Converter.Pdf;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Browser;

/// <summary>
/// Bringing diagrams into the macro editor in Debian Chromium inside HostSim's sandbox: Open file (.drawio, .drawio.png,
/// .drawio.svg read in the browser; .vsdx/.gliffy refused under lockdown), a bad file refused with its reason and nothing
/// changed, a file dropped on the canvas, Ctrl+V of draw.io XML, and "Use an existing diagram" in Insert diagram.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class EditorOpenFileTests(BrowserSystem system)
{
    private const string Cells = """<mxCell id="a" value="Harbour Gate" style="rounded=1;whiteSpace=wrap;html=1;" vertex="1" parent="1"><mxGeometry x="40" y="40" width="120" height="60" as="geometry"/></mxCell><mxCell id="b" value="Customs" style="ellipse;whiteSpace=wrap;html=1;" vertex="1" parent="1"><mxGeometry x="240" y="40" width="120" height="60" as="geometry"/></mxCell>""";
    private const string TwoShapesModel = $"""<mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>{Cells}</root></mxGraphModel>""";
    private const string TwoShapes = $"""<mxfile><diagram id="two" name="Two shapes">{TwoShapesModel}</diagram></mxfile>""";

    [Fact]
    public async Task OpenFile_DrawioPngAndSvg_OpenIntoTheEmptyDiagram_ThenAddShapesOrPagesAsDrawiosImportDoes()
    {
        await using var session = await system.OpenAsync(nameof(OpenFile_DrawioPngAndSvg_OpenIntoTheEmptyDiagram_ThenAddShapesOrPagesAsDrawiosImportDoes));
        var (editor, frame) = await session.InsertDiagramAsync();
        var dataFlow = Fixtures.Path("data-flow.drawio");
        var dataFlowPages = XDocument.Load(dataFlow).Descendants("diagram").Select(d => (string)d.Attribute("name")!).ToList();

        var chooser = await session.Page.RunAndWaitForFileChooserAsync(() => editor.Locator("[data-testid=open-file]").ClickAsync());
        await chooser.SetFilesAsync(dataFlow);
        await StatusAsync(editor, "Opened data-flow.drawio");
        (await PageNamesAsync(frame)).ShouldBe(dataFlowPages, "into the new, empty diagram the file opens as it is");
        var cells = await CellCountAsync(frame);
        cells.ShouldBe(DrawnCells(DiagramFile.Read(await File.ReadAllBytesAsync(dataFlow), new PdfOptions())[0].ModelXml));
        await session.ScreenshotAsync("drawio-opened");

        await OpenAsync(editor, "ports.drawio.png", DrawioFiles.Png(TwoShapes));
        await StatusAsync(editor, "Added 2 shapes from ports.drawio.png to this page");
        (await CellCountAsync(frame)).ShouldBe(cells + 2, "a one-page file's shapes join the current page");
        (await PageNamesAsync(frame)).ShouldBe(dataFlowPages);
        (await XmlAsync(frame)).ShouldContain("Harbour Gate");

        await OpenAsync(editor, "legacy.png", DrawioFiles.LegacyPng(TwoShapesModel.Replace("Harbour Gate", "Old Harbour Gate", StringComparison.Ordinal)));
        await StatusAsync(editor, "Added 2 shapes from legacy.png");
        (await CellCountAsync(frame)).ShouldBe(cells + 4);
        (await XmlAsync(frame)).ShouldContain("Old Harbour Gate", customMessage: "the zTXt chunk's '+' are spaces again");

        var c4 = await File.ReadAllTextAsync(Fixtures.Path("C4.drawio")); // four compressed pages, as draw.io writes them
        await OpenAsync(editor, "c4.drawio.svg", DrawioFiles.Svg(c4));
        await StatusAsync(editor, "Added 4 pages from c4.drawio.svg after the existing pages");
        var c4Pages = XDocument.Parse(c4).Descendants("diagram").Select(d => (string)d.Attribute("name")!);
        (await PageNamesAsync(frame)).ShouldBe([.. dataFlowPages, .. c4Pages]);
        await session.ScreenshotAsync("svg-pages-added");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task OpenFile_MalformedOversizedOrWithADtd_SaysWhatIsWrong_AndChangesNothing()
    {
        await using var session = await system.OpenAsync(nameof(OpenFile_MalformedOversizedOrWithADtd_SaysWhatIsWrong_AndChangesNothing));
        var (editor, frame) = await session.InsertDiagramAsync();
        await editor.Locator("[data-testid=palette-rectangle]").ClickAsync();
        var before = await XmlAsync(frame);
        var files = new (string Name, string Reason)[]
        {
            ("broken.drawio", "not well-formed XML"),
            ("entity.drawio", "declares a DTD"),
            ("large.drawio", "files of at most 20 MiB can be opened"),
            ("photo.png", "the PNG has no embedded draw.io diagram"),
            ("cut.drawio.png", "the PNG is cut off"),
            ("empty.drawio", "it has no shapes"),
            ("loop.drawio", "is inside itself"),
            ("notes.txt", "only draw.io files"),
        };

        foreach (var (name, reason) in files)
        {
            await OpenAsync(editor, name, BadFile(name));
            await editor.Locator($"[data-testid=status].de-status-error:has-text('{name} cannot be opened')").WaitForAsync();
            (await editor.Locator("[data-testid=status]").TextContentAsync()).ShouldNotBeNull().ShouldContain(reason, customMessage: name);
            (await XmlAsync(frame)).ShouldBe(before, name);
        }

        await session.ScreenshotAsync("refused");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task DropAndPaste_OfDrawioXml_AddTheShapesWhereDroppedAndFromTheClipboard_WhileCtrlVStillPastesCopiedShapes()
    {
        await using var session = await system.OpenAsync(nameof(DropAndPaste_OfDrawioXml_AddTheShapesWhereDroppedAndFromTheClipboard_WhileCtrlVStillPastesCopiedShapes));
        var (editor, frame) = await session.InsertDiagramAsync();
        var page = session.Page;
        await editor.Locator("[data-testid=palette-rectangle]").ClickAsync();

        (await DropAsync(frame, "dropped.drawio", TwoShapes, 300, 200)).ShouldBeFalse("the editor takes the drop (the browser would open the file instead)");
        await WaitForAsync(frame, "e => e.cellCount() === 3");
        await DropAsync(frame, "dropped.drawio", TwoShapes, 400, 250);
        await WaitForAsync(frame, "e => e.cellCount() === 5");
        var gates = Vertices(await XmlAsync(frame)).Where(c => (string?)c.Attribute("value") == "Harbour Gate").Select(Position).ToList();
        gates.Count.ShouldBe(2);
        (gates[1].X - gates[0].X, gates[1].Y - gates[0].Y).ShouldBe((100, 50), "each drop lands where it is dropped");
        await session.ScreenshotAsync("dropped");

        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await CopyToClipboardAsync(page, TwoShapes.Replace("Harbour Gate", "Pasted Quay", StringComparison.Ordinal));
        await ClickBlankCanvasAsync(page, editor);
        await page.Keyboard.PressAsync("Control+V");
        await WaitForAsync(frame, "e => e.cellCount() === 7");
        (await XmlAsync(frame)).ShouldContain("Pasted Quay");

        // draw.io itself puts copied cells on the clipboard URL-encoded.
        await CopyToClipboardAsync(page, Uri.EscapeDataString(TwoShapesModel.Replace("Harbour Gate", "Encoded Pier", StringComparison.Ordinal)));
        await page.Keyboard.PressAsync("Control+V");
        await WaitForAsync(frame, "e => e.cellCount() === 9");
        (await XmlAsync(frame)).ShouldContain("Encoded Pier");

        await CopyToClipboardAsync(page, "just some words");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.PressAsync("Control+C");
        await page.Keyboard.PressAsync("Control+V");
        await WaitForAsync(frame, "e => e.cellCount() === 18");
        await session.ScreenshotAsync("pasted");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task InsertDiagram_UseAnExistingDiagram_ListsThePagesDiagrams_AndSavingAddsAVersionOfTheOneOpened()
    {
        await using var session = await system.OpenAsync(nameof(InsertDiagram_UseAnExistingDiagram_ListsThePagesDiagrams_AndSavingAddsAVersionOfTheOneOpened));
        var (editor, frame) = await session.InsertDiagramAsync();
        var component = await File.ReadAllBytesAsync(Fixtures.Path("uml-component-example.drawio"));
        await UploadAsUserAsync(session, "Network.drawio", "application/octet-stream", component); // as uploaded from draw.io
        await UploadAsUserAsync(session, "Old flow", "application/vnd.jgraph.mxfile", Encoding.UTF8.GetBytes(TwoShapes)); // as our saves write
        await UploadAsUserAsync(session, "photo.png", "image/png", DrawioFiles.PlainPng());

        await editor.Locator("[data-testid=use-existing]").ClickAsync();
        await editor.Locator("[data-testid=existing-open]:enabled").WaitForAsync();
        (await editor.Locator("[data-testid=existing-list] option").AllTextContentsAsync()).ShouldBe(["Network.drawio", "Old flow"]);
        await editor.Locator("[data-testid=existing-list]").SelectOptionAsync("Network.drawio");
        await editor.Locator("[data-testid=existing-open]").ClickAsync();
        var cells = DrawnCells(DiagramFile.Read(component, new PdfOptions())[0].ModelXml);
        await WaitForAsync(frame, $"e => e.cellCount() === {cells}");
        (await editor.Locator("[data-testid=diagram-name]").InputValueAsync()).ShouldBe("Network.drawio");
        (await editor.Locator("[data-testid=diagram-name]").GetAttributeAsync("readonly")).ShouldNotBeNull();
        await session.ScreenshotAsync("existing-opened");

        await editor.Locator("[data-testid=palette-rectangle]").ClickAsync();
        await editor.Locator("[data-testid=save]").ClickAsync();
        await session.Page.Locator("[data-testid=editor-frame]").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 30_000 });
        var site = new Infrastructure.Site(session.Sandbox.Confluence.SiteId, session.Sandbox.Confluence.ClientKey, session.Sandbox.Confluence.BaseUrl, 204, string.Empty);
        var network = (await system.System.Sim.AttachmentsAsync(site)).Single(a => a.GetProperty("name").GetString() == "Network.drawio");
        network.GetProperty("versions").GetArrayLength().ShouldBe(2, "the save is a new version of the attachment opened");
        var saved = Encoding.UTF8.GetString(await system.System.Sim.AttachmentContentAsync(site, network.GetProperty("id").GetString()!, 2));
        DrawnCells(XDocument.Parse(saved).Descendants("diagram").First().Element("mxGraphModel")!.ToString()).ShouldBe(cells + 1);
        var macros = await session.Page.APIRequest.GetAsync($"{system.System.Sim.Url}sandbox/{session.Sandbox.Confluence.SiteId}/api/pages/{session.Sandbox.Confluence.PageId}/macros");
        var macro = (await macros.JsonAsync())!.Value.GetProperty("macros")[0].GetProperty("params");
        (macro.GetProperty("diagramName").GetString(), macro.GetProperty("revision").GetString()).ShouldBe(("Network.drawio", "2"));

        // A new diagram named like an existing one is offered that one instead of only being refused.
        await session.Page.ClickAsync("[data-testid=insert-diagram]");
        await editor.Locator("[data-testid=canvas]").WaitForAsync(new() { Timeout = 30_000 });
        frame = await session.FrameAsync("editor-frame");
        await frame.WaitForFunctionAsync("() => window.diagramEditor !== undefined", null, new() { Timeout = 30_000 });
        await editor.Locator("[data-testid=diagram-name]").FillAsync("Old flow");
        await editor.Locator("[data-testid=palette-ellipse]").ClickAsync();
        await editor.Locator("[data-testid=save]").ClickAsync();
        await editor.Locator("[data-testid=status].de-status-error:has-text('already has a diagram named \"Old flow\"')").WaitForAsync(new() { Timeout = 30_000 });
        await editor.Locator("[data-testid=existing-open]:enabled").WaitForAsync();
        (await editor.Locator("[data-testid=existing-list]").InputValueAsync()).ShouldBe("Old flow");
        (await editor.Locator("[data-testid=existing-note]").TextContentAsync()).ShouldNotBeNull().ShouldContain("replaces what you drew here");
        await session.ScreenshotAsync("name-taken");
        await editor.Locator("[data-testid=existing-open]").ClickAsync();
        await WaitForAsync(frame, "e => e.cellCount() === 2 && e.getXml().includes('Harbour Gate')");
        (await editor.Locator("[data-testid=diagram-name]").GetAttributeAsync("readonly")).ShouldNotBeNull();
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task Lockdown_OpenFileRefusesVisioAndGliffyWithTheLockdownNotice_AndOpensDrawioFilesInTheBrowserAlone()
    {
        await using var session = await system.OpenAsync(nameof(Lockdown_OpenFileRefusesVisioAndGliffyWithTheLockdownNotice_AndOpensDrawioFilesInTheBrowserAlone));
        var page = session.Page;
        await page.GotoAsync(session.Sandbox.Confluence.AdminUrl);
        var admin = page.FrameLocator("[data-testid=admin-frame]");
        await admin.Locator("[data-testid=settings-help]:has-text('one of')").WaitForAsync(new() { Timeout = 30_000 });
        await admin.Locator("[data-testid=settings-json]").FillAsync("{\"dataGovernance\": \"EU\", \"lockdown\": true}");
        await admin.Locator("[data-testid=settings-save]").ClickAsync();
        await admin.Locator("[data-testid=settings-saved]:has-text('Saved')").WaitForAsync(new() { Timeout = 30_000 });
        var jobsBefore = JobRequests();
        var (euBefore, usBefore) = (system.Eu.Received.Count, system.Us.Received.Count);

        var (editor, frame) = await session.InsertDiagramAsync();
        var notice = await editor.Locator("[data-testid=features-notice]").TextContentAsync();
        notice.ShouldNotBeNull().ShouldContain("Lockdown");
        foreach (var (fixture, kind) in new[] { ("HR-Recruiting-FlowchartB_start.vsdx", "Visio"), ("Learndrawio.gliffy", "Gliffy") })
        {
            await OpenAsync(editor, fixture, await File.ReadAllBytesAsync(Fixtures.Path(fixture)));
            await editor.Locator($"[data-testid=status].de-status-error:has-text('{fixture} cannot be opened')").WaitForAsync();
            var status = await editor.Locator("[data-testid=status]").TextContentAsync();
            status.ShouldNotBeNull().ShouldContain($"{kind} files are converted by our servers");
            status.ShouldContain(notice);
        }

        (await CellCountAsync(frame)).ShouldBe(0);
        await OpenAsync(editor, "ports.drawio.png", DrawioFiles.Png(TwoShapes));
        await StatusAsync(editor, "Opened ports.drawio.png");
        (await CellCountAsync(frame)).ShouldBe(2);
        await OpenAsync(editor, "data-flow.drawio", await File.ReadAllBytesAsync(Fixtures.Path("data-flow.drawio")));
        await StatusAsync(editor, "from data-flow.drawio");
        (await frame.EvaluateAsync<int>("() => window.diagramEditor.pageCount")).ShouldBeGreaterThan(1);
        await session.ScreenshotAsync("lockdown-open");

        JobRequests().ShouldBe(jobsBefore, "under lockdown nothing is sent to our servers");
        (system.Eu.Received.Count, system.Us.Received.Count).ShouldBe((euBefore, usBefore));
        session.ShouldHaveNoConsoleErrors();
    }

    private static byte[] BadFile(string name) => name switch
    {
        "broken.drawio" => Encoding.UTF8.GetBytes("<mxfile><diagram id=\"a\" name=\"A\"><mxGraphModel><root>"),
        // A DTD after a long comment: parsed, it would define an entity that the label expands.
        "entity.drawio" => Encoding.UTF8.GetBytes($"<!--{new string('x', 5000)}--><!DOCTYPE mxfile [<!ENTITY e \"Expanded entity\">]>{TwoShapes.Replace("Harbour Gate", "&e;", StringComparison.Ordinal)}"),
        "large.drawio" => Encoding.UTF8.GetBytes(TwoShapes + new string(' ', 21 * 1024 * 1024)),
        "photo.png" => DrawioFiles.PlainPng(),
        "cut.drawio.png" => DrawioFiles.Png(TwoShapes)[..60],
        "empty.drawio" => Encoding.UTF8.GetBytes("""<mxfile><diagram id="e" name="E"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/></root></mxGraphModel></diagram></mxfile>"""),
        // Two shapes each the other's parent: a generic decoder recurses on them without end.
        "loop.drawio" => Encoding.UTF8.GetBytes("""<mxfile><diagram id="l" name="L"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/><mxCell id="a" vertex="1" parent="b"><mxGeometry width="40" height="40" as="geometry"/></mxCell><mxCell id="b" vertex="1" parent="a"><mxGeometry width="40" height="40" as="geometry"/></mxCell></root></mxGraphModel></diagram></mxfile>"""),
        _ => Encoding.UTF8.GetBytes("hello"),
    };

    private static Task OpenAsync(IFrameLocator editor, string name, byte[] bytes) =>
        editor.Locator("[data-testid=open-file-file]").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "application/octet-stream", Buffer = bytes });

    private static Task StatusAsync(IFrameLocator editor, string text) =>
        editor.Locator($"[data-testid=status]:not(.de-status-error):has-text('{text}')").WaitForAsync(new() { Timeout = 30_000 });

    /// <summary>A file dropped on the canvas at (x, y) from its top-left; answers dispatchEvent's result (false: the editor took it).</summary>
    private static Task<bool> DropAsync(IFrame frame, string name, string text, int x, int y) => frame.EvaluateAsync<bool>(
        """
        ([name, text, x, y]) => {
          const canvas = document.querySelector('[data-testid=canvas]');
          const r = canvas.getBoundingClientRect();
          const dataTransfer = new DataTransfer();
          dataTransfer.items.add(new File([text], name));
          const init = { bubbles: true, cancelable: true, dataTransfer, clientX: r.left + x, clientY: r.top + y };
          canvas.dispatchEvent(new DragEvent('dragover', init));
          return canvas.dispatchEvent(new DragEvent('drop', init));
        }
        """, new object[] { name, text, x, y });

    /// <summary>The system clipboard, written from the sandbox page (the editor's frame reads it on Ctrl+V).</summary>
    private static async Task CopyToClipboardAsync(IPage page, string text) => await page.EvaluateAsync("t => navigator.clipboard.writeText(t)", text);

    private static async Task ClickBlankCanvasAsync(IPage page, IFrameLocator editor)
    {
        var canvas = (await editor.Locator("[data-testid=canvas]").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(canvas.X + canvas.Width - 30, canvas.Y + canvas.Height - 30);
    }

    private static async Task UploadAsUserAsync(Session session, string name, string type, byte[] bytes)
    {
        var url = $"{session.Owner.System.Sim.Url}sites/{session.Sandbox.Confluence.SiteId}/wiki/rest/api/content/{session.Sandbox.Confluence.PageId}/child/attachment";
        var response = await session.Page.APIRequest.PutAsync(url, new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string> { ["X-Atlassian-Token"] = "no-check" },
            Multipart = session.Page.APIRequest.CreateFormData().Set("file", new FilePayload { Name = name, MimeType = type, Buffer = bytes }),
        });
        response.Status.ShouldBe(200, await response.TextAsync());
    }

    private int JobRequests() => system.System.AllLogLines().Count(l => l.Contains("Request starting", StringComparison.Ordinal) && l.Contains("/api/jobs", StringComparison.Ordinal));

    private static Task<string> XmlAsync(IFrame frame) => frame.EvaluateAsync<string>("() => window.diagramEditor.getXml()");

    private static Task<int> CellCountAsync(IFrame frame) => frame.EvaluateAsync<int>("() => window.diagramEditor.cellCount()");

    private static async Task<List<string>> PageNamesAsync(IFrame frame) =>
        XDocument.Parse(await XmlAsync(frame)).Descendants("diagram").Select(d => (string)d.Attribute("name")!).ToList();

    private static async Task WaitForAsync(IFrame frame, string predicate) =>
        await frame.WaitForFunctionAsync($"() => ({predicate})(window.diagramEditor)", null, new() { Timeout = 10_000 });

    private static int DrawnCells(string modelXml) =>
        XDocument.Parse(modelXml).Descendants("mxCell").Count(c => c.Attribute("vertex")?.Value == "1" || c.Attribute("edge")?.Value == "1");

    private static List<XElement> Vertices(string xml) => XDocument.Parse(xml).Descendants("mxCell").Where(c => c.Attribute("vertex")?.Value == "1").ToList();

    private static (double X, double Y) Position(XElement cell)
    {
        var g = cell.Element("mxGeometry")!;
        return (double.Parse((string?)g.Attribute("x") ?? "0", System.Globalization.CultureInfo.InvariantCulture),
            double.Parse((string?)g.Attribute("y") ?? "0", System.Globalization.CultureInfo.InvariantCulture));
    }
}
