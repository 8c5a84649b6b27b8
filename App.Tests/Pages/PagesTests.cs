using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Pages;

/// <summary>The iframe page shells: parameters validated into data-params, bundles served, the static render an &lt;img&gt; of the site's preview.</summary>
public sealed partial class PagesTests : IAsyncLifetime
{
    private TestSystem _system = null!;
    private Site _site = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync();
        _site = await _system.Sim.InstallTenantAsync();
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    private async Task<HttpResponseMessage> PageAsync(string path)
    {
        var token = await _system.Sim.RequestTokenAsync(_site, "GET", path);
        return await _system.App.Http.GetAsync(path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "jwt=" + token);
    }

    [Fact]
    public async Task Viewer_ServesItsBundle_WithTheValidatedParameters()
    {
        using var response = await PageAsync("/confluence/macro/view?pageId=42&pageVersion=3&macroId=m-1&diagramName=Flow%20chart&revision=7");

        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("data-page=\"viewer\"");
        html.ShouldContain("/static/app/viewer.js?v=");
        html.ShouldContain($"{_system.Sim.Url}_sim/all.js");
        var encoded = html[(html.IndexOf("data-params=\"", StringComparison.Ordinal) + 13)..];
        var parameters = JsonSerializer.Deserialize<Dictionary<string, string>>(WebUtility.HtmlDecode(encoded[..encoded.IndexOf('"', StringComparison.Ordinal)]))!;
        parameters["diagramName"].ShouldBe("Flow chart");
        parameters["revision"].ShouldBe("7");
        parameters["pageId"].ShouldBe("42");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain($"script-src 'self' {_system.Sim.Url.GetLeftPart(UriPartial.Authority)};");
    }

    [Theory]
    [InlineData("/confluence/macro/view?pageId=42&diagramName=..%2Fsecret&revision=1", "diagram name")]
    [InlineData("/confluence/macro/view?pageId=42&diagramName=x&revision=abc", "revision")]
    [InlineData("/confluence/macro/view?pageId=x1&diagramName=x&revision=1", "pageId")]
    [InlineData("/jira/issue/panel?issueKey=%3Cscript%3E&issueId=1", "issueKey")]
    public async Task BadParameters_Are400_BeforeAnyPageIsServed(string path, string named)
    {
        using var response = await PageAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(named);
    }

    [Fact]
    public async Task Bundles_AreServedCacheable_AndUnknownFilesAre404()
    {
        using var script = await _system.App.Http.GetAsync("/static/app/viewer.js");
        script.StatusCode.ShouldBe(HttpStatusCode.OK);
        script.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        script.Headers.CacheControl!.ToString().ShouldContain("immutable");
        (await script.Content.ReadAsStringAsync()).ShouldContain("from\"./chunk-", Case.Sensitive, "an ES module entry importing its chunks");

        using var style = await _system.App.Http.GetAsync("/static/app/viewer.css");
        style.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var missing = await _system.App.Http.GetAsync("/static/app/..%2F..%2Fappsettings.json");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var devHarness = await _system.App.Http.GetAsync("/static/app/editor-dev.js");
        devHarness.StatusCode.ShouldBe(HttpStatusCode.NotFound, "the editor's dev harness is not shipped in the app");
    }

    [Fact]
    public async Task IconAssets_AreServedFromTheBundle_AndAnyOtherNameIs404()
    {
        using var index = await _system.App.Http.GetAsync("/static/app/icons/index.json.gz");
        index.StatusCode.ShouldBe(HttpStatusCode.OK);
        index.Headers.CacheControl!.ToString().ShouldContain("immutable");
        using var json = JsonDocument.Parse(new GZipStream(await index.Content.ReadAsStreamAsync(), CompressionMode.Decompress));
        var pack = json.RootElement.GetProperty("packs")[json.RootElement.GetProperty("icons").GetProperty("azure2/compute/Virtual_Machine.svg").GetInt32()].GetString()!;
        using var served = await _system.App.Http.GetAsync($"/static/app/icons/{pack}");
        served.StatusCode.ShouldBe(HttpStatusCode.OK, pack);
        using var icons = JsonDocument.Parse(new GZipStream(await served.Content.ReadAsStreamAsync(), CompressionMode.Decompress));
        icons.RootElement.GetProperty("azure2/compute/Virtual_Machine.svg").GetString()!.ShouldStartWith("<svg");

        foreach (var bad in new[] { "..%2Findex.json.gz", "..%2F..%2Fappsettings.json", "..%2Fviewer.js", "azure2%2Fcompute%2FVirtual_Machine.svg", "Virtual_Machine.svg", "index.json", "no-such.0.json.gz" })
        {
            using var refused = await _system.App.Http.GetAsync($"/static/app/icons/{bad}");
            refused.StatusCode.ShouldBe(HttpStatusCode.NotFound, bad);
        }
    }

    [Fact]
    public async Task Pages_LoadTheirBundleAsAModule_AndTheChunksItImportsAreServedLikeIt()
    {
        using var response = await PageAsync("/confluence/macro/view?pageId=42&diagramName=Flow&revision=1");
        (await response.Content.ReadAsStringAsync()).ShouldContain("<script type=\"module\" src=\"/static/app/viewer.js?v=");

        // web/build.mjs splits the bundles (ES modules): the entry imports its chunks by relative URL, next to it.
        var entry = await _system.App.Http.GetStringAsync("/static/app/viewer.js");
        var chunks = ChunkImport().Matches(entry).Select(m => m.Groups["file"].Value).Distinct().ToList();
        chunks.ShouldNotBeEmpty("the viewer imports at least the chunk it shares with the editor (maxGraph)");
        foreach (var chunk in chunks)
        {
            using var served = await _system.App.Http.GetAsync($"/static/app/{chunk}");
            served.StatusCode.ShouldBe(HttpStatusCode.OK, chunk);
            served.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
            served.Headers.CacheControl!.ToString().ShouldContain("immutable");
            served.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        }

        using var unknown = await _system.App.Http.GetAsync("/static/app/chunk-NOTBUILT.js");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [GeneratedRegex(@"[""']\./(?<file>chunk-[A-Z0-9]+\.js)[""']")]
    private static partial Regex ChunkImport();

    [Fact]
    public async Task StaticRender_IsAnImageOfThePreviewOnTheSite_AllowedByCsp()
    {
        using var response = await PageAsync("/confluence/macro/render?pageId=42&diagramName=Flow&revision=2&previewRevision=5&outputType=pdf");

        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain($"<img src=\"{_site.BaseUrl.TrimEnd('/')}/download/attachments/42/Flow.png?version=5\"");
        html.ShouldNotContain("<script");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain($"img-src 'self' data: blob: {new Uri(_site.BaseUrl).GetLeftPart(UriPartial.Authority)};");
    }
}
