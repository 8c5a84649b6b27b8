using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Diagrams.App.Tests.Converter;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Browser;

/// <summary>
/// The macro editor's server features in Debian Chromium inside HostSim's sandbox, each through /api/jobs to the site's
/// region (EU): PDF export (a download poppler reads; in both modes, Forge's through a job ticket), PlantUML insert, and PlantUML the converter refuses (its 422 message
/// in the editor's status line, nothing inserted), and PlantUML's own syntax error (line and message, nothing inserted); and the editor's own page tabs (inline delete question, undo per
/// page) and draw.io placeholders; and a Visio stencil imported as a palette library for the session.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class EditorFeatureTests(BrowserSystem system)
{
    private const string Sequence = "@startuml\nAlice -> Bob: Invoice\nBob --> Alice: Receipt\n@enduml";

    [Theory]
    [InlineData(HostMode.Connect)]
    [InlineData(HostMode.Forge)]
    public async Task ExportPdf_OfADrawnShape_DownloadsAOnePagePdfWithItsLabel_RenderedInTheSitesRegion(HostMode mode)
    {
        await using var session = await system.OpenAsync(nameof(ExportPdf_OfADrawnShape_DownloadsAOnePagePdfWithItsLabel_RenderedInTheSitesRegion), mode);
        var (page, editor) = await OpenMacroEditorAsync(session);
        await editor.Locator("[data-testid=palette-rectangle]").ClickAsync(); // the new shape is selected
        await page.Keyboard.PressAsync("F2");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("Quarterly Ledger");
        var canvas = (await editor.Locator("[data-testid=canvas]").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(canvas.X + canvas.Width - 40, canvas.Y + canvas.Height - 40); // a click on the blank canvas ends editing
        (await session.EditorAsync<string>("e => e.getXml()")).ShouldContain("Quarterly Ledger");
        await session.ScreenshotAsync("labelled");
        var euBefore = system.Eu.Received.Count(r => r == "POST /v1/export/pdf");
        var usBefore = system.Us.Received.Count;
        var jobsBefore = system.Received.Requests.Count;

        var download = await page.RunAndWaitForDownloadAsync(() => editor.Locator("[data-testid=export-pdf]").ClickAsync(), new() { Timeout = 60_000 });
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());

        download.SuggestedFilename.ShouldEndWith(".pdf");
        Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");
        (await Poppler.InfoAsync(bytes)).Pages.ShouldBe(1);
        (await Poppler.TextAsync(bytes)).ShouldContain("Quarterly Ledger");
        await editor.Locator("[data-testid=status]:has-text('PDF exported')").WaitForAsync();
        system.Eu.Received.Count(r => r == "POST /v1/export/pdf").ShouldBe(euBefore + 1);
        system.Us.Received.Count.ShouldBe(usBefore, "the site's data stays in its region");

        // The export is the one request that carries the diagram to App, at this mode's job route (which also shows the
        // request recorder the content canaries rely on sees bodies there).
        var carried = system.Received.Requests.Skip(jobsBefore).Where(r => r.Carries("Quarterly")).Select(r => $"{r.Method} {r.Path}").ToArray();
        carried.ShouldBe([$"POST {session.JobRoute("pdf")}"]);
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task PlantUml_Insert_AddsOneImageCellKeepingItsSource_RenderedInTheSitesRegion()
    {
        await using var session = await system.OpenAsync(nameof(PlantUml_Insert_AddsOneImageCellKeepingItsSource_RenderedInTheSitesRegion));
        var (page, editor) = await OpenMacroEditorAsync(session);
        await editor.Locator("[data-testid=palette-rectangle]").ClickAsync();
        var cells = await session.EditorAsync<int>("e => e.cellCount()");
        var received = system.Eu.Received.Count(r => r == "POST /v1/render/plantuml");

        await editor.Locator("[data-testid=plantuml]").ClickAsync();
        await editor.Locator("[data-testid=plantuml-source]").FillAsync(Sequence);
        await editor.Locator("[data-testid=plantuml-insert]").ClickAsync();
        await editor.Locator("[data-testid=plantuml-dialog]").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 60_000 });
        await session.ScreenshotAsync("inserted");

        (await session.EditorAsync<int>("e => e.cellCount()")).ShouldBe(cells + 1);
        var wrapper = XDocument.Parse(await session.EditorAsync<string>("e => e.getXml()")).Descendants("UserObject").Single(u => u.Attribute("plantUmlData") is not null);
        using (var data = JsonDocument.Parse(wrapper.Attribute("plantUmlData")!.Value))
        {
            data.RootElement.GetProperty("data").GetString().ShouldBe(Sequence);
        }

        var style = wrapper.Element("mxCell")!.Attribute("style")!.Value;
        var image = style.Split(';').Single(s => s.StartsWith("image=", StringComparison.Ordinal))["image=".Length..];
        image.ShouldStartWith("data:image/svg+xml,");
        var svg = Encoding.UTF8.GetString(Convert.FromBase64String(image["data:image/svg+xml,".Length..]));
        svg.ShouldContain("<svg");
        svg.ShouldContain("Invoice");
        system.Eu.Received.Count(r => r == "POST /v1/render/plantuml").ShouldBe(received + 1);
        system.Us.Received.ShouldNotContain(r => r.EndsWith("/v1/render/plantuml", StringComparison.Ordinal));
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task PlantUml_WithIncludeOfALocalFile_ShowsTheConvertersRefusalInTheStatusLine_AndInsertsNothing()
    {
        await using var session = await system.OpenAsync(nameof(PlantUml_WithIncludeOfALocalFile_ShowsTheConvertersRefusalInTheStatusLine_AndInsertsNothing));
        var (page, editor) = await OpenMacroEditorAsync(session);
        var xml = await session.EditorAsync<string>("e => e.getXml()");

        await editor.Locator("[data-testid=plantuml]").ClickAsync();
        await editor.Locator("[data-testid=plantuml-source]").FillAsync("@startuml\n!include /etc/passwd\nAlice -> Bob: Hello\n@enduml");
        await editor.Locator("[data-testid=plantuml-insert]").ClickAsync();
        await editor.Locator("[data-testid=status].de-status-error").WaitForAsync(new() { Timeout = 60_000 });
        await session.ScreenshotAsync("refused");

        var status = await editor.Locator("[data-testid=status]").TextContentAsync();
        status.ShouldNotBeNull();
        status.ShouldContain("'!include'");
        status.ShouldContain("refuses it");
        (await session.EditorAsync<int>("e => e.cellCount()")).ShouldBe(0);
        (await session.EditorAsync<string>("e => e.getXml()")).ShouldBe(xml);
        session.ConsoleErrors.ToArray().ShouldAllBe(e => e.Contains("422", StringComparison.Ordinal) && e.Contains("/api/jobs/plantuml", StringComparison.Ordinal));
        session.ConsoleErrors.Clear(); // Chromium logs the 422 this test provoked on purpose
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task PlantUml_WithASyntaxError_ShowsPlantUmlsLineAndMessage_AndInsertsNothing()
    {
        await using var session = await system.OpenAsync(nameof(PlantUml_WithASyntaxError_ShowsPlantUmlsLineAndMessage_AndInsertsNothing));
        var (_, editor) = await OpenMacroEditorAsync(session);
        var xml = await session.EditorAsync<string>("e => e.getXml()");

        await editor.Locator("[data-testid=plantuml]").ClickAsync();
        await editor.Locator("[data-testid=plantuml-source]").FillAsync("@startuml\nAlice -> Bob: Hello\nthis line is not PlantUML (((\n@enduml");
        await editor.Locator("[data-testid=plantuml-insert]").ClickAsync();
        await editor.Locator("[data-testid=plantuml-error]:has-text('line 3')").WaitForAsync(new() { Timeout = 60_000 });
        await session.ScreenshotAsync("syntax-error");

        (await editor.Locator("[data-testid=plantuml-error]").TextContentAsync()).ShouldNotBeNull().ShouldContain("Syntax Error");
        (await editor.Locator("[data-testid=status]").TextContentAsync()).ShouldNotBeNull().ShouldNotContain("inserted");
        (await editor.Locator("[data-testid=plantuml-dialog]").CountAsync()).ShouldBe(1, "the dialog stays open to fix the source");
        (await session.EditorAsync<int>("e => e.cellCount()")).ShouldBe(0);
        (await session.EditorAsync<string>("e => e.getXml()")).ShouldBe(xml);
        session.ConsoleErrors.ToArray().ShouldAllBe(e => e.Contains("422", StringComparison.Ordinal) && e.Contains("/api/jobs/plantuml", StringComparison.Ordinal));
        session.ConsoleErrors.Clear(); // Chromium logs the 422 this test provoked on purpose
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task PageTabs_DeleteAsksInsideTheEditor_AndEachPageKeepsItsOwnUndoHistory()
    {
        await using var session = await system.OpenAsync(nameof(PageTabs_DeleteAsksInsideTheEditor_AndEachPageKeepsItsOwnUndoHistory));
        var (page, editor) = await OpenMacroEditorAsync(session);
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) => dialogs.Add(dialog.Message); // Atlassian's iframes may block window.confirm: none is used
        await editor.Locator("[data-testid=palette-rectangle]").ClickAsync();
        await editor.Locator("[data-testid=page-add]").ClickAsync();
        await editor.Locator("[data-testid=palette-ellipse]").ClickAsync();
        await editor.Locator("[data-testid=palette-rhombus]").ClickAsync();

        await editor.Locator("[data-testid=page-tab-0]").ClickAsync();
        (await session.EditorAsync<int>("e => e.cellCount()")).ShouldBe(1);
        await editor.Locator("[data-testid=undo]").ClickAsync();
        (await session.EditorAsync<int>("e => e.cellCount()")).ShouldBe(0, "undo on page 1 removes page 1's rectangle");
        await editor.Locator("[data-testid=page-tab-1]").ClickAsync();
        (await session.EditorAsync<int>("e => e.cellCount()")).ShouldBe(2);
        await editor.Locator("[data-testid=undo]").ClickAsync();
        (await session.EditorAsync<int>("e => e.cellCount()")).ShouldBe(1, "page 2's history survived the switch");
        await editor.Locator("[data-testid=page-tab-0]").ClickAsync();
        await editor.Locator("[data-testid=redo]").ClickAsync();
        (await session.EditorAsync<int>("e => e.cellCount()")).ShouldBe(1, "page 1's redo brings its rectangle back");

        await editor.Locator("[data-testid=page-delete-1]").ClickAsync();
        await editor.Locator("[data-testid=page-delete-question-1]").WaitForAsync();
        await session.ScreenshotAsync("delete-question");
        await editor.Locator("[data-testid=page-delete-cancel-1]").ClickAsync();
        (await session.EditorAsync<int>("e => e.pageCount")).ShouldBe(2);
        await editor.Locator("[data-testid=page-delete-1]").ClickAsync();
        await editor.Locator("[data-testid=page-delete-confirm-1]").ClickAsync();
        (await session.EditorAsync<int>("e => e.pageCount")).ShouldBe(1);
        (await editor.Locator("[data-testid=page-tab-1]").CountAsync()).ShouldBe(0);
        dialogs.ShouldBeEmpty();
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task Placeholders_InTheC4Fixture_ShowTheWrappersValues_AndTheSavedXmlKeepsThePlaceholders()
    {
        await using var session = await system.OpenAsync(nameof(Placeholders_InTheC4Fixture_ShowTheWrappersValues_AndTheSavedXmlKeepsThePlaceholders));
        var (page, editor) = await OpenMacroEditorAsync(session);
        var frame = await session.FrameAsync("editor-frame");
        await frame.EvaluateAsync("xml => window.diagramEditor.load(xml)", await File.ReadAllTextAsync(Fixtures.Path("C4.drawio")));
        await session.ScreenshotAsync("c4");

        var shown = await editor.Locator("[data-testid=canvas]").TextContentAsync();
        shown.ShouldNotBeNull();
        shown.ShouldContain("Support Staff");
        shown.ShouldContain("[Person]");
        shown.ShouldContain("Monitors the production line");
        shown.ShouldNotContain("%c4Name%");
        var person = XDocument.Parse(await session.EditorAsync<string>("e => e.getXml()")).Descendants("object").First(o => o.Attribute("c4Name")?.Value == "Support Staff");
        person.Attribute("label")!.Value.ShouldContain("%c4Name%");
        person.Attribute("placeholders")!.Value.ShouldBe("1");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task ImportVisio_OfAStencil_AddsAPaletteLibraryWhoseItemsInsertTheirShapes_ConvertedInTheSitesRegion()
    {
        await using var session = await system.OpenAsync(nameof(ImportVisio_OfAStencil_AddsAPaletteLibraryWhoseItemsInsertTheirShapes_ConvertedInTheSitesRegion));
        var (page, editor) = await OpenMacroEditorAsync(session);
        var stencil = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}", "Flowchart.vssx");
        Directory.CreateDirectory(Path.GetDirectoryName(stencil)!);
        await File.WriteAllBytesAsync(stencil, VisioTestFiles.FixtureAsStencil()); // the fixture's five masters, as a stencil
        var euBefore = system.Eu.Received.Count(r => r.EndsWith("/v1/import/visio", StringComparison.Ordinal));
        var usBefore = system.Us.Received.Count;

        try
        {
            var chooser = await page.RunAndWaitForFileChooserAsync(() => editor.Locator("[data-testid=import-visio]").ClickAsync());
            await chooser.SetFilesAsync(stencil);
            await editor.Locator("[data-testid=palette-library-0]").WaitForAsync(new() { Timeout = 60_000 });
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(stencil)!, recursive: true);
        }

        var library0 = editor.Locator("[data-testid=palette-library-0]");
        (await library0.Locator("[data-testid=palette-library-0-title]").TextContentAsync()).ShouldBe("Library: Flowchart.vssx");
        (await library0.Locator("[data-testid=palette-library-0-title]").GetAttributeAsync("title")).ShouldNotBeNull().ShouldContain("not saved with the diagram");
        var items = library0.Locator("[data-testid^=palette-lib-0-]");
        (await items.CountAsync()).ShouldBe(5, "one item per master");
        var titles = await items.EvaluateAllAsync<string[]>("buttons => buttons.map(b => b.title)");
        titles.ShouldBe(["Start/End", "Process", "Dynamic connector", "Decision", "Document"], ignoreOrder: true);
        (await items.Locator("svg.de-lib-thumb").CountAsync()).ShouldBe(5, "each item shows a thumbnail of its shape");
        (await editor.Locator("[data-testid=status]").TextContentAsync()).ShouldNotBeNull().ShouldContain("Added the library Flowchart.vssx");
        await library0.ScreenshotAsync(new() { Path = Path.Combine(BrowserSystem.ArtifactsFolder, $"{nameof(ImportVisio_OfAStencil_AddsAPaletteLibraryWhoseItemsInsertTheirShapes_ConvertedInTheSitesRegion)}-library.png") });

        var before = await session.EditorAsync<int>("e => e.cellCount()");
        await library0.Locator("[data-testid^=palette-lib-0-][title='Process']").ClickAsync();
        var afterClick = await session.EditorAsync<int>("e => e.cellCount()");
        afterClick.ShouldBeGreaterThan(before, "a clicked item is inserted at a free spot");
        var canvas = (await editor.Locator("[data-testid=canvas]").BoundingBoxAsync())!;
        await library0.Locator("[data-testid^=palette-lib-0-][title='Decision']").DragToAsync(editor.Locator("[data-testid=canvas]"), new() { TargetPosition = new() { X = canvas.Width - 200, Y = canvas.Height - 150 } });
        (await session.EditorAsync<int>("e => e.cellCount()")).ShouldBeGreaterThan(afterClick, "a dragged item is inserted where dropped");
        await session.ScreenshotAsync("library-inserted");

        var model = XDocument.Parse(await session.EditorAsync<string>("e => e.getXml()"));
        var styles = model.Descendants("mxCell").Select(c => (string?)c.Attribute("style") ?? string.Empty).ToList();
        styles.Count(s => s.Contains("fillColor=#", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(2, "the masters' styles are kept");
        model.ToString().ShouldNotContain("mxlibrary", customMessage: "the library itself is not saved into the diagram");
        system.Eu.Received.Count(r => r.EndsWith("/v1/import/visio", StringComparison.Ordinal)).ShouldBe(euBefore + 1);
        system.Us.Received.Count.ShouldBe(usBefore, "the site's data stays in its region");
        session.ShouldHaveNoConsoleErrors();
    }

    /// <summary>The macro editor ready, with its server features (the PlantUML button comes after /api/capabilities).</summary>
    private static async Task<(IPage Page, IFrameLocator Editor)> OpenMacroEditorAsync(Session session)
    {
        var (editor, _) = await session.InsertDiagramAsync();
        await editor.Locator("[data-testid=plantuml]").WaitForAsync(new() { Timeout = 30_000 });
        return (session.Page, editor);
    }
}
