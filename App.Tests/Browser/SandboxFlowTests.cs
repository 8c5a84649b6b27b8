using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Diagrams.App.Tests.Attachments;
using Diagrams.App.Tests.Converter;
using Diagrams.Converter.Pdf;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Browser;

/// <summary>
/// The app's pages in Debian Chromium inside HostSim's sandbox, each flow in both modes: Connect (App's iframes, the AP
/// shim, real JWTs) and Forge (the Custom UI resources from the CDN origin, the bridge shim, real FITs), with attachments
/// stored by HostSim: draw → save → view → edit, the diagram's content never reaching App; every .drawio fixture in the
/// viewer; Jira add/edit/delete; lockdown hides server features and nothing reaches App's diagram or job routes nor a
/// converter; Gliffy and Visio import through the job proxy (Forge: a ticket through invokeRemote, then the ticket route).
/// Any console error fails the test; screenshots land in TestResults/browser.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class SandboxFlowTests(BrowserSystem system)
{
    [Theory]
    [InlineData(HostMode.Connect)]
    [InlineData(HostMode.Forge)]
    public async Task Confluence_InsertDrawSave_ThePageShowsTheRevision_ThenEditShowsANewOne_AndTheContentNeverReachesApp(HostMode mode)
    {
        await using var session = await system.OpenAsync(nameof(Confluence_InsertDrawSave_ThePageShowsTheRevision_ThenEditShowsANewOne_AndTheContentNeverReachesApp), mode);
        var page = session.Page;
        var canary = $"canary-{Guid.NewGuid().ToString("N")[..16]}"; // a shape's label: diagram content, which goes from the browser to the site only
        await page.GotoAsync(session.ConfluencePageUrl);
        await page.ClickAsync("[data-testid=page-edit]");
        await page.ClickAsync("[data-testid=insert-diagram]");
        var editor = page.FrameLocator("[data-testid=editor-frame]");
        await editor.Locator("[data-testid=canvas]").WaitForAsync(new() { Timeout = 30_000 });

        await editor.Locator("[data-testid=diagram-name]").FillAsync("Order flow");
        await editor.Locator("[data-testid=palette-rectangle]").ClickAsync();
        await LabelSelectedShapeAsync(page, editor, canary);
        await editor.Locator("[data-testid=palette-ellipse]").ClickAsync();
        await ConnectFirstTwoShapesAsync(page, editor);
        (await session.EditorAsync<int>("e => e.cellCount()")).ShouldBe(3);
        await session.ScreenshotAsync("drawn");

        await editor.Locator("[data-testid=save]").ClickAsync();
        await page.Locator("[data-testid=editor-frame]").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 30_000 });
        await page.ClickAsync("[data-testid=page-publish]");

        var viewer = page.FrameLocator("[data-testid=macro-frame-0]");
        await viewer.Locator("[data-testid=viewer]").WaitForAsync(new() { Timeout = 30_000 });
        (await viewer.Locator("#app").GetAttributeAsync("data-cells")).ShouldBe("3");
        (await viewer.Locator("#app").GetAttributeAsync("data-revision")).ShouldBe("1");
        await session.ScreenshotAsync("viewed");

        // Edit: add a shape, save; the page now shows revision 2 with four cells.
        await page.ClickAsync("[data-testid=page-edit]");
        await page.ClickAsync("[data-testid=macro-edit-0]");
        await editor.Locator("[data-testid=canvas]").WaitForAsync();
        await (await session.FrameAsync("editor-frame")).WaitForFunctionAsync("() => window.diagramEditor && window.diagramEditor.cellCount() === 3", null, new() { Timeout = 30_000 });
        await editor.Locator("[data-testid=palette-rhombus]").ClickAsync();
        await editor.Locator("[data-testid=save]").ClickAsync();
        await page.Locator("[data-testid=editor-frame]").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 30_000 });
        await page.ClickAsync("[data-testid=page-publish]");
        await viewer.Locator("#app[data-revision='2']").WaitForAsync(new() { Timeout = 30_000 });
        (await viewer.Locator("#app").GetAttributeAsync("data-cells")).ShouldBe("4");
        await session.ScreenshotAsync("edited");
        var macros = await page.APIRequest.GetAsync($"{system.System.Sim.Url}sandbox/{session.Sandbox.Confluence.SiteId}/api/pages/{session.Sandbox.Confluence.PageId}/macros");
        var macro = (await macros.JsonAsync())!.Value.GetProperty("macros")[0].GetProperty("params");
        macro.GetProperty("diagramName").GetString().ShouldBe("Order flow");
        macro.GetProperty("revision").GetString().ShouldBe("2");
        macro.GetProperty("previewRevision").GetString().ShouldBe("2"); // the static render shows this preview version

        var site = new Infrastructure.Site(session.Sandbox.Confluence.SiteId, session.Sandbox.Confluence.ClientKey, session.Sandbox.Confluence.BaseUrl, 204, string.Empty);
        var stored = await system.System.Sim.AttachmentsAsync(site);
        stored.Select(a => a.GetProperty("name").GetString()).Order().ShouldBe(["Order flow", "Order flow.png"]);

        // The canary is in the site's attachment (both revisions), and nowhere App could have seen it.
        var diagram = stored.Single(a => a.GetProperty("name").GetString() == "Order flow").GetProperty("id").GetString()!;
        foreach (var version in new[] { 1, 2 })
        {
            Encoding.UTF8.GetString(await system.System.Sim.AttachmentContentAsync(site, diagram, version)).ShouldContain(canary, Case.Sensitive, $"revision {version} on the site");
        }

        system.Received.Requests.ShouldContain(r => r.Path == (mode == HostMode.Forge ? "/forge/api/capabilities" : "/api/capabilities"), "the editor's own call to App is recorded");
        system.Received.Requests.Where(r => r.Carries(canary)).Select(r => $"{r.Method} {r.Path}").ShouldBeEmpty("requests App received that carried the diagram's content");
        system.System.AllLogLines().ShouldNotContain(l => l.Contains(canary, StringComparison.Ordinal));
        (await system.System.Database.AllTextAsync()).ShouldNotContain(t => t.Contains(canary, StringComparison.Ordinal));
        session.ShouldHaveNoConsoleErrors();
    }

    public static TheoryData<HostMode, string> DrawioFixtures()
    {
        var data = new TheoryData<HostMode, string>();
        foreach (var file in Directory.GetFiles(Fixtures.Folder, "*.drawio").Order(StringComparer.Ordinal))
        {
            data.Add(HostMode.Connect, Path.GetFileName(file));
            data.Add(HostMode.Forge, Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DrawioFixtures))]
    public async Task Viewer_RendersEachDrawioFixture_WithTheFilesCellCount(HostMode mode, string name)
    {
        await using var session = await system.OpenAsync($"{nameof(Viewer_RendersEachDrawioFixture_WithTheFilesCellCount)}-{name}", mode);
        var page = session.Page;
        var bytes = await File.ReadAllBytesAsync(Fixtures.Path(name));
        var firstPage = DiagramFile.Read(bytes, new PdfOptions())[0];
        var expected = XDocument.Parse(firstPage.ModelXml).Descendants("mxCell").Count(c => c.Attribute("vertex")?.Value == "1" || c.Attribute("edge")?.Value == "1");
        await page.GotoAsync(session.ConfluencePageUrl);
        await session.UploadAsUserAsync(name, bytes);
        await session.PutMacroAsync("m-fixture", new Dictionary<string, string> { ["diagramName"] = name, ["revision"] = "1" });
        await page.ReloadAsync();

        var viewer = page.FrameLocator("[data-testid=macro-frame-0]");
        await viewer.Locator("#app[data-cells]").WaitForAsync(new() { Timeout = 30_000 });
        (await viewer.Locator("#app").GetAttributeAsync("data-cells")).ShouldBe(expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // draw.io placeholders (C4's %c4Name% and friends) show their values, as in draw.io.
        (await viewer.Locator("#app").InnerTextAsync()).ShouldNotContain("%c4", Case.Sensitive);
        var drawMs = await viewer.Locator("#app").GetAttributeAsync("data-draw-ms");
        await File.AppendAllTextAsync(Path.Combine(BrowserSystem.ArtifactsFolder, "viewer-render-times.txt"), $"{mode}\t{name}\t{bytes.Length} B\t{expected} cells\tload {await viewer.Locator("#app").GetAttributeAsync("data-load-ms")} ms\tdraw {drawMs} ms\tfirst render at {await viewer.Locator("#app").GetAttributeAsync("data-first-render-ms")} ms\n");
        await session.ScreenshotAsync("viewer");
        session.ShouldHaveNoConsoleErrors();
    }

    [Theory]
    [InlineData(HostMode.Connect)]
    [InlineData(HostMode.Forge)]
    public async Task Jira_AddEditDelete_ThroughThePanelAndTheEditorDialog(HostMode mode)
    {
        await using var session = await system.OpenAsync(nameof(Jira_AddEditDelete_ThroughThePanelAndTheEditorDialog), mode);
        var page = session.Page;
        await page.GotoAsync(session.JiraIssueUrl);
        var panel = page.FrameLocator("[data-testid=issue-panel-frame]");
        await panel.Locator("[data-testid=jira-empty]").WaitForAsync(new() { Timeout = 30_000 });

        await panel.Locator("[data-testid=jira-add]").ClickAsync();
        var dialogFrame = $"[data-testid={session.JiraEditorTestId}]";
        var dialog = page.FrameLocator(dialogFrame);
        await dialog.Locator("[data-testid=canvas]").WaitForAsync(new() { Timeout = 30_000 });
        await dialog.Locator("[data-testid=diagram-name]").FillAsync("Architecture");
        await dialog.Locator("[data-testid=palette-rectangle]").ClickAsync();
        await dialog.Locator("[data-testid=save]").ClickAsync();
        await page.Locator(dialogFrame).WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 30_000 });
        await panel.Locator("[data-testid=jira-diagram-0]").WaitForAsync(new() { Timeout = 30_000 });
        (await panel.Locator("[data-testid=jira-diagram-0] .name").TextContentAsync()).ShouldBe("Architecture");
        await session.ScreenshotAsync("added");
        var jiraSite = new Infrastructure.Site(session.Sandbox.Jira.SiteId, session.Sandbox.Jira.ClientKey, session.Sandbox.Jira.BaseUrl, 204, string.Empty);
        using (var listed = await system.System.SendAsync(jiraSite, HttpMethod.Get, $"/api/diagrams/jira/issues/{session.Sandbox.Jira.IssueKey}", user: session.Sandbox.AccountId))
        {
            // The browser and the server-side API keep the same per-diagram issue properties.
            (await listed.Content.ReadAsStringAsync()).ShouldContain("\"name\":\"Architecture\"");
        }

        await panel.Locator("[data-testid=jira-edit-0]").ClickAsync();
        await dialog.Locator("[data-testid=canvas]").WaitForAsync(new() { Timeout = 30_000 });
        await (await session.FrameAsync(session.JiraEditorTestId)).WaitForFunctionAsync("() => window.diagramEditor && window.diagramEditor.cellCount() === 1", null, new() { Timeout = 30_000 });
        await dialog.Locator("[data-testid=palette-ellipse]").ClickAsync();
        await dialog.Locator("[data-testid=save]").ClickAsync();
        await page.Locator(dialogFrame).WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 30_000 });
        var attachments = await system.System.Sim.AttachmentsAsync(jiraSite);
        attachments.Select(a => a.GetProperty("name").GetString()).Order().ToArray().ShouldBe(["Architecture", "Architecture.png"], "an edit replaces the files: no orphaned old versions");
        var diagram = attachments.Single(a => a.GetProperty("name").GetString() == "Architecture");
        var xml = Encoding.UTF8.GetString(await system.System.Sim.AttachmentContentAsync(jiraSite, diagram.GetProperty("id").GetString()!, 1));
        CellRegex().Count(xml).ShouldBe(2);

        // The panel re-renders once the editor has closed; a click on the button it replaces would be lost, so each click
        // waits for what it should show ("Really delete?", then the empty panel).
        var delete = panel.Locator("[data-testid=jira-delete-0]:has-text('Really delete?')");
        for (var attempt = 0; attempt < 3 && !await delete.IsVisibleAsync(); attempt++)
        {
            await panel.Locator("[data-testid=jira-delete-0]").ClickAsync();
            await delete.WaitForAsync(new() { Timeout = 5_000 }).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await delete.ClickAsync(); // confirm
        await panel.Locator("[data-testid=jira-empty]").WaitForAsync(new() { Timeout = 30_000 });
        (await system.System.Sim.AttachmentsAsync(jiraSite)).ShouldBeEmpty();
        session.ShouldHaveNoConsoleErrors();
    }

    [Theory]
    [InlineData(HostMode.Connect)]
    [InlineData(HostMode.Forge)]
    public async Task Lockdown_HidesServerFeatures_AndNothingReachesOurDiagramOrJobRoutes(HostMode mode)
    {
        await using var session = await system.OpenAsync(nameof(Lockdown_HidesServerFeatures_AndNothingReachesOurDiagramOrJobRoutes), mode);
        var page = session.Page;
        await page.GotoAsync(session.ConfluenceAdminUrl);
        var admin = page.FrameLocator("[data-testid=admin-frame]");
        await admin.Locator("[data-testid=settings-json]").WaitForAsync(new() { Timeout = 30_000 });
        await admin.Locator("[data-testid=settings-help]:has-text('one of')").WaitForAsync(new() { Timeout = 30_000 }); // filled in once the settings arrive
        (await admin.Locator("[data-testid=settings-help]").TextContentAsync())!.ShouldContain("one of \"EU\", \"US\"."); // the regions this App is configured with
        await admin.Locator("[data-testid=settings-json]").FillAsync("{\"dataGovernance\": \"US\", \"lockdown\": \"yes\"}");
        await admin.Locator("[data-testid=settings-save]").ClickAsync();
        await admin.Locator("[data-testid=settings-errors]:has-text('true or false')").WaitForAsync(new() { Timeout = 30_000 }); // the API's own message, naming the key
        (await admin.Locator("[data-testid=settings-errors]").TextContentAsync())!.ShouldContain("lockdown");
        session.ConsoleErrors.ToArray().ShouldAllBe(e => e.Contains("400 (Bad Request)", StringComparison.Ordinal) && e.Contains("/api/settings", StringComparison.Ordinal));
        session.ConsoleErrors.Clear(); // Chromium logs the 400 this step provoked on purpose
        await admin.Locator("[data-testid=settings-json]").FillAsync("{\"dataGovernance\": \"EU\", \"lockdown\": true}");
        await admin.Locator("[data-testid=settings-save]").ClickAsync();
        await admin.Locator("[data-testid=settings-saved]:has-text('Saved')").WaitForAsync(new() { Timeout = 30_000 });
        (await admin.Locator("[data-testid=effective]").TextContentAsync())!.ShouldContain("nothing is sent to our servers");
        await session.ScreenshotAsync("admin-lockdown");

        var before = DiagramOrJobRequests();
        var (euBefore, usBefore) = (system.Eu.Received.Count, system.Us.Received.Count); // the converters are shared with other tests
        await page.GotoAsync(session.ConfluencePageUrl);
        await page.ClickAsync("[data-testid=page-edit]");
        await page.ClickAsync("[data-testid=insert-diagram]");
        var editor = page.FrameLocator("[data-testid=editor-frame]");
        await editor.Locator("[data-testid=features-notice]").WaitForAsync(new() { Timeout = 30_000 });
        (await editor.Locator("[data-testid=features-notice]").TextContentAsync())!.ShouldContain("Lockdown");
        foreach (var feature in new[] { "import-gliffy", "import-visio", "plantuml", "export-pdf" })
        {
            (await editor.Locator($"[data-testid={feature}]").CountAsync()).ShouldBe(0, feature);
        }

        await editor.Locator("[data-testid=diagram-name]").FillAsync("Private");
        await editor.Locator("[data-testid=palette-rectangle]").ClickAsync();
        await editor.Locator("[data-testid=save]").ClickAsync();
        await page.Locator("[data-testid=editor-frame]").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 30_000 });
        await page.ClickAsync("[data-testid=page-publish]");
        await page.FrameLocator("[data-testid=macro-frame-0]").Locator("#app[data-cells='1']").WaitForAsync(new() { Timeout = 30_000 });
        await session.ScreenshotAsync("saved-under-lockdown");

        DiagramOrJobRequests().ShouldBe(before, "under lockdown the browser saves straight to the site");
        system.Eu.Received.Count.ShouldBe(euBefore);
        system.Us.Received.Count.ShouldBe(usBefore);
        session.ShouldHaveNoConsoleErrors();
    }

    [Theory]
    [InlineData(HostMode.Connect, "gliffy", "Learndrawio.gliffy", 23)]
    [InlineData(HostMode.Connect, "visio", "HR-Recruiting-FlowchartB_start.vsdx", 23)]
    [InlineData(HostMode.Forge, "gliffy", "Learndrawio.gliffy", 23)]
    [InlineData(HostMode.Forge, "visio", "HR-Recruiting-FlowchartB_start.vsdx", 23)]
    public async Task Import_FromTheEditor_RunsThroughTheJobProxyAtTheSitesRegion(HostMode mode, string kind, string fixture, int minimumCells)
    {
        var (button, converterRoute) = ($"import-{kind}", $"/v1/import/{kind}");
        await using var session = await system.OpenAsync($"{nameof(Import_FromTheEditor_RunsThroughTheJobProxyAtTheSitesRegion)}-{kind}", mode);
        var page = session.Page;
        await page.GotoAsync(session.ConfluencePageUrl);
        await page.ClickAsync("[data-testid=page-edit]");
        await page.ClickAsync("[data-testid=insert-diagram]");
        var editor = page.FrameLocator("[data-testid=editor-frame]");
        await editor.Locator($"[data-testid={button}]").WaitForAsync(new() { Timeout = 30_000 });
        var received = system.Eu.Received.Count(r => r.EndsWith(converterRoute, StringComparison.Ordinal));
        var jobsBefore = system.Received.Requests.Count(r => r.Method == "POST" && r.Path == session.JobRoute(kind));

        var chooser = await page.RunAndWaitForFileChooserAsync(() => editor.Locator($"[data-testid={button}]").ClickAsync());
        await chooser.SetFilesAsync(Fixtures.Path(fixture));
        await (await session.FrameAsync("editor-frame")).WaitForFunctionAsync($"() => window.diagramEditor && window.diagramEditor.cellCount() >= {minimumCells}", null, new() { Timeout = 30_000 });
        await session.ScreenshotAsync("imported");

        system.Eu.Received.Count(r => r.EndsWith(converterRoute, StringComparison.Ordinal)).ShouldBe(received + 1);
        system.Us.Received.ShouldNotContain(r => r.EndsWith(converterRoute, StringComparison.Ordinal));
        system.Received.Requests.Count(r => r.Method == "POST" && r.Path == session.JobRoute(kind)).ShouldBe(jobsBefore + 1, $"the job reached App at {session.JobRoute(kind)} (Forge: after the browser's CORS preflight)");
        if (mode == HostMode.Forge)
        {
            // The ticket came through invokeRemote (a FIT for this site), the job itself did not.
            var invocations = (await system.System.Sim.ForgeInvocationsAsync()).Where(i => i.GetProperty("siteId").GetString() == session.Sandbox.Confluence.SiteId).ToArray();
            invocations.ShouldContain(i => i.GetProperty("path").GetString() == "/forge/api/jobs/tickets" && i.GetProperty("status").GetInt32() == 200);
            invocations.ShouldNotContain(i => i.GetProperty("path").GetString()!.StartsWith("/forge/api/jobs/" + kind, StringComparison.Ordinal));
        }

        // The site admin sees the job in the audit list (kind, region, outcome; never content).
        await page.GotoAsync(session.ConfluenceAdminUrl);
        var audit = page.FrameLocator("[data-testid=admin-frame]").Locator("[data-testid=audit] tbody tr");
        await audit.First.WaitForAsync(new() { Timeout = 30_000 });
        var row = await audit.First.InnerTextAsync();
        row.ShouldContain(converterRoute.Split('/')[^1]);
        row.ShouldContain("EU");
        session.ShouldHaveNoConsoleErrors();
    }

    /// <summary>How many requests App received at its diagram and job routes, in either mode.</summary>
    private int DiagramOrJobRequests() => system.Received.Requests.Count(r => Session.IsDiagramOrJobRoute(r.Path));

    /// <summary>Types <paramref name="label"/> into the selected shape (F2) and ends editing with a click on the blank canvas.</summary>
    private static async Task LabelSelectedShapeAsync(IPage page, IFrameLocator editor, string label)
    {
        await page.Keyboard.PressAsync("F2");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(label);
        var canvas = (await editor.Locator("[data-testid=canvas]").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(canvas.X + canvas.Width - 40, canvas.Y + canvas.Height - 40);
    }

    /// <summary>Hovers the first shape, presses on its right edge (a connection point) and drags onto the second.</summary>
    private static async Task ConnectFirstTwoShapesAsync(IPage page, IFrameLocator editor)
    {
        var shapes = editor.Locator("[data-testid=canvas] svg g g > rect, [data-testid=canvas] svg g g > ellipse");
        var boxes = new List<LocatorBoundingBoxResult>();
        for (var i = 0; i < await shapes.CountAsync(); i++)
        {
            if (await shapes.Nth(i).BoundingBoxAsync() is { Width: > 40 } box)
            {
                boxes.Add(box);
            }
        }

        boxes.Count.ShouldBeGreaterThanOrEqualTo(2, "two shapes on the canvas");
        var (a, b) = (boxes[0], boxes[1]);
        await page.Mouse.MoveAsync(a.X + (a.Width / 2), a.Y + (a.Height / 2), new() { Steps = 3 });
        await page.Mouse.MoveAsync(a.X + a.Width - 1, a.Y + (a.Height / 2), new() { Steps = 3 });
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(b.X + (b.Width / 2), b.Y + (b.Height / 2), new() { Steps = 12 });
        await page.Mouse.UpAsync();
    }

    [GeneratedRegex("<mxCell [^>]*(vertex|edge)=\"1\"")]
    private static partial Regex CellRegex();
}
