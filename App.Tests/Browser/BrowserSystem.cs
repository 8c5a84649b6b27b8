extern alias hostsim;

using System.Collections.Concurrent;
using Diagrams.App.Tests.Infrastructure;
using Microsoft.Playwright;
using Shouldly;
using Xunit;
using ForgeSim = hostsim::Diagrams.HostSim.ForgeSim;
using SandboxCreated = hostsim::Diagrams.HostSim.SandboxCreated;

namespace Diagrams.App.Tests.Browser;

/// <summary>Which of the sandbox's two hosts a browser test runs in: the Connect pages (App's iframes, AP) or the Forge pages (Custom UI, @forge/bridge).</summary>
public enum HostMode
{
    Connect,
    Forge,
}

/// <summary>
/// One HostSim + App (PostgreSQL) + EU/US Converters and one Debian Chromium driven by Playwright, shared by the browser
/// tests. App loads HostSim's AP shim instead of Atlassian's CDN all.js (Connect:AllJsUrl), exactly as the sandbox does,
/// and takes Forge calls from HostSim as the sandbox configures it (<see cref="ForgeArgs"/>), so every sandbox has both
/// modes; <see cref="Received"/> records every request App receives.
/// </summary>
public sealed class BrowserSystem : IAsyncLifetime
{
    /// <summary>App as the sandbox configures it for Forge: HostSim's app id and JWKS, its API hosts, and the Custom UI's CDN origin (CORS for ticketed jobs).</summary>
    public static readonly string[] ForgeArgs =
    [
        $"--Forge:AppId={ForgeSim.DefaultAppId}",
        $"--Forge:JwksUrl={TestSystem.SimUrlPlaceholder}forge/jwks.json",
        "--Forge:ApiHosts:0=127.0.0.1",
        "--Forge:ApiHosts:1=localhost",
        $"--Forge:UiOrigins:0=http://*.cdn.localhost:{TestSystem.SimPortPlaceholder}",
    ];

    public TestSystem System { get; private set; } = null!;

    /// <summary>Every request App received (line, headers, whole body), for "this never reached App" checks.</summary>
    public RequestRecorder Received { get; } = new();

    public TestConverter Eu { get; private set; } = null!;

    public TestConverter Us { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    private IPlaywright _playwright = null!;

    /// <summary>Screenshots are kept as test artifacts here (CI uploads TestResults/).</summary>
    public static string ArtifactsFolder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", "browser")).FullName;

    public async Task InitializeAsync()
    {
        Eu = await TestConverter.StartAsync("EU");
        Us = await TestConverter.StartAsync("US");
        System = await TestSystem.StartAsync(1, Received.AddTo, [.. Eu.AppArgs(), .. Us.AppArgs(), .. ForgeArgs, "--Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information"]);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Timeout = 60_000, // a Chromium that cannot start fails the browser tests in a minute, not Playwright's three
            Args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                .. Environment.UserName == "root" ? ["--no-sandbox"] : Array.Empty<string>()],
        });
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            // Killed with the Playwright driver below.
        }

        _playwright.Dispose();
        await System.DisposeAsync();
        await Eu.DisposeAsync();
        await Us.DisposeAsync();
    }

    /// <summary>A fresh sandbox (its own Confluence and Jira sites) and a browser tab that records every console error.</summary>
    /// <param name="mode">Which sandbox pages the session's URLs and test ids name.</param>
    public async Task<Session> OpenAsync(string testName, HostMode mode = HostMode.Connect)
    {
        var sandbox = await System.Sim.CreateSandboxAsync();
        if (mode == HostMode.Forge)
        {
            (sandbox.Confluence.ForgeInstallStatus, sandbox.Jira.ForgeInstallStatus).ShouldBe((200, 200), "App accepts the sandbox's Forge installations (BrowserSystem.ForgeArgs)");
        }

        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        var session = new Session(this, sandbox, mode, context, page, $"{testName}-{mode}");
        page.Console += (_, message) =>
        {
            if (message.Type is "error")
            {
                session.ConsoleErrors.Enqueue($"{message.Type}: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => session.ConsoleErrors.Enqueue($"pageerror: {error}");
        return session;
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserSystem>
{
    public const string Name = "browser";
}

public sealed class Session(BrowserSystem owner, SandboxCreated sandbox, HostMode mode, IBrowserContext context, IPage page, string testName) : IAsyncDisposable
{
    private int _shots;

    public SandboxCreated Sandbox { get; } = sandbox;

    public HostMode Mode { get; } = mode;

    /// <summary>The sandbox's Confluence page in this mode (the same page, macros and attachments in both).</summary>
    public string ConfluencePageUrl => Mode == HostMode.Forge ? Sandbox.Confluence.ForgePageUrl : Sandbox.Confluence.PageUrl;

    public string JiraIssueUrl => Mode == HostMode.Forge ? Sandbox.Jira.ForgeIssueUrl : Sandbox.Jira.IssueUrl;

    public string ConfluenceAdminUrl => Mode == HostMode.Forge ? Sandbox.Confluence.ForgeAdminUrl : Sandbox.Confluence.AdminUrl;

    /// <summary>The Jira editor's frame: Connect's dialog module, or the Forge Modal the panel opens.</summary>
    public string JiraEditorTestId => Mode == HostMode.Forge ? "modal-frame" : "dialog-frame";

    /// <summary>Where a heavy job of this kind reaches App: Connect's proxy, or Forge's ticket route (the ticket itself comes through invokeRemote).</summary>
    public string JobRoute(string kind) => Mode == HostMode.Forge ? $"/jobs/ticketed/{kind}" : $"/api/jobs/{kind}";

    /// <summary>A route that carries diagram content or a job to App: Connect's /api/diagrams and /api/jobs, Forge's /forge/api/jobs and /jobs/ticketed.</summary>
    public static bool IsDiagramOrJobRoute(string path) =>
        path.StartsWith("/api/jobs", StringComparison.Ordinal) || path.StartsWith("/api/diagrams", StringComparison.Ordinal)
        || path.StartsWith("/forge/api/jobs", StringComparison.Ordinal) || path.StartsWith("/forge/api/diagrams", StringComparison.Ordinal)
        || path.StartsWith("/jobs/", StringComparison.Ordinal);

    public IPage Page { get; } = page;

    public ConcurrentQueue<string> ConsoleErrors { get; } = new();

    public BrowserSystem Owner { get; } = owner;

    public async Task ScreenshotAsync(string step)
    {
        var file = Path.Combine(BrowserSystem.ArtifactsFolder, $"{testName}-{++_shots:00}-{step}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
    }

    /// <summary>The app's frame with this data-testid (another origin than the sandbox page, so reached through Playwright, not contentWindow).</summary>
    public async Task<IFrame> FrameAsync(string testId) =>
        await (await Page.Locator($"[data-testid={testId}]").ElementHandleAsync()).ContentFrameAsync()
            ?? throw new InvalidOperationException($"{testId} has no frame");

    /// <summary>Evaluates <paramref name="expression"/> (a function of the editor) against window.diagramEditor in the editor's frame.</summary>
    public async Task<T> EditorAsync<T>(string expression, string testId = "editor-frame") =>
        await (await FrameAsync(testId)).EvaluateAsync<T>($"() => ({expression})(window.diagramEditor)");

    /// <summary>The Confluence sandbox page in edit mode, "Insert diagram", and the macro editor ready.</summary>
    public async Task<(IFrameLocator Editor, IFrame Frame)> InsertDiagramAsync()
    {
        await Page.GotoAsync(ConfluencePageUrl);
        await Page.ClickAsync("[data-testid=page-edit]");
        await Page.ClickAsync("[data-testid=insert-diagram]");
        var editor = Page.FrameLocator("[data-testid=editor-frame]");
        await editor.Locator("[data-testid=canvas]").WaitForAsync(new() { Timeout = 30_000 });
        var frame = await FrameAsync("editor-frame");
        await frame.WaitForFunctionAsync("() => window.diagramEditor !== undefined", null, new() { Timeout = 30_000 });
        return (editor, frame);
    }

    /// <summary>Puts a diagram file on the sandbox page as the sandbox user (the browser's session, as an upload from Confluence's UI).</summary>
    public async Task UploadAsUserAsync(string name, byte[] bytes)
    {
        var url = $"{Owner.System.Sim.Url}sites/{Sandbox.Confluence.SiteId}/wiki/rest/api/content/{Sandbox.Confluence.PageId}/child/attachment";
        var response = await Page.APIRequest.PutAsync(url, new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string> { ["X-Atlassian-Token"] = "no-check" },
            Multipart = Page.APIRequest.CreateFormData().Set("file", new FilePayload { Name = name, MimeType = "application/vnd.jgraph.mxfile", Buffer = bytes }),
        });
        response.Status.ShouldBe(200, await response.TextAsync());
    }

    /// <summary>Sets a macro's parameters on the sandbox page (what the macro editor's saveMacro stores).</summary>
    public async Task PutMacroAsync(string macroId, Dictionary<string, string> parameters)
    {
        var url = $"{Owner.System.Sim.Url}sandbox/{Sandbox.Confluence.SiteId}/api/pages/{Sandbox.Confluence.PageId}/macros/{macroId}";
        var response = await Page.APIRequest.PutAsync(url, new APIRequestContextOptions { DataObject = new { @params = parameters } });
        response.Status.ShouldBe(200, await response.TextAsync());
    }

    /// <summary>The sandbox page showing <paramref name="name"/> (uploaded as revision 1) in its first macro, and that macro's viewer.</summary>
    public async Task<IFrameLocator> ViewDiagramAsync(string name, byte[] bytes)
    {
        await Page.GotoAsync(Sandbox.Confluence.PageUrl);
        await UploadAsUserAsync(name, bytes);
        await PutMacroAsync("m-view", new Dictionary<string, string> { ["diagramName"] = name, ["revision"] = "1" });
        await Page.ReloadAsync();
        var viewer = Page.FrameLocator("[data-testid=macro-frame-0]");
        await viewer.Locator("#app[data-cells]").WaitForAsync(new() { Timeout = 30_000 });
        return viewer;
    }

    /// <summary>Fails the test on any console error in the page or its frames.</summary>
    public void ShouldHaveNoConsoleErrors() => ConsoleErrors.ToArray().ShouldBeEmpty($"browser console errors: {string.Join(" | ", ConsoleErrors)}");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ScreenshotAsync("end");
        }
        catch (PlaywrightException)
        {
            // A page that already failed may not screenshot; the test's own failure is what matters.
        }

        await context.CloseAsync();
    }
}
