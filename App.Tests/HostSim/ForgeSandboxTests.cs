extern alias hostsim;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Diagrams.App.Tests.Forge;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;
using ForgeCsp = hostsim::Diagrams.HostSim.ForgeCsp;
using ForgeModules = hostsim::Diagrams.HostSim.ForgeModules;
using ForgeSim = hostsim::Diagrams.HostSim.ForgeSim;

namespace Diagrams.App.Tests.HostSim;

/// <summary>
/// The sandbox's Forge mode over HTTP: the setup installs the app as a Forge installation too, the Forge pages frame the
/// Custom UI from the CDN origin with each module's context, the CDN serves resources under Forge's CSP with the bridge
/// first and nothing else, and invokeRemote mints FITs App accepts, answered and refused as Forge does.
/// </summary>
public sealed class ForgeSandboxTests(ForgeProbeSystem probe) : IClassFixture<ForgeProbeSystem>, IAsyncLifetime
{
    private readonly TestSystem _system = probe.System;
    private SandboxBrowser _browser = null!;

    public async Task InitializeAsync() => _browser = await SandboxBrowser.OpenAsync(_system);

    public Task DisposeAsync()
    {
        _browser.Dispose();
        return Task.CompletedTask;
    }

    private string SimOrigin => _system.Sim.Url.GetLeftPart(UriPartial.Authority);

    /// <summary>The app's Custom UI origin: its uuid under cdn.localhost, on HostSim's port.</summary>
    private string CdnOrigin => $"http://{ForgeSim.DefaultAppId[(ForgeSim.DefaultAppId.LastIndexOf('/') + 1)..]}.cdn.localhost:{_system.Sim.Url.Port}";

    [Fact]
    public async Task SandboxSetup_Created_InstallsBothSitesAsForgeInstallations_AndReturnsTheForgeUrls()
    {
        var sandbox = _browser.Sandbox;

        sandbox.Confluence.ForgeInstallStatus.ShouldBe(200);
        sandbox.Jira.ForgeInstallStatus.ShouldBe(200);
        sandbox.Confluence.ForgePageUrl.ShouldBe($"{SimOrigin}/sandbox/{sandbox.Confluence.SiteId}/forge/confluence/pages/98305");
        sandbox.Confluence.ForgeAdminUrl.ShouldBe($"{SimOrigin}/sandbox/{sandbox.Confluence.SiteId}/forge/confluence/admin");
        sandbox.Jira.ForgeIssueUrl.ShouldBe($"{SimOrigin}/sandbox/{sandbox.Jira.SiteId}/forge/jira/issues/SBX-1");
        sandbox.Jira.ForgeAdminUrl.ShouldBe($"{SimOrigin}/sandbox/{sandbox.Jira.SiteId}/forge/jira/admin");
        var index = await _browser.PageAsync(sandbox.IndexUrl);
        index.ShouldContain($"/sandbox/{sandbox.Confluence.SiteId}/forge/confluence/pages/98305");
        index.ShouldContain($"/sandbox/{sandbox.Jira.SiteId}/forge/jira/issues/SBX-1");
        index.ShouldContain($"/sandbox/{sandbox.Jira.SiteId}/jira/issues/SBX-1");
    }

    [Fact]
    public async Task ForgePages_FrameTheResourcesFromTheCdnOrigin_WithEachModulesContext()
    {
        var sandbox = _browser.Sandbox;
        await _browser.ApiAsync(sandbox.Confluence.SiteId, HttpMethod.Put, "/pages/98305/macros/m-1", new { @params = new { diagramName = "Arch & flow", revision = "3" } });
        var (wikiCloud, _) = await _system.Sim.ForgeInstallationAsync(sandbox.Confluence.SiteId);
        var (jiraCloud, _) = await _system.Sim.ForgeInstallationAsync(sandbox.Jira.SiteId);

        using var page = await _browser.SendAsync(HttpMethod.Get, sandbox.Confluence.ForgePageUrl);
        var html = await page.Content.ReadAsStringAsync();
        var macro = Context(html, "macro-frame-0");
        var panel = Context(await _browser.PageAsync(sandbox.Jira.ForgeIssueUrl), "issue-panel-frame");
        var wikiAdmin = Context(await _browser.PageAsync(sandbox.Confluence.ForgeAdminUrl), "admin-frame");
        var jiraAdmin = Context(await _browser.PageAsync(sandbox.Jira.ForgeAdminUrl), "admin-frame");

        page.Headers.GetValues("Content-Security-Policy").Single().ShouldContain($"frame-src {CdnOrigin};");
        html.ShouldContain("<script src=\"/_sim/forge-product.js\" defer></script>\n  <script src=\"/_sim/forge-page.js\" defer></script>\n  <script src=\"/_sim/forge-host.js\" defer></script>");
        html.ShouldNotContain("forge-not-installed");
        SandboxBrowser.FrameSrc(html, "macro-frame-0").ShouldMatch($"^{Regex.Escape(CdnOrigin)}/[0-9a-f-]{{36}}/viewer/index.html$");
        SandboxBrowser.FrameSrc(await _browser.PageAsync(sandbox.Jira.ForgeIssueUrl), "issue-panel-frame").ShouldEndWith("/panel/index.html");
        macro.GetProperty("moduleKey").GetString().ShouldBe("secure-diagram");
        macro.GetProperty("localId").GetString().ShouldBe("m-1");
        macro.GetProperty("accountId").GetString().ShouldBe(sandbox.AccountId);
        macro.GetProperty("cloudId").GetString().ShouldBe(wikiCloud);
        macro.GetProperty("extension").GetProperty("type").GetString().ShouldBe("macro");
        macro.GetProperty("extension").GetProperty("content").GetProperty("id").GetString().ShouldBe("98305");
        macro.GetProperty("extension").GetProperty("space").GetProperty("key").GetString().ShouldBe("SBX");
        macro.GetProperty("extension").GetProperty("config").GetProperty("diagramName").GetString().ShouldBe("Arch & flow");
        macro.GetProperty("extension").GetProperty("macro").GetProperty("isConfiguring").GetBoolean().ShouldBeFalse();
        panel.GetProperty("moduleKey").GetString().ShouldBe("panel");
        panel.GetProperty("cloudId").GetString().ShouldBe(jiraCloud);
        panel.GetProperty("extension").GetProperty("type").GetString().ShouldBe("jira:issuePanel");
        panel.GetProperty("extension").GetProperty("issue").GetProperty("key").GetString().ShouldBe("SBX-1");
        panel.GetProperty("extension").GetProperty("project").GetProperty("key").GetString().ShouldBe("SBX");
        wikiAdmin.GetProperty("moduleKey").GetString().ShouldBe("admin");
        wikiAdmin.GetProperty("extension").GetProperty("type").GetString().ShouldBe("confluence:globalSettings");
        jiraAdmin.GetProperty("moduleKey").GetString().ShouldBe("jira-admin");
        jiraAdmin.GetProperty("extension").GetProperty("type").GetString().ShouldBe("jira:adminPage");
    }

    [Fact]
    public async Task CdnResource_ServedUnderForgesCsp_WithTheBridgeBeforeTheResourcesOwnScripts()
    {
        var src = SandboxBrowser.FrameSrc(await _browser.PageAsync(_browser.Sandbox.Jira.ForgeIssueUrl), "issue-panel-frame");

        using var index = await CdnAsync(new Uri(src).AbsolutePath);
        using var bridge = await CdnAsync("/__hostsim/forge-bridge.js");
        using var script = await CdnAsync(new Uri(src).AbsolutePath.Replace("index.html", "probe.js", StringComparison.Ordinal));

        index.StatusCode.ShouldBe(HttpStatusCode.OK);
        var csp = index.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';");
        csp.ShouldNotContain("unsafe-eval");
        var port = _system.Sim.Url.Port;
        csp.ShouldContain($"frame-ancestors http://127.0.0.1:{port} http://localhost:{port};");
        var html = await index.Content.ReadAsStringAsync();
        html.IndexOf("<script src=\"/__hostsim/forge-bridge.js\"></script>", StringComparison.Ordinal).ShouldBeInRange(0, html.IndexOf("probe.js", StringComparison.Ordinal));
        var shim = await bridge.Content.ReadAsStringAsync();
        shim.ShouldContain($"var HOST_ORIGINS = [\"http://127.0.0.1:{port}\",\"http://localhost:{port}\"];");
        shim.ShouldContain("window.__bridge = { callBridge: callBridge };");
        script.StatusCode.ShouldBe(HttpStatusCode.OK);
        script.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        script.Headers.GetValues("Content-Security-Policy").Single().ShouldBe(csp);
    }

    [Theory]
    [InlineData("/sandbox")]
    [InlineData("/_sim/calls")]
    [InlineData("/forge/jwks.json")]
    [InlineData("/{env}/panel/.hidden")]
    [InlineData("/{env}/no-such-resource/index.html")]
    [InlineData("/00000000-0000-0000-0000-000000000000/panel/index.html")]
    [InlineData("/{env}/panel/missing.js")]
    public async Task CdnHost_AnythingButAResourceFile_Is404(string path)
    {
        var src = SandboxBrowser.FrameSrc(await _browser.PageAsync(_browser.Sandbox.Jira.ForgeIssueUrl), "issue-panel-frame");
        var env = new Uri(src).AbsolutePath.Split('/')[1];

        using var response = await CdnAsync(path.Replace("{env}", env, StringComparison.Ordinal));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
    }

    [Fact]
    public async Task Invoke_AsTheSandboxUser_MintsAFitAppAccepts_OnTheSitesOneTenant()
    {
        var jira = _browser.Sandbox.Jira;

        var put = await InvokeAsync(jira.SiteId, new { moduleKey = "jira-admin", path = "/forge/api/settings", method = "PUT", headers = new Dictionary<string, string> { ["If-Match"] = "*" }, body = new { lockdown = true } });
        var capabilities = await InvokeAsync(jira.SiteId, new { moduleKey = "panel", path = "/forge/api/capabilities", method = "GET" });
        using var connect = await _system.ApiAsync(new Site(jira.SiteId, jira.ClientKey, jira.BaseUrl, 204, string.Empty), HttpMethod.Get, "/api/capabilities", sub: _browser.Sandbox.AccountId);

        put.GetProperty("success").GetBoolean().ShouldBeTrue(put.ToString());
        put.GetProperty("payload").GetProperty("status").GetInt32().ShouldBe(200);
        put.GetProperty("payload").GetProperty("headers").GetProperty("content-type")[0].GetString()!.ShouldStartWith("application/json");
        capabilities.GetProperty("payload").GetProperty("body").GetProperty("lockdown").GetBoolean().ShouldBeTrue();
        (await connect.Content.ReadAsStringAsync()).ShouldContain("\"lockdown\":true", Case.Sensitive, "the Connect install and the Forge installation share the site's tenant");
        var invocations = await _system.Sim.ForgeInvocationsAsync();
        invocations.ShouldContain(i => i.GetProperty("moduleKey").GetString() == "jira-admin" && i.GetProperty("method").GetString() == "PUT"
            && i.GetProperty("path").GetString() == "/forge/api/settings" && i.GetProperty("status").GetInt32() == 200);
    }

    [Theory]
    [InlineData("{\"moduleKey\":\"secure-diagram\",\"path\":\"/api/capabilities\",\"method\":\"GET\"}", "Remote could not verify the Forge Invocation Token")] // a FIT outside /forge: App answers 401
    public async Task Invoke_AnswerForgeRefuses_RejectsTheCallWithForgesReason(string call, string reason)
    {
        using var response = await _browser.SendAsync(HttpMethod.Post, $"/sandbox/{_browser.Sandbox.Confluence.SiteId}/api/forge/invoke",
            new StringContent(call, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain(reason, Case.Sensitive, body);
    }

    [Fact]
    public async Task Invoke_AppsRefusal_ReachesThePageAsAnError_WithItsProblemDetails()
    {
        // No If-Match: App refuses with 428, typed application/json under /forge, so Forge hands it to the page.
        var put = await InvokeAsync(_browser.Sandbox.Confluence.SiteId, new { moduleKey = "admin", path = "/forge/api/settings", method = "PUT", body = new { lockdown = true } });

        put.GetProperty("success").GetBoolean().ShouldBeFalse(put.ToString());
        put.GetProperty("error").GetProperty("status").GetInt32().ShouldBe(428);
        put.GetProperty("error").GetProperty("body").GetProperty("title").GetString().ShouldBe("If-Match required");
    }

    [Theory]
    [InlineData("{\"moduleKey\":\"secure-diagram\",\"path\":\"/forge/api/settings\",\"method\":\"PUT\",\"body\":\"lockdown\"}", "body must be a JSON object")]
    [InlineData("{\"moduleKey\":\"secure-diagram\",\"path\":\"//evil.example/forge\",\"method\":\"GET\"}", "path must be a path on the remote")]
    [InlineData("{\"moduleKey\":\"secure-diagram\",\"path\":\"/forge/api/settings\",\"method\":\"GET\",\"headers\":{\"Authorization\":\"Bearer x\"}}", "is Forge's to set")]
    [InlineData("{\"moduleKey\":\"secure-diagram\",\"path\":\"/forge/api/settings\",\"method\":\"GET\",\"headers\":{\"x-forge-oauth-system\":\"x\"}}", "is Forge's to set")]
    [InlineData("{\"moduleKey\":\"secure-diagram\",\"path\":\"/forge/api/jobs/plantuml\",\"method\":\"POST\",\"headers\":{\"Content-Type\":\"text/plain\"},\"body\":{}}", "always goes as application/json")]
    [InlineData("{\"moduleKey\":\"secure-diagram\",\"path\":\"/forge/api/settings\",\"method\":\"GET\",\"body\":{\"a\":1}}", "a GET carries no body")]
    [InlineData("{\"moduleKey\":\"secure-diagram\",\"path\":\"/forge/api/settings\",\"method\":\"TRACE\"}", "method must be one of")]
    [InlineData("{\"moduleKey\":\"panel\",\"path\":\"/forge/api/settings\",\"method\":\"GET\"}", "moduleKey must name a confluence UI module")]
    public async Task Invoke_CallForgeWouldNotMake_Is400NamingTheFix_AndNothingReachesTheApp(string call, string fix)
    {
        var before = (await _system.Sim.ForgeInvocationsAsync()).Length;

        using var response = await _browser.SendAsync(HttpMethod.Post, $"/sandbox/{_browser.Sandbox.Confluence.SiteId}/api/forge/invoke",
            new StringContent(call, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(fix);
        (await _system.Sim.ForgeInvocationsAsync()).Length.ShouldBe(before);
    }

    [Fact]
    public async Task Invoke_WithoutTheSandboxSession_Is401()
    {
        using var anonymous = new HttpClient { BaseAddress = _system.Sim.Url };

        using var response = await anonymous.PostAsJsonAsync($"/sandbox/{_browser.Sandbox.Jira.SiteId}/api/forge/invoke", new { moduleKey = "panel", path = "/forge/api/capabilities", method = "GET" });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ModuleTableAndCsp_AgreeWithTheManifest()
    {
        await ForgeProject.EnsureInstalledAsync();

        var run = await ForgeProject.RunAsync("node", TimeSpan.FromSeconds(60), "-e", ReadManifest, Path.Combine(ForgeProject.Folder, "manifest.yml"));

        run.ExitCode.ShouldBe(0, run.Output);
        using var manifest = JsonDocument.Parse(run.Output);
        var modules = manifest.RootElement.GetProperty("modules").EnumerateArray()
            .Select(m => $"{m.GetProperty("type").GetString()} {m.GetProperty("key").GetString()} {m.GetProperty("resource").GetString()} {m.GetProperty("config")} {m.GetProperty("autoResize").GetBoolean()}")
            .Order(StringComparer.Ordinal);
        ForgeModules.All.Select(m => $"{m.Type} {m.Key} {m.Resource} {m.ConfigResource ?? string.Empty} {m.AutoResize}").Order(StringComparer.Ordinal).ShouldBe(modules);
        manifest.RootElement.GetProperty("resources").EnumerateArray().Select(r => r.GetString()).ShouldBe(ForgeModules.Resources);
        var permissions = manifest.RootElement.GetProperty("permissions");
        permissions.GetProperty("styles").EnumerateArray().Select(s => s.GetString()).ShouldBe(ForgeCsp.ContentStyles);
        permissions.GetProperty("scripts").EnumerateArray().Select(s => s.GetString()).ShouldBe(ForgeCsp.ContentScripts);
        permissions.GetProperty("fetchClient").EnumerateArray().Select(s => s.GetString()).ShouldBe(ForgeCsp.ExternalFetchClient);
        permissions.GetProperty("fetchRemotes").EnumerateArray().Select(s => s.GetString()).ShouldBe(ForgeCsp.ExternalFetchRemotes);
    }

    /// <summary>Prints the manifest's UI modules, resources and content/fetch permissions, read by @forge/manifest's own parser.</summary>
    private const string ReadManifest = """
        const fs = require('fs');
        const { ManifestParserBuilder } = require('@forge/manifest');
        const file = process.argv[1];
        const m = new ManifestParserBuilder().withInterpolators().build().parseManifest({ content: fs.readFileSync(file, 'utf8'), filePath: file });
        const modules = Object.entries(m.modules).flatMap(([type, list]) => (Array.isArray(list) ? list : [])
          .filter((x) => typeof x.resource === 'string')
          .map((x) => ({ type, key: x.key, resource: x.resource, config: (x.config && x.config.resource) || '', autoResize: !x.viewportSize && (type === 'macro' || type === 'jira:issuePanel') })));
        const p = m.permissions || {};
        const content = p.content || {};
        const client = ((p.external || {}).fetch || {}).client || [];
        const fetchClient = client.map((c) => (typeof c === 'string' ? c : c.address)).filter((c) => typeof c === 'string');
        const fetchRemotes = client.map((c) => c && c.remote).filter((c) => typeof c === 'string');
        console.log(JSON.stringify({ modules, resources: m.resources.map((r) => r.key), permissions: { styles: content.styles || [], scripts: content.scripts || [], fetchClient, fetchRemotes } }));
        """;

    private static JsonElement Context(string html, string testId)
    {
        var match = Regex.Match(html, $"<iframe[^>]*data-testid=\"{Regex.Escape(testId)}\"[^>]*data-forge-context=\"([^\"]*)\"");
        match.Success.ShouldBeTrue($"no Forge frame {testId} in the page");
        return JsonDocument.Parse(WebUtility.HtmlDecode(match.Groups[1].Value)).RootElement.Clone();
    }

    private async Task<JsonElement> InvokeAsync(string siteId, object call)
    {
        using var response = await _browser.SendAsync(HttpMethod.Post, $"/sandbox/{siteId}/api/forge/invoke", JsonContent.Create(call));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A GET to the CDN origin (its *.localhost name is resolved by browsers, not by .NET: sent to loopback with that Host).</summary>
    private async Task<HttpResponseMessage> CdnAsync(string pathAndQuery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_system.Sim.Url, pathAndQuery));
        request.Headers.Host = new Uri(CdnOrigin).Authority;
        return await _browser.SendAsync(request);
    }
}
