extern alias hostsim;

using System.Collections.Concurrent;
using Diagrams.App.Tests.Infrastructure;
using Microsoft.Playwright;
using Shouldly;
using Xunit;
using SandboxCreated = hostsim::Diagrams.HostSim.SandboxCreated;

namespace Diagrams.App.Tests.Browser;

/// <summary>
/// One HostSim + App (PostgreSQL) + EU/US Converters and one Debian Chromium driven by Playwright, shared by the browser
/// tests. App loads HostSim's AP shim instead of Atlassian's CDN all.js (Connect:AllJsUrl), exactly as the sandbox does.
/// </summary>
public sealed class BrowserSystem : IAsyncLifetime
{
    public TestSystem System { get; private set; } = null!;

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
        System = await TestSystem.StartAsync(1, [.. Eu.AppArgs(), .. Us.AppArgs(), "--Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information"]);
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
    public async Task<Session> OpenAsync(string testName)
    {
        var sandbox = await System.Sim.CreateSandboxAsync();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        var session = new Session(this, sandbox, context, page, testName);
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

public sealed class Session(BrowserSystem owner, SandboxCreated sandbox, IBrowserContext context, IPage page, string testName) : IAsyncDisposable
{
    private int _shots;

    public SandboxCreated Sandbox { get; } = sandbox;

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
        await Page.GotoAsync(Sandbox.Confluence.PageUrl);
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
