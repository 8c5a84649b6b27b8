using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.HostSim;

/// <summary>
/// HostSim's REST endpoints called "as the user", as the sandbox host page forwards <c>AP.request</c>: a session
/// cookie instead of the app's JWT, <c>X-Atlassian-Token</c> on writes, recorded as user calls.
/// </summary>
public sealed class SandboxRestTests : IAsyncLifetime
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
    public async Task Confluence_UserSession_UploadListDownload_RecordedAsUserCalls()
    {
        var att = $"{_browser.WikiRest}/rest/api/content/98305/child/attachment";
        using var created = await _browser.SendAsync(HttpMethod.Post, att, File("d.drawio", "<mxfile/>", comment: "first"));
        using var second = await _browser.SendAsync(HttpMethod.Put, att, File("d.drawio", "<mxfile v2/>"));
        using var list = await _browser.SendAsync(HttpMethod.Get, att + "?filename=d.drawio&expand=version");
        using var download = await _browser.SendAsync(HttpMethod.Get, $"{_browser.WikiRest}/download/attachments/98305/d.drawio?version=1");
        using var media = new HttpClient();
        var content = await media.GetStringAsync(download.Headers.Location);

        created.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        var item = (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().Single();
        item.GetProperty("title").GetString().ShouldBe("d.drawio");
        item.GetProperty("version").GetProperty("number").GetInt32().ShouldBe(2);
        download.StatusCode.ShouldBe(HttpStatusCode.Found);
        content.ShouldBe("<mxfile/>");
        var calls = (await _system.Sim.CallsAsync()).Where(c => c.GetProperty("siteId").GetString() == _browser.Sandbox.Confluence.SiteId
            && c.GetProperty("path").GetString()!.Contains("/98305", StringComparison.Ordinal)).ToList();
        calls.Count.ShouldBe(4);
        calls.ShouldAllBe(c => c.GetProperty("caller").GetString() == "user" && c.GetProperty("status").GetInt32() == 200);
    }

    [Fact]
    public async Task UserSession_WriteWithoutXsrfHeader_403AndNothingStored()
    {
        var att = $"{_browser.WikiRest}/rest/api/content/98305/child/attachment";
        using var upload = await _browser.SendAsync(HttpMethod.Post, att, File("x.drawio", "x"), xsrfHeader: false);
        using var property = await _browser.SendAsync(HttpMethod.Put, $"{_browser.JiraRest}/rest/api/3/issue/SBX-1/properties/p", JsonContent.Create(new { a = 1 }), xsrfHeader: false);

        upload.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await upload.Content.ReadAsStringAsync()).ShouldContain("XSRF");
        property.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _system.Sim.AttachmentsAsync(WikiSite())).ShouldBeEmpty();
    }

    [Fact]
    public async Task NoSessionNoJwt_401_AndAnotherSitesSessionDoesNotCount()
    {
        using var anonymous = new HttpClient { BaseAddress = _system.Sim.Url };
        using var none = await anonymous.GetAsync($"{_browser.WikiRest}/rest/api/content/98305/child/attachment");
        using var crossSite = new HttpRequestMessage(HttpMethod.Get, $"{_browser.WikiRest}/rest/api/content/98305/child/attachment");
        crossSite.Headers.Add("Cookie", $"sbx-{_browser.Sandbox.Confluence.SiteId}=not-a-session");
        using var forged = await anonymous.SendAsync(crossSite);
        using var jiraWithBadJwt = new HttpRequestMessage(HttpMethod.Get, $"{_browser.JiraRest}/rest/api/3/issue/SBX-1?fields=attachment");
        jiraWithBadJwt.Headers.Authorization = new AuthenticationHeaderValue("JWT", "not.a.jwt");
        using var badJwt = await _browser.SendAsync(jiraWithBadJwt);

        none.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        forged.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        badJwt.StatusCode.ShouldBe(HttpStatusCode.Unauthorized); // a JWT, if present, is what counts: the session does not rescue it
        var refused = (await _system.Sim.CallsAsync()).Where(c => c.GetProperty("status").GetInt32() == 401).ToList();
        refused.Count.ShouldBe(3);
        refused.ShouldAllBe(c => c.GetProperty("caller").GetString() == "app");
    }

    [Fact]
    public async Task Jira_UserSession_AttachReadContentPropertiesDelete()
    {
        var api = $"{_browser.JiraRest}/rest/api/3";
        using var added = await _browser.SendAsync(HttpMethod.Post, $"{api}/issue/SBX-1/attachments", File("j.drawio", "<mxfile j/>"));
        var id = (await added.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("id").GetString()!;
        using var issue = await _browser.SendAsync(HttpMethod.Get, $"{api}/issue/SBX-1?fields=attachment");
        using var content = await _browser.SendAsync(HttpMethod.Get, $"{api}/attachment/content/{id}?redirect=false");
        using var put = await _browser.SendAsync(HttpMethod.Put, $"{api}/issue/SBX-1/properties/secure-diagrams", JsonContent.Create(new { diagrams = new List<string> { "j" } }));
        using var get = await _browser.SendAsync(HttpMethod.Get, $"{api}/issue/SBX-1/properties/secure-diagrams");
        using var deleted = await _browser.SendAsync(HttpMethod.Delete, $"{api}/attachment/{id}");
        using var after = await _browser.SendAsync(HttpMethod.Get, $"{api}/issue/SBX-1?fields=attachment");

        added.StatusCode.ShouldBe(HttpStatusCode.OK);
        var attachments = (await issue.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fields").GetProperty("attachment");
        attachments.GetArrayLength().ShouldBe(1);
        attachments[0].GetProperty("filename").GetString().ShouldBe("j.drawio");
        (await content.Content.ReadAsStringAsync()).ShouldBe("<mxfile j/>");
        put.IsSuccessStatusCode.ShouldBeTrue();
        (await get.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value").GetProperty("diagrams")[0].GetString().ShouldBe("j");
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fields").GetProperty("attachment").GetArrayLength().ShouldBe(0);
    }

    private Site WikiSite() => new(_browser.Sandbox.Confluence.SiteId, _browser.Sandbox.Confluence.ClientKey, _browser.Sandbox.Confluence.BaseUrl, 204, string.Empty);

    private static MultipartFormDataContent File(string name, string text, string? comment = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.jgraph.mxfile");
        form.Add(file, "file", name);
        form.Add(new StringContent("true"), "minorEdit");
        if (comment is not null)
        {
            form.Add(new StringContent(comment), "comment");
        }

        return form;
    }
}
