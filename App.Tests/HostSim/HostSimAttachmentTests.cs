extern alias hostsim;

using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Diagrams.App.Platform.Connect;
using Diagrams.App.Tests.Infrastructure;
using Diagrams.Atlassian;
using Shouldly;
using Xunit;
using FaultSpec = hostsim::Diagrams.HostSim.FaultSpec;
using Diagrams.App.Platform.HostCalls;

namespace Diagrams.App.Tests.HostSim;

/// <summary>HostSim's attachment, issue-property, media and fault APIs, called with tokens signed exactly as the app signs them.</summary>
public sealed class HostSimAttachmentTests : IAsyncLifetime, IDisposable
{
    private const string Att = "/rest/api/content/42/child/attachment";
    private const int Jira32768 = 32_768;
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private TestSystem _system = null!;

    public async Task InitializeAsync() => _system = await TestSystem.StartAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Confluence_Create_AnswersItem_SameNameAgain400_PutAndDataAddVersions()
    {
        var site = await PageSiteAsync();
        using var created = await CallAsync(site, HttpMethod.Post, Att, File("a.drawio", "v1", "application/vnd.jgraph.mxfile", "first"));
        created.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await JsonAsync(created);
        body.GetProperty("size").GetInt32().ShouldBe(1);
        var item = body.GetProperty("results")[0];
        var id = item.GetProperty("id").GetString()!;
        id.ShouldStartWith("att");
        item.GetProperty("type").GetString().ShouldBe("attachment");
        item.GetProperty("title").GetString().ShouldBe("a.drawio");
        item.GetProperty("version").GetProperty("number").GetInt32().ShouldBe(1);
        item.GetProperty("extensions").GetProperty("fileSize").GetInt32().ShouldBe(2);
        item.GetProperty("extensions").GetProperty("mediaType").GetString().ShouldBe("application/vnd.jgraph.mxfile");
        item.GetProperty("_links").GetProperty("download").GetString().ShouldBe("/download/attachments/42/a.drawio?version=1&api=v2");

        using var again = await CallAsync(site, HttpMethod.Post, Att, File("a.drawio", "other"));
        using var put = await CallAsync(site, HttpMethod.Put, Att, File("a.drawio", "v2"));
        using var data = await CallAsync(site, HttpMethod.Post, $"{Att}/{id}/data", File("a.drawio", "v3!"));
        using var unknown = await CallAsync(site, HttpMethod.Post, $"{Att}/att999/data", File("a.drawio", "x"));
        using var putNew = await CallAsync(site, HttpMethod.Put, Att, File("b.drawio", "b1"));

        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(put)).GetProperty("results")[0].GetProperty("version").GetProperty("number").GetInt32().ShouldBe(2);
        var dataItem = await JsonAsync(data);
        dataItem.GetProperty("id").GetString().ShouldBe(id);
        dataItem.GetProperty("version").GetProperty("number").GetInt32().ShouldBe(3);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await JsonAsync(putNew)).GetProperty("results")[0].GetProperty("version").GetProperty("number").GetInt32().ShouldBe(1);
        var stored = (await _system.Sim.AttachmentsAsync(site)).Single(a => a.GetProperty("id").GetString() == id);
        stored.GetProperty("versions").GetArrayLength().ShouldBe(3);
        stored.GetProperty("versions")[2].GetProperty("sha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData("v3!"u8)));
        Encoding.UTF8.GetString(await _system.Sim.AttachmentContentAsync(site, id, 2)).ShouldBe("v2");
    }

    [Fact]
    public async Task Confluence_List_FiltersByFilename_AndPages()
    {
        var site = await PageSiteAsync();
        foreach (var name in new[] { "a.drawio", "b.drawio", "c.drawio" })
        {
            using var response = await CallAsync(site, HttpMethod.Post, Att, File(name, name));
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var byName = await JsonAsync(await CallAsync(site, HttpMethod.Get, Att + "?filename=b.drawio"));
        var paged = await JsonAsync(await CallAsync(site, HttpMethod.Get, Att + "?start=1&limit=1"));
        var all = await JsonAsync(await CallAsync(site, HttpMethod.Get, Att + "?limit=500"));

        byName.GetProperty("size").GetInt32().ShouldBe(1);
        byName.GetProperty("results")[0].GetProperty("title").GetString().ShouldBe("b.drawio");
        paged.GetProperty("results")[0].GetProperty("title").GetString().ShouldBe("b.drawio");
        (paged.GetProperty("start").GetInt32(), paged.GetProperty("limit").GetInt32(), paged.GetProperty("size").GetInt32()).ShouldBe((1, 1, 1));
        all.GetProperty("limit").GetInt32().ShouldBe(200);
        all.GetProperty("size").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task Confluence_Download_RedirectsToAnotherHost_MediaServesBytesWithoutJwt()
    {
        var site = await PageSiteAsync();
        var item = (await JsonAsync(await CallAsync(site, HttpMethod.Post, Att, File("my diagram (1).drawio", "one", "text/xml")))).GetProperty("results")[0];
        var id = item.GetProperty("id").GetString()!;
        (await CallAsync(site, HttpMethod.Put, Att, File("my diagram (1).drawio", "two", "text/xml"))).Dispose();

        using var byId = await CallAsync(site, HttpMethod.Get, $"{Att}/{id}/download?version=1");
        using var byLink = await CallAsync(site, HttpMethod.Get, item.GetProperty("_links").GetProperty("download").GetString()!);
        using var latest = await CallAsync(site, HttpMethod.Get, $"{Att}/{id}/download");
        using var missing = await CallAsync(site, HttpMethod.Get, $"{Att}/{id}/download?version=9");

        foreach (var (response, expected) in new[] { (byId, "one"), (byLink, "one"), (latest, "two") })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Found);
            var location = response.Headers.Location!;
            location.Host.ShouldBe("localhost");
            location.Host.ShouldNotBe(new Uri(site.BaseUrl).Host);
            using var media = await _http.GetAsync(location);
            media.StatusCode.ShouldBe(HttpStatusCode.OK);
            media.Content.Headers.ContentType!.MediaType.ShouldBe("text/xml");
            (await media.Content.ReadAsStringAsync()).ShouldBe(expected);
        }

        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _system.Sim.MediaRequestsAsync()).ShouldAllBe(r => !r.GetProperty("authorizationPresent").GetBoolean());
        await _system.Sim.SetMediaBaseAsync(site, "http://127.0.0.2:9");
        using var foreign = await CallAsync(site, HttpMethod.Get, $"{Att}/{id}/download");
        foreign.Headers.Location!.GetLeftPart(UriPartial.Authority).ShouldBe("http://127.0.0.2:9");
    }

    [Fact]
    public async Task Confluence_PageRules_Draft404Missing404Invisible404Disabled403NoXsrf403TooLarge413()
    {
        var site = await PageSiteAsync();
        await _system.Sim.PutPageAsync(site, "7", status: "draft");
        await _system.Sim.PutPageAsync(site, "8", visible: false);
        await _system.Sim.PutPageAsync(site, "9", attachmentsEnabled: false);
        await _system.Sim.SetAttachmentLimitAsync(site, 10);

        (await StatusAsync(site, HttpMethod.Post, "/rest/api/content/7/child/attachment", File("d", "x"))).ShouldBe(404);
        (await StatusAsync(site, HttpMethod.Post, "/rest/api/content/7/child/attachment?status=draft", File("d", "x"))).ShouldBe(200);
        (await StatusAsync(site, HttpMethod.Get, "/rest/api/content/7/child/attachment")).ShouldBe(404);
        (await StatusAsync(site, HttpMethod.Get, "/rest/api/content/7/child/attachment?status=draft")).ShouldBe(200);
        (await StatusAsync(site, HttpMethod.Post, "/rest/api/content/404/child/attachment", File("d", "x"))).ShouldBe(404);
        (await StatusAsync(site, HttpMethod.Put, "/rest/api/content/8/child/attachment", File("d", "x"))).ShouldBe(404);
        (await StatusAsync(site, HttpMethod.Post, "/rest/api/content/9/child/attachment", File("d", "x"))).ShouldBe(403);
        using (var noXsrf = await CallAsync(site, HttpMethod.Post, Att, File("d", "x"), xsrf: null))
        {
            noXsrf.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await noXsrf.Content.ReadAsStringAsync()).ShouldContain("XSRF");
        }

        (await StatusAsync(site, HttpMethod.Post, Att, File("d", "x"), xsrf: "nocheck")).ShouldBe(200);
        (await StatusAsync(site, HttpMethod.Post, Att, File("big", "01234567890"))).ShouldBe(413);
        await _system.Sim.SetAttachmentLimitAsync(site, null);
        (await StatusAsync(site, HttpMethod.Post, Att, File("31mb", new byte[31_000_000]))).ShouldBe(200, "over Kestrel's 30 MB default, under the site's 100 MB");
        (await _system.Sim.AttachmentsAsync(site)).Length.ShouldBe(3);
    }

    [Fact]
    public async Task BadJwt_Answers401_EvenWithAFaultArmed_WhichStaysArmed()
    {
        var site = await PageSiteAsync();
        await _system.Sim.AddFaultAsync(new FaultSpec("429", site.SiteId));

        using var wrongSecret = await CallAsync(site, HttpMethod.Get, Att, secret: "not-the-secret");
        using var wrongQsh = await CallAsync(site, HttpMethod.Get, Att, signedPath: Att + "?limit=1");

        wrongSecret.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        wrongQsh.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _system.Sim.FiredFaultsAsync()).ShouldBeEmpty();
        (await StatusAsync(site, HttpMethod.Get, Att)).ShouldBe(429);
    }

    [Fact]
    public async Task Faults_429And503_AnswerWithoutProcessing_WithRateLimitHeaders()
    {
        var site = await PageSiteAsync();
        await _system.Sim.AddFaultAsync(new FaultSpec("429", site.SiteId, PathContains: "/child/attachment", Method: "POST", Count: 2, RetryAfterSeconds: 7));
        await _system.Sim.AddFaultAsync(new FaultSpec("429", site.SiteId, Method: "PUT", BetaRetryAfter: true));
        await _system.Sim.AddFaultAsync(new FaultSpec("503", site.SiteId, Method: "GET"));

        using var first = await CallAsync(site, HttpMethod.Post, Att, File("a", "x"));
        using var second = await CallAsync(site, HttpMethod.Post, Att, File("a", "x"));
        using var beta = await CallAsync(site, HttpMethod.Put, Att, File("a", "x"));
        using var unavailable = await CallAsync(site, HttpMethod.Get, Att);

        first.StatusCode.ShouldBe((HttpStatusCode)429);
        second.StatusCode.ShouldBe((HttpStatusCode)429);
        Header(first, "Retry-After").ShouldBe("7");
        Header(first, "X-RateLimit-Remaining").ShouldBe("0");
        Header(first, "X-RateLimit-Limit").ShouldNotBeNull();
        DateTimeOffset.Parse(Header(first, "X-RateLimit-Reset")!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(DateTimeOffset.UtcNow);
        Header(first, "RateLimit-Reason").ShouldBe("confluence-burst-based");
        Header(beta, "Beta-Retry-After").ShouldBe("1");
        Header(beta, "Retry-After").ShouldBeNull();
        unavailable.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        Header(unavailable, "Retry-After").ShouldBeNull();
        (await _system.Sim.AttachmentsAsync(site)).ShouldBeEmpty();
        (await StatusAsync(site, HttpMethod.Post, Att, File("a", "x"))).ShouldBe(200);
        (await _system.Sim.FiredFaultsAsync()).Select(f => f.GetProperty("kind").GetString()).ShouldBe(["429", "429", "429", "503"]);
    }

    [Fact]
    public async Task Faults_Slow_DropAfterProcessing_ResetBeforeProcessing()
    {
        var site = await PageSiteAsync();
        await _system.Sim.AddFaultAsync(new FaultSpec("slow", site.SiteId, DelayMs: 400));
        var watch = Stopwatch.StartNew();
        (await StatusAsync(site, HttpMethod.Post, Att, File("a", "1"))).ShouldBe(200);
        watch.ElapsedMilliseconds.ShouldBeGreaterThanOrEqualTo(400);

        await _system.Sim.AddFaultAsync(new FaultSpec("drop-after-processing", site.SiteId));
        await Should.ThrowAsync<HttpRequestException>(() => CallAsync(site, HttpMethod.Put, Att, File("a", "2")));
        await _system.Sim.AddFaultAsync(new FaultSpec("reset-before-processing", site.SiteId));
        await Should.ThrowAsync<HttpRequestException>(() => CallAsync(site, HttpMethod.Put, Att, File("a", "3")));

        var versions = (await _system.Sim.AttachmentsAsync(site)).Single().GetProperty("versions");
        versions.GetArrayLength().ShouldBe(2, "the dropped PUT was stored, the reset one was not");
        (await _system.Sim.FiredFaultsAsync()).Length.ShouldBe(3);
        await _system.Sim.AddFaultAsync(new FaultSpec("503", site.SiteId));
        await _system.Sim.ClearFaultsAsync();
        (await StatusAsync(site, HttpMethod.Get, Att)).ShouldBe(200);
    }

    [Fact]
    public async Task Jira_AddGetContentDelete()
    {
        var site = await _system.Sim.InstallTenantAsync("jira");
        await _system.Sim.PutIssueAsync(site, "DEMO-1");
        await _system.Sim.PutIssueAsync(site, "DEMO-2", attachmentsEnabled: false);
        await _system.Sim.PutIssueAsync(site, "DEMO-3", visible: false);
        const string add = "/rest/api/3/issue/DEMO-1/attachments";

        using var added = await CallAsync(site, HttpMethod.Post, add, File("d.drawio", "jira!", "application/xml"));
        added.StatusCode.ShouldBe(HttpStatusCode.OK);
        var meta = (await JsonAsync(added))[0];
        var id = meta.GetProperty("id").GetString()!;
        id.ShouldBe("10001");
        meta.GetProperty("filename").GetString().ShouldBe("d.drawio");
        meta.GetProperty("size").GetInt32().ShouldBe(5);
        meta.GetProperty("mimeType").GetString().ShouldBe("application/xml");
        meta.GetProperty("content").GetString().ShouldBe($"{site.BaseUrl}/rest/api/3/attachment/content/10001");
        meta.TryGetProperty("created", out _).ShouldBeTrue();
        meta.TryGetProperty("issueKey", out _).ShouldBeFalse();

        (await JsonAsync(await CallAsync(site, HttpMethod.Get, $"/rest/api/3/attachment/{id}"))).GetProperty("filename").GetString().ShouldBe("d.drawio");
        using var bytes = await CallAsync(site, HttpMethod.Get, $"/rest/api/3/attachment/content/{id}?redirect=false");
        (await bytes.Content.ReadAsStringAsync()).ShouldBe("jira!");
        bytes.Content.Headers.ContentType!.MediaType.ShouldBe("application/xml");
        using var redirect = await CallAsync(site, HttpMethod.Get, $"/rest/api/3/attachment/content/{id}");
        redirect.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        redirect.Headers.Location!.Host.ShouldBe("localhost");
        (await _http.GetStringAsync(redirect.Headers.Location)).ShouldBe("jira!");

        (await StatusAsync(site, HttpMethod.Post, add, File("d", "x"), xsrf: null)).ShouldBe(403);
        (await StatusAsync(site, HttpMethod.Post, "/rest/api/3/issue/DEMO-2/attachments", File("d", "x"))).ShouldBe(403);
        (await StatusAsync(site, HttpMethod.Post, "/rest/api/3/issue/DEMO-3/attachments", File("d", "x"))).ShouldBe(404);
        (await StatusAsync(site, HttpMethod.Post, "/rest/api/3/issue/NOPE-1/attachments", File("d", "x"))).ShouldBe(404);
        await _system.Sim.SetAttachmentLimitAsync(site, 3);
        (await StatusAsync(site, HttpMethod.Post, add, File("d", "four"))).ShouldBe(413);
        (await StatusAsync(site, HttpMethod.Delete, $"/rest/api/3/attachment/{id}")).ShouldBe(204);
        (await StatusAsync(site, HttpMethod.Delete, $"/rest/api/3/attachment/{id}")).ShouldBe(404);
        (await StatusAsync(site, HttpMethod.Get, $"/rest/api/3/attachment/{id}")).ShouldBe(404);
        (await _system.Sim.AttachmentsAsync(site)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Jira_IssueProperties_CreateUpdateGetDelete_And32768Limit()
    {
        var site = await _system.Sim.InstallTenantAsync("jira");
        await _system.Sim.PutIssueAsync(site, "DEMO-1");
        const string prop = "/rest/api/3/issue/DEMO-1/properties/diagrams";
        var atLimit = "\"" + new string('x', Jira32768 - 2) + "\"";

        (await StatusAsync(site, HttpMethod.Put, prop, Json("""{"a":1}"""))).ShouldBe(201);
        (await StatusAsync(site, HttpMethod.Put, prop, Json("""{"a":2}"""))).ShouldBe(200);
        var got = await JsonAsync(await CallAsync(site, HttpMethod.Get, prop));
        got.GetProperty("key").GetString().ShouldBe("diagrams");
        got.GetProperty("value").GetProperty("a").GetInt32().ShouldBe(2);
        (await StatusAsync(site, HttpMethod.Put, prop, Json(atLimit))).ShouldBe(200);
        (await StatusAsync(site, HttpMethod.Put, prop, Json(atLimit + " "))).ShouldBe(400);
        (await StatusAsync(site, HttpMethod.Put, prop, Json("{not json"))).ShouldBe(400);
        (await StatusAsync(site, HttpMethod.Put, "/rest/api/3/issue/NOPE-1/properties/diagrams", Json("1"))).ShouldBe(404);
        (await StatusAsync(site, HttpMethod.Delete, prop)).ShouldBe(204);
        (await StatusAsync(site, HttpMethod.Delete, prop)).ShouldBe(404);
        (await StatusAsync(site, HttpMethod.Get, prop)).ShouldBe(404);
    }

    private async Task<Site> PageSiteAsync()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence");
        await _system.Sim.PutPageAsync(site, "42");
        return site;
    }

    /// <summary>Sends a call signed as the app's HostClient signs it: iss = app key, iat, exp, qsh relative to the site base URL, aud.</summary>
    private async Task<HttpResponseMessage> CallAsync(Site site, HttpMethod method, string pathAndQuery, HttpContent? content = null,
        string? xsrf = "no-check", string? secret = null, string? signedPath = null)
    {
        var uri = new Uri(site.BaseUrl + pathAndQuery);
        var baseUrl = new Uri(site.BaseUrl);
        var now = DateTimeOffset.UtcNow;
        var token = Hs256.Sign(new Dictionary<string, object>
        {
            ["iss"] = site.BaseUrl.EndsWith("/wiki", StringComparison.Ordinal) ? "io.securediagrams.app" : "io.securediagrams.app.jira",
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(3).ToUnixTimeSeconds(),
            ["qsh"] = Qsh.ForOutbound(method.Method, signedPath is null ? uri : new Uri(site.BaseUrl + signedPath), baseUrl),
            ["aud"] = new[] { site.ClientKey },
        }, Encoding.UTF8.GetBytes(secret ?? await _system.Sim.SharedSecretAsync(site)));
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("JWT", token);
        if (xsrf is not null)
        {
            request.Headers.Add("X-Atlassian-Token", xsrf);
        }

        return await _http.SendAsync(request);
    }

    private async Task<int> StatusAsync(Site site, HttpMethod method, string pathAndQuery, HttpContent? content = null, string? xsrf = "no-check")
    {
        using var response = await CallAsync(site, method, pathAndQuery, content, xsrf);
        return (int)response.StatusCode;
    }

    private static MultipartFormDataContent File(string name, string text, string type = "application/octet-stream", string? comment = null) =>
        File(name, Encoding.UTF8.GetBytes(text), type, comment);

    private static MultipartFormDataContent File(string name, byte[] content, string type = "application/octet-stream", string? comment = null)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        var form = new MultipartFormDataContent { { file, "file", name }, { new StringContent("true"), "minorEdit" } };
        if (comment is not null)
        {
            form.Add(new StringContent(comment, Encoding.UTF8), "comment");
        }

        return form;
    }

    private static StringContent Json(string raw) => new(raw, Encoding.UTF8, "application/json");

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
    }
}
