extern alias hostsim;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using SandboxCreated = hostsim::Diagrams.HostSim.SandboxCreated;

namespace Diagrams.App.Tests.HostSim;

/// <summary>
/// What a browser on the sandbox pages does, over plain HTTP: keeps HostSim's session cookies, reads the iframes the
/// pages render, and calls HostSim's REST endpoints as the host page forwards <c>AP.request</c> (session, no JWT).
/// </summary>
public sealed partial class SandboxBrowser : IDisposable
{
    private readonly HttpClient _http;

    private SandboxBrowser(TestSystem system, SandboxCreated sandbox)
    {
        System = system;
        Sandbox = sandbox;
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = system.Sim.Url };
    }

    public TestSystem System { get; }

    public SandboxCreated Sandbox { get; }

    public string WikiRest => $"/sites/{Sandbox.Confluence.SiteId}/wiki";

    public string JiraRest => $"/sites/{Sandbox.Jira.SiteId}";

    /// <summary>A new sandbox, with its Confluence and Jira pages opened once (which starts the sessions).</summary>
    public static async Task<SandboxBrowser> OpenAsync(TestSystem system)
    {
        var browser = new SandboxBrowser(system, await system.Sim.CreateSandboxAsync());
        (await browser.PageAsync(browser.Sandbox.Confluence.PageUrl)).ShouldContain("data-testid=\"page-edit\"");
        (await browser.PageAsync(browser.Sandbox.Jira.IssueUrl)).ShouldContain("data-testid=\"issue-panel-frame\"");
        return browser;
    }

    public async Task<string> PageAsync(string url)
    {
        using var response = await _http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null, bool xsrfHeader = true)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (xsrfHeader && method != HttpMethod.Get)
        {
            request.Headers.Add("X-Atlassian-Token", "no-check");
        }

        return await _http.SendAsync(request);
    }

    /// <summary>A call to the host page's own API (<c>/sandbox/{site}/api</c>) with a JSON body.</summary>
    public async Task<JsonElement> ApiAsync(string siteId, HttpMethod method, string path, object? json = null)
    {
        using var request = new HttpRequestMessage(method, $"/sandbox/{siteId}/api{path}") { Content = json is null ? null : JsonContent.Create(json) };
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The decoded <c>src</c> of the iframe with this data-testid.</summary>
    public static string FrameSrc(string html, string testId)
    {
        var match = Regex.Match(html, $"<iframe[^>]*data-testid=\"{Regex.Escape(testId)}\"[^>]*src=\"([^\"]*)\"");
        match.Success.ShouldBeTrue($"no iframe {testId} in the page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public void Dispose() => _http.Dispose();
}
