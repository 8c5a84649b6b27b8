using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Diagrams.App.Tests.Browser;
using Diagrams.App.Tests.Infrastructure;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.HostSim;

/// <summary>
/// The sandbox's Forge mode in Debian Chromium: the probe resource (the real @forge/bridge) in each Forge frame makes the
/// calls our pages make, and each answer is checked against what HostSim stored and App answered: getContext,
/// requestConfluence/requestJira as the sandbox user (uploads rebuilt from the bridge's JSON form, binary downloads),
/// invokeRemote through a FIT App accepts (capabilities follow the site's lockdown set through App), view.submit/close of
/// the macro config, a Modal and its onClose, events, createHistory, router; an unknown call and Forge's CSP refuse.
/// Any console error fails a test, except where the test expects exactly that error.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ForgeBridgeBrowserTests(BrowserSystem browsers, ForgeProbeSystem probe) : IClassFixture<ForgeProbeSystem>
{
    private readonly TestSystem _system = probe.System;

    [Fact]
    public async Task Viewer_ContextProductCallsAndInvokeRemote_AnswerAsHostSimAndAppDo()
    {
        using var sandbox = await SandboxBrowser.OpenAsync(_system);
        var wiki = sandbox.Sandbox.Confluence;
        await sandbox.ApiAsync(wiki.SiteId, HttpMethod.Put, "/pages/98305/macros/m-1", new { @params = new { diagramName = "Arch", revision = "1" } });
        var site = new Site(wiki.SiteId, wiki.ClientKey, wiki.BaseUrl, 204, string.Empty);
        await using var tab = await OpenAsync(nameof(Viewer_ContextProductCallsAndInvokeRemote_AnswerAsHostSimAndAppDo), wiki.ForgePageUrl);
        var viewer = await tab.ProbeAsync("macro-frame-0");

        var context = await EvalAsync(viewer, "() => forgeBridge.view.getContext()");
        context.GetProperty("accountId").GetString().ShouldBe(sandbox.Sandbox.AccountId);
        context.GetProperty("cloudId").GetString().ShouldBe((await _system.Sim.ForgeInstallationAsync(wiki.SiteId)).CloudId);
        context.GetProperty("localId").GetString().ShouldBe("m-1");
        context.GetProperty("moduleKey").GetString().ShouldBe("secure-diagram");
        context.GetProperty("locale").GetString().ShouldBe("en-US");
        context.GetProperty("extension").GetProperty("content").GetProperty("id").GetString().ShouldBe("98305");
        context.GetProperty("extension").GetProperty("config").GetProperty("diagramName").GetString().ShouldBe("Arch");

        // Upload as Forge sends it (the bridge turns the FormData into JSON with a data URL), list, download the bytes back.
        var upload = await EvalAsync(viewer, """
            async () => {
              const form = new FormData();
              form.append('file', new Blob([new Uint8Array([0, 1, 2, 250, 255])], { type: 'image/png' }), 'probe.png');
              form.append('minorEdit', 'true');
              form.append('comment', 'from the probe');
              const r = await forgeBridge.requestConfluence('/wiki/rest/api/content/98305/child/attachment?status=current', { method: 'PUT', body: form });
              return { status: r.status, body: await r.json() };
            }
            """);
        upload.GetProperty("status").GetInt32().ShouldBe(200, upload.ToString());
        var attachmentId = upload.GetProperty("body").GetProperty("results")[0].GetProperty("id").GetString()!;
        var stored = (await _system.Sim.AttachmentsAsync(site)).Single(a => a.GetProperty("id").GetString() == attachmentId);
        stored.GetProperty("name").GetString().ShouldBe("probe.png");
        stored.GetProperty("versions")[0].GetProperty("mediaType").GetString().ShouldBe("image/png");
        stored.GetProperty("versions")[0].GetProperty("comment").GetString().ShouldBe("from the probe");
        (await _system.Sim.AttachmentContentAsync(site, attachmentId, 1)).ShouldBe(new byte[] { 0, 1, 2, 250, 255 });
        (await _system.Sim.CallsAsync()).ShouldContain(c => c.GetProperty("method").GetString() == "PUT" && c.GetProperty("caller").GetString() == "user"
            && c.GetProperty("path").GetString() == $"/sites/{wiki.SiteId}/wiki/rest/api/content/98305/child/attachment");
        var list = await EvalAsync(viewer, """
            async () => {
              const r = await forgeBridge.requestConfluence('/wiki/rest/api/content/98305/child/attachment?filename=probe.png');
              return { status: r.status, body: await r.json() };
            }
            """);
        list.GetProperty("body").GetProperty("size").GetInt32().ShouldBe(1);
        var download = await EvalAsync(viewer, $$"""
            async () => {
              const r = await forgeBridge.requestConfluence('/wiki/rest/api/content/98305/child/attachment/{{attachmentId}}/download');
              return { status: r.status, type: r.headers.get('content-type'), bytes: [...new Uint8Array(await r.arrayBuffer())] };
            }
            """);
        download.GetProperty("status").GetInt32().ShouldBe(200);
        download.GetProperty("type").GetString().ShouldBe("image/png");
        download.GetProperty("bytes").EnumerateArray().Select(b => b.GetInt32()).ShouldBe([0, 1, 2, 250, 255]);

        // invokeRemote: a FIT App accepts; the site's lockdown, set through App's Connect path, shows on the Forge path.
        (await EvalAsync(viewer, "async () => (await forgeBridge.invokeRemote({ path: '/forge/api/capabilities', method: 'GET' })).body.lockdown")).GetBoolean().ShouldBeFalse();
        using (var put = await _system.ApiAsync(site, HttpMethod.Put, "/api/settings", new { lockdown = true }, sub: sandbox.Sandbox.AccountId, ifMatch: "*"))
        {
            put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        }

        var capabilities = await EvalAsync(viewer, "() => forgeBridge.invokeRemote({ path: '/forge/api/capabilities', method: 'GET' })");
        capabilities.GetProperty("status").GetInt32().ShouldBe(200);
        capabilities.GetProperty("body").GetProperty("lockdown").GetBoolean().ShouldBeTrue();
        capabilities.GetProperty("headers").GetProperty("content-type").GetString()!.ShouldStartWith("application/json");
        var settings = await EvalAsync(viewer, "() => forgeBridge.invokeRemote({ path: '/forge/api/settings', method: 'GET' })");
        settings.GetProperty("body").GetProperty("settings").GetProperty("lockdown").GetBoolean().ShouldBeTrue();
        (await _system.Sim.ForgeInvocationsAsync()).ShouldContain(i => i.GetProperty("siteId").GetString() == wiki.SiteId && i.GetProperty("path").GetString() == "/forge/api/settings");

        // What the viewer may not do: Jira from Confluence, a path off the REST API, submit.
        (await RejectionAsync(viewer, "() => forgeBridge.requestJira('/rest/api/3/issue/SBX-1')")).ShouldContain("a jira request cannot be made from it");
        (await RejectionAsync(viewer, "() => forgeBridge.requestConfluence('/rest/api/content/98305')")).ShouldContain("must be the product REST path starting with /wiki/");
        (await RejectionAsync(viewer, "() => forgeBridge.view.submit({ config: {} })")).ShouldContain("not submittable");
        (await EvalAsync(viewer, "async () => { const h = await forgeBridge.view.createHistory(); h.push('/diagram?x=1'); return h.location.pathname + h.location.search; }"))
            .GetString().ShouldBe("/diagram?x=1");
        (await EvalAsync(viewer, "() => forgeBridge.router.getUrl({ target: 'contentView', contentId: '98305' }).then((u) => u.toString())")).GetString().ShouldBe(wiki.ForgePageUrl);
        tab.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task UnknownBridgeCall_Rejected_WithAnErrorInTheConsole()
    {
        using var sandbox = await SandboxBrowser.OpenAsync(_system);
        await using var tab = await OpenAsync(nameof(UnknownBridgeCall_Rejected_WithAnErrorInTheConsole), sandbox.Sandbox.Jira.ForgeIssueUrl);
        var panel = await tab.ProbeAsync("issue-panel-frame");

        var message = await RejectionAsync(panel, "() => forgeBridge.fetchUserRecommendations({ query: 'a' })");
        var direct = await RejectionAsync(panel, "() => window.__bridge.callBridge('noSuchCall', {})");

        message.ShouldContain("callBridge(\"fetchUserRecommendations\") is not implemented by the sandbox");
        direct.ShouldContain("callBridge(\"noSuchCall\") is not implemented by the sandbox");
        var errors = tab.ConsoleErrors.ToArray();
        errors.Length.ShouldBe(2, string.Join(" | ", errors));
        errors.ShouldContain(e => e.Contains("fetchUserRecommendations", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("noSuchCall", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MacroConfig_InsertSubmitThenEditClose_StoresTheConfigOnTheMacro()
    {
        using var sandbox = await SandboxBrowser.OpenAsync(_system);
        var wiki = sandbox.Sandbox.Confluence;
        await using var tab = await OpenAsync(nameof(MacroConfig_InsertSubmitThenEditClose_StoresTheConfigOnTheMacro), wiki.ForgePageUrl);
        await tab.Page.ClickAsync("[data-testid=page-edit]");
        await tab.Page.ClickAsync("[data-testid=insert-diagram]");
        var editor = await tab.ProbeAsync("editor-frame");

        var inserting = await EvalAsync(editor, "() => forgeBridge.view.getContext()");
        inserting.GetProperty("extension").GetProperty("macro").GetProperty("isInserting").GetBoolean().ShouldBeTrue();
        inserting.GetProperty("extension").TryGetProperty("config", out _).ShouldBeFalse();
        var localId = inserting.GetProperty("localId").GetString()!;
        (await RejectionAsync(editor, "() => forgeBridge.view.submit({ config: { revision: 2 } })")).ShouldContain("config.revision must be a string");
        // Submit and close remove the calling frame: not awaited here (the evaluation would end with the frame), the page shows the outcome.
        await EvalAsync(editor, "() => { forgeBridge.view.submit({ config: { diagramName: 'Probe', revision: '1', previewRevision: '1' } }); return true; }");
        await tab.Page.Locator("[data-testid=editor-frame]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        (await tab.Page.Locator("[data-testid=macro-placeholder-0]").TextContentAsync())!.ShouldContain("Secure Diagram: Probe");
        var macros = await sandbox.ApiAsync(wiki.SiteId, HttpMethod.Get, "/pages/98305/macros");
        macros.GetProperty("macros")[0].GetProperty("macroId").GetString().ShouldBe(localId);
        macros.GetProperty("macros")[0].GetProperty("params").GetProperty("previewRevision").GetString().ShouldBe("1");

        await tab.Page.ClickAsync("[data-testid=macro-edit-0]");
        var editing = await tab.ProbeAsync("editor-frame");
        var context = await EvalAsync(editing, "() => forgeBridge.view.getContext()");
        context.GetProperty("localId").GetString().ShouldBe(localId);
        context.GetProperty("extension").GetProperty("macro").GetProperty("isInserting").GetBoolean().ShouldBeFalse();
        context.GetProperty("extension").GetProperty("config").GetProperty("diagramName").GetString().ShouldBe("Probe");
        await EvalAsync(editing, "() => { forgeBridge.view.close(); return true; }");
        await tab.Page.Locator("[data-testid=editor-frame]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await tab.Page.ClickAsync("[data-testid=page-publish]");

        var viewer = await tab.ProbeAsync("macro-frame-0");
        (await EvalAsync(viewer, "async () => (await forgeBridge.view.getContext()).extension.config.revision")).GetString().ShouldBe("1");
        (await tab.Page.Locator("[data-testid=page-version]").TextContentAsync()).ShouldBe("2");
        tab.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task IssuePanel_RequestJiraAModalAndEvents_AdminPageInvokes()
    {
        using var sandbox = await SandboxBrowser.OpenAsync(_system);
        var jira = sandbox.Sandbox.Jira;
        var site = new Site(jira.SiteId, jira.ClientKey, jira.BaseUrl, 204, string.Empty);
        await using var tab = await OpenAsync(nameof(IssuePanel_RequestJiraAModalAndEvents_AdminPageInvokes), jira.ForgeIssueUrl);
        var panel = await tab.ProbeAsync("issue-panel-frame");

        (await EvalAsync(panel, "async () => (await forgeBridge.view.getContext()).extension.issue.key")).GetString().ShouldBe("SBX-1");
        var added = await EvalAsync(panel, """
            async () => {
              const form = new FormData();
              form.append('file', new Blob(['<mxfile/>'], { type: 'application/vnd.jgraph.mxfile' }), 'Probe');
              const add = await forgeBridge.requestJira('/rest/api/3/issue/SBX-1/attachments', { method: 'POST', body: form });
              const put = await forgeBridge.requestJira('/rest/api/3/issue/SBX-1/properties/secure-diagram.probe', {
                method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Probe' }) });
              const issue = await forgeBridge.requestJira('/rest/api/3/issue/SBX-1?fields=attachment');
              return { add: add.status, file: (await add.json())[0].filename, put: put.status, attachments: (await issue.json()).fields.attachment.length };
            }
            """);
        added.GetProperty("add").GetInt32().ShouldBe(200);
        added.GetProperty("file").GetString().ShouldBe("Probe");
        added.GetProperty("put").GetInt32().ShouldBe(201);
        added.GetProperty("attachments").GetInt32().ShouldBe(1);
        (await _system.Sim.AttachmentsAsync(site)).ShouldContain(a => a.GetProperty("name").GetString() == "Probe" && a.GetProperty("issueKey").GetString() == "SBX-1");

        // A Modal of the editor resource: its context carries the opener's module and extension.modal; close(payload) reaches onClose.
        await EvalAsync(panel, """
            () => new forgeBridge.Modal({ resource: 'editor', size: 'max', context: { issueKey: 'SBX-1', name: null },
              onClose: (payload) => { window.closedWith = payload; } }).open().then(() => true)
            """);
        var modal = await tab.ProbeAsync("modal-frame");
        var modalContext = await EvalAsync(modal, "() => forgeBridge.view.getContext()");
        modalContext.GetProperty("extension").GetProperty("type").GetString().ShouldBe("jira:issuePanel");
        modalContext.GetProperty("extension").GetProperty("modal").GetProperty("issueKey").GetString().ShouldBe("SBX-1");
        await EvalAsync(panel, "() => forgeBridge.events.on('probe-ping', (p) => { window.pinged = p; }).then(() => true)");
        await EvalAsync(modal, "() => forgeBridge.events.emit('probe-ping', { n: 1 }).then(() => true)");
        await panel.WaitForFunctionAsync("() => window.pinged && window.pinged.n === 1");
        (await EvalAsync(modal, "async () => (await forgeBridge.invokeRemote({ path: '/forge/api/capabilities', method: 'GET' })).status")).GetInt32().ShouldBe(200);
        await EvalAsync(modal, "() => { forgeBridge.view.close({ saved: 'Probe' }); return true; }");
        await tab.Page.Locator("[data-testid=modal-frame]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await panel.WaitForFunctionAsync("() => window.closedWith && window.closedWith.saved === 'Probe'");
        (await RejectionAsync(panel, "() => forgeBridge.view.close()")).ShouldContain("not closable");

        await tab.Page.GotoAsync(jira.ForgeAdminUrl);
        var admin = await tab.ProbeAsync("admin-frame");
        (await EvalAsync(admin, "async () => (await forgeBridge.view.getContext()).moduleKey")).GetString().ShouldBe("jira-admin");
        var settings = await EvalAsync(admin, "() => forgeBridge.invokeRemote({ path: '/forge/api/settings', method: 'GET' })");
        settings.GetProperty("status").GetInt32().ShouldBe(200);
        settings.GetProperty("headers").GetProperty("etag").GetString().ShouldNotBeNullOrEmpty();
        tab.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task Resource_UnderForgesCsp_InlineScriptAndEvalAreRefused()
    {
        using var sandbox = await SandboxBrowser.OpenAsync(_system);
        await using var tab = await OpenAsync(nameof(Resource_UnderForgesCsp_InlineScriptAndEvalAreRefused), sandbox.Sandbox.Jira.ForgeIssueUrl);
        var panel = await tab.ProbeAsync("issue-panel-frame");

        var inlineRan = await EvalAsync(panel, "() => probe.tryInline()");
        var evaluated = await EvalAsync(panel, "() => probe.tryEval()");
        var violations = await EvalAsync(panel, "() => probe.violations");

        inlineRan.GetBoolean().ShouldBeFalse();
        evaluated.GetProperty("ran").GetBoolean().ShouldBeFalse();
        evaluated.GetProperty("error").GetString().ShouldBe("EvalError");
        violations.EnumerateArray().ShouldContain(v => v.GetProperty("directive").GetString() == "script-src-elem" && v.GetProperty("blocked").GetString() == "inline");
        violations.EnumerateArray().ShouldContain(v => v.GetProperty("directive").GetString() == "script-src" && v.GetProperty("blocked").GetString() == "eval");
        var errors = tab.ConsoleErrors.ToArray();
        errors.ShouldNotBeEmpty();
        errors.ShouldAllBe(e => e.Contains("Content Security Policy", StringComparison.Ordinal));
    }

    private async Task<ProbeTab> OpenAsync(string testName, string url)
    {
        var context = await browsers.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var tab = new ProbeTab(context, await context.NewPageAsync(), testName);
        await tab.Page.GotoAsync(url);
        return tab;
    }

    /// <summary>Runs <paramref name="function"/> (a JS function, may be async) in the frame and returns its result as JSON.</summary>
    private static async Task<JsonElement> EvalAsync(IFrame frame, string function)
    {
        var json = await frame.EvaluateAsync<string>($"async () => JSON.stringify(await ({function})())");
        return JsonDocument.Parse(json ?? "null").RootElement.Clone();
    }

    /// <summary>The message <paramref name="function"/>'s promise rejects with (fails the test if it resolves).</summary>
    private static async Task<string> RejectionAsync(IFrame frame, string function)
    {
        var outcome = await EvalAsync(frame, $"async () => {{ try {{ await ({function})(); return {{ resolved: true }}; }} catch (e) {{ return {{ message: String(e && e.message) }}; }} }}");
        outcome.TryGetProperty("resolved", out _).ShouldBeFalse($"{function} resolved");
        return outcome.GetProperty("message").GetString()!;
    }

    /// <summary>A browser tab on a sandbox page, recording console errors of the page and its frames.</summary>
    private sealed class ProbeTab : IAsyncDisposable
    {
        private readonly IBrowserContext _context;
        private readonly string _testName;

        public ProbeTab(IBrowserContext context, IPage page, string testName)
        {
            _context = context;
            _testName = testName;
            Page = page;
            page.Console += (_, message) =>
            {
                if (message.Type is "error")
                {
                    ConsoleErrors.Enqueue($"{message.Text} ({message.Location})");
                }
            };
            page.PageError += (_, error) => ConsoleErrors.Enqueue($"pageerror: {error}");
        }

        public IPage Page { get; }

        public ConcurrentQueue<string> ConsoleErrors { get; } = new();

        /// <summary>The probe's frame with this data-testid, once its getContext answered.</summary>
        public async Task<IFrame> ProbeAsync(string testId)
        {
            var element = await Page.WaitForSelectorAsync($"[data-testid={testId}]", new() { Timeout = 30_000 });
            var frame = await element!.ContentFrameAsync() ?? throw new InvalidOperationException($"{testId} has no frame");
            await frame.WaitForSelectorAsync("body[data-ready=true]", new() { Timeout = 30_000 });
            return frame;
        }

        public void ShouldHaveNoConsoleErrors() => ConsoleErrors.ToArray().ShouldBeEmpty($"browser console errors: {string.Join(" | ", ConsoleErrors)}");

        public async ValueTask DisposeAsync()
        {
            try
            {
                await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSystem.ArtifactsFolder, $"{_testName}-end.png"), FullPage = true });
            }
            catch (PlaywrightException)
            {
                // A page that already failed may not screenshot; the test's own failure is what matters.
            }

            await _context.CloseAsync();
        }
    }
}
