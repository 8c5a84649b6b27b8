using System.Net;
using System.Text.RegularExpressions;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.HostSim;

/// <summary>The sandbox pages: the AP shim script, the module iframes (signed URLs the app accepts), macro storage and publish.</summary>
public sealed class SandboxPagesTests : IAsyncLifetime
{
    private TestSystem _system = null!;
    private SandboxBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync();
        _browser = await SandboxBrowser.OpenAsync(_system);
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _system.DisposeAsync();
    }

    [Fact]
    public async Task AllJs_Served_EmbedsTheHostSimOriginItWasServedFrom()
    {
        using var response = await _browser.SendAsync(HttpMethod.Get, "/_sim/all.js");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        var script = await response.Content.ReadAsStringAsync();
        var origin = _system.Sim.Url.GetLeftPart(UriPartial.Authority);
        script.ShouldContain($"var HOST_ORIGIN = \"{origin}\";");
        script.ShouldNotContain("__HOSTSIM_ORIGIN__");
        script.ShouldContain("window.AP = AP;");
    }

    [Fact]
    public async Task SandboxSetup_Created_BothSitesInstalledAndUserIsAdminOnBoth()
    {
        var sandbox = _browser.Sandbox;

        sandbox.Confluence.InstallStatus.ShouldBe(204);
        sandbox.Jira.InstallStatus.ShouldBe(204);
        sandbox.Jira.IssueKey.ShouldBe("SBX-1");
        using var wikiUser = await _browser.SendAsync(HttpMethod.Get, $"{_browser.WikiRest}/rest/api/user?accountId={sandbox.AccountId}&expand=operations");
        using var check = await _browser.SendAsync(HttpMethod.Post, $"{_browser.JiraRest}/rest/api/3/permissions/check",
            System.Net.Http.Json.JsonContent.Create(new { accountId = sandbox.AccountId, globalPermissions = new List<string> { "ADMINISTER" } }));
        (await wikiUser.Content.ReadAsStringAsync()).ShouldContain("\"operation\":\"administer\"");
        (await check.Content.ReadAsStringAsync()).ShouldContain("\"globalPermissions\":[\"ADMINISTER\"]");
        var index = await _browser.PageAsync(sandbox.IndexUrl);
        index.ShouldContain($"/sandbox/{sandbox.Confluence.SiteId}/confluence/pages/{sandbox.Confluence.PageId}");
        index.ShouldContain($"/sandbox/{sandbox.Jira.SiteId}/jira/issues/SBX-1");
        index.ShouldContain($"/sandbox/{sandbox.Jira.SiteId}/jira/admin");
    }

    [Fact]
    public async Task ConfluencePage_WithMacro_FramesTheDescriptorUrlSignedForTheUser_AppAccepts()
    {
        var siteId = _browser.Sandbox.Confluence.SiteId;
        await _browser.ApiAsync(siteId, HttpMethod.Put, "/pages/98305/macros/m-1", new { @params = new { diagramName = "Arch & flow", revision = "3" } });

        using var response = await _browser.SendAsync(HttpMethod.Get, _browser.Sandbox.Confluence.PageUrl);
        var html = await response.Content.ReadAsStringAsync();
        var src = SandboxBrowser.FrameSrc(html, "macro-frame-0");

        var appOrigin = _system.PublicUrl.GetLeftPart(UriPartial.Authority);
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain($"frame-src {appOrigin};");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self';");
        html.ShouldNotContain("<script>");
        src.ShouldStartWith($"{appOrigin}/confluence/macro/view?pageId=98305&pageVersion=1&macroId=m-1&diagramName=Arch%20%26%20flow&revision=3&xdm_e=");
        src.ShouldContain("&cp=%2Fwiki&lic=none&jwt=");
        using var frame = await _system.App.Http.GetAsync(src);
        frame.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task IssuePanelDialogAndAdminFrames_Signed_AppAcceptsEach()
    {
        var sandbox = _browser.Sandbox;
        var panel = SandboxBrowser.FrameSrc(await _browser.PageAsync(sandbox.Jira.IssueUrl), "issue-panel-frame");
        var wikiAdmin = SandboxBrowser.FrameSrc(await _browser.PageAsync(sandbox.Confluence.AdminUrl), "admin-frame");
        var jiraAdmin = SandboxBrowser.FrameSrc(await _browser.PageAsync(sandbox.Jira.AdminUrl), "admin-frame");
        var dialog = (await _browser.ApiAsync(sandbox.Jira.SiteId, HttpMethod.Post, "/frames", new { module = "dialog", key = "secure-diagrams-editor", issueKey = "SBX-1" }))
            .GetProperty("url").GetString()!;

        panel.ShouldContain("/jira/issue/panel?issueKey=SBX-1&issueId=1");
        panel.ShouldContain("&cp=&lic=none&jwt=");
        wikiAdmin.ShouldContain("/confluence/admin/configure?");
        jiraAdmin.ShouldContain("/jira/admin/configure?");
        dialog.ShouldContain("/jira/editor?");
        foreach (var url in new[] { panel, wikiAdmin, jiraAdmin, dialog })
        {
            using var frame = await _system.App.Http.GetAsync(url);
            frame.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        }
    }

    [Fact]
    public async Task ConfluenceDialog_OfThePage_IsSignedWithThePageContext_AndTheAppAcceptsIt()
    {
        var siteId = _browser.Sandbox.Confluence.SiteId;
        var url = (await _browser.ApiAsync(siteId, HttpMethod.Post, "/frames", new { module = "dialog", key = "secure-diagrams-full-view", pageId = "98305" }))
            .GetProperty("url").GetString()!;

        url.ShouldContain("/confluence/macro/full-view?xdm_e=");
        url.ShouldContain("&cp=%2Fwiki&lic=none&jwt=");
        using var frame = await _system.App.Http.GetAsync(url);
        frame.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        (await frame.Content.ReadAsStringAsync()).ShouldContain("data-page=\"full-view\"");
    }

    [Fact]
    public async Task SaveMacro_InsertThenEdit_RoundTripsAndEditorUrlCarriesTheMacro()
    {
        var siteId = _browser.Sandbox.Confluence.SiteId;
        var insert = await _browser.ApiAsync(siteId, HttpMethod.Post, "/frames", new { module = "macro-editor", pageId = "98305" });
        var macroId = insert.GetProperty("macroId").GetString()!;
        insert.GetProperty("params").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        await _browser.ApiAsync(siteId, HttpMethod.Put, $"/pages/98305/macros/{macroId}", new { @params = new { diagramName = "one", revision = "1" } });
        await _browser.ApiAsync(siteId, HttpMethod.Put, $"/pages/98305/macros/{macroId}", new { @params = new { diagramName = "one", revision = "2" } });
        await _browser.ApiAsync(siteId, HttpMethod.Put, "/pages/98305/macros/second", new { @params = new { diagramName = "two" } });
        var macros = await _browser.ApiAsync(siteId, HttpMethod.Get, "/pages/98305/macros");
        var edit = await _browser.ApiAsync(siteId, HttpMethod.Post, "/frames", new { module = "macro-editor", pageId = "98305", macroId });
        var published = await _browser.ApiAsync(siteId, HttpMethod.Post, "/pages/98305/publish", new { });
        var page = await _browser.PageAsync(_browser.Sandbox.Confluence.PageUrl);

        macros.GetProperty("macros").GetArrayLength().ShouldBe(2);
        macros.GetProperty("macros")[0].GetProperty("macroId").GetString().ShouldBe(macroId);
        macros.GetProperty("macros")[0].GetProperty("params").GetProperty("revision").GetString().ShouldBe("2");
        edit.GetProperty("params").GetProperty("revision").GetString().ShouldBe("2");
        var editorUrl = edit.GetProperty("url").GetString()!;
        editorUrl.ShouldContain($"/confluence/macro/editor?pageId=98305&pageVersion=1&macroId={macroId}&xdm_e=");
        using var editor = await _system.App.Http.GetAsync(editorUrl);
        editor.StatusCode.ShouldBe(HttpStatusCode.OK);
        published.GetProperty("version").GetInt32().ShouldBe(2);
        page.ShouldContain("data-testid=\"page-version\">2<");
        SandboxBrowser.FrameSrc(page, "macro-frame-1").ShouldContain("pageVersion=2&macroId=second&diagramName=two&revision=&");
    }

    [Fact]
    public async Task SandboxApi_WithoutSessionOrAsForm_Refused()
    {
        var siteId = _browser.Sandbox.Confluence.SiteId;
        using var anonymous = new HttpClient { BaseAddress = _system.Sim.Url };
        using var noSession = await anonymous.PostAsync($"/sandbox/{siteId}/api/context-token", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        using var form = await _browser.SendAsync(HttpMethod.Post, $"/sandbox/{siteId}/api/context-token", new FormUrlEncodedContent([]));
        using var badId = new StringContent("{\"params\":{}}", System.Text.Encoding.UTF8, "application/json");
        using var badMacro = await _browser.SendAsync(HttpMethod.Put, $"/sandbox/{siteId}/api/pages/98305/macros/{Uri.EscapeDataString("a b")}", badId);

        noSession.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        form.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        badMacro.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ForgePages_AppWithoutForgeConfiguration_RefusedTheInstall_PagesSayWhatToConfigure()
    {
        var sandbox = _browser.Sandbox; // this App has no Forge:* configuration

        var page = await _browser.PageAsync(sandbox.Confluence.ForgePageUrl);

        sandbox.Confluence.InstallStatus.ShouldBe(204);
        sandbox.Confluence.ForgeInstallStatus.ShouldBe(401);
        sandbox.Jira.ForgeInstallStatus.ShouldBe(401);
        page.ShouldContain("data-testid=\"forge-not-installed\"");
        page.ShouldContain("<code>Forge:AppId</code>");
    }

    [Fact]
    public async Task ContextToken_FromTheHostPage_AppAcceptsItAsTheSandboxUser()
    {
        var token = (await _browser.ApiAsync(_browser.Sandbox.Jira.SiteId, HttpMethod.Post, "/context-token", new { })).GetProperty("token").GetString()!;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/capabilities");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("JWT", token);
        using var response = await _system.App.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var payload = Regex.Match(token, @"^[^.]+\.([^.]+)\.").Groups[1].Value;
        var claims = System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(payload));
        claims.ShouldContain($"\"sub\":\"{_browser.Sandbox.AccountId}\"");
        claims.ShouldContain("\"qsh\":\"context-qsh\"");
    }
}
