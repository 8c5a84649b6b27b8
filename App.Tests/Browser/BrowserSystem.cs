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
            Args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                .. Environment.UserName == "root" ? ["--no-sandbox"] : Array.Empty<string>()],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
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
