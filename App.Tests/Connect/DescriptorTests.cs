using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Connect;

/// <summary>Both descriptors render from the one template, and every URL in them leads to a verified, rendering route.</summary>
public sealed partial class DescriptorTests : IAsyncLifetime
{
    private TestSystem _system = null!;

    public async Task InitializeAsync() => _system = await TestSystem.StartAsync(1, "--App:Key=com.example.diagrams-test");

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Theory]
    [InlineData("/atlassian-connect.json", "com.example.diagrams-test", "READ,WRITE")]
    [InlineData("/jira/atlassian-connect.json", "com.example.diagrams-test.jira", "READ,WRITE,DELETE")]
    public async Task Descriptor_RendersKeyBaseUrlScopesAndMigrationsFromConfiguration(string path, string key, string scopes)
    {
        var descriptor = await GetDescriptorAsync(path);

        descriptor["key"]!.GetValue<string>().ShouldBe(key);
        descriptor["baseUrl"]!.GetValue<string>().ShouldBe(_system.PublicUrl.ToString().TrimEnd('/'));
        descriptor["authentication"]!["type"]!.GetValue<string>().ShouldBe("jwt");
        string.Join(',', descriptor["scopes"]!.AsArray().Select(s => s!.GetValue<string>())).ShouldBe(scopes);
        descriptor["apiMigrations"]!["signed-install"]!.GetValue<bool>().ShouldBeTrue();
        descriptor["apiMigrations"]!["context-qsh"]!.GetValue<bool>().ShouldBeTrue();
        descriptor.ContainsKey("products").ShouldBeFalse();
        descriptor["lifecycle"]!.AsObject().Select(p => p.Key).Order().ShouldBe(["disabled", "enabled", "installed", "uninstalled"]);
    }

    [Fact]
    public async Task ConfluenceMacro_CarriesViewerParametersAndRenderModes()
    {
        var macro = (await GetDescriptorAsync("/atlassian-connect.json"))["modules"]!["dynamicContentMacros"]![0]!;

        var url = macro["url"]!.GetValue<string>();
        foreach (var parameter in new[] { "{page.id}", "{page.version}", "{macro.id}", "{diagramName}", "{revision}" })
        {
            url.ShouldContain(parameter);
        }

        macro["parameters"]!.AsArray().Select(p => p!["identifier"]!.GetValue<string>()).ShouldBe(["diagramName", "revision", "previewRevision"]);
        macro["renderModes"]!["pdf"]!["url"]!.GetValue<string>().ShouldContain("previewRevision={previewRevision}");
        macro["editor"]!["url"]!.GetValue<string>().ShouldStartWith("/confluence/macro/editor");
        macro["renderModes"]!["pdf"]!["url"]!.GetValue<string>().ShouldStartWith("/confluence/macro/render");
        macro["renderModes"]!["default"]!["url"]!.GetValue<string>().ShouldStartWith("/confluence/macro/render");
    }

    [Theory]
    [InlineData("/atlassian-connect.json", "secure-diagrams-full-view", "/confluence/macro/full-view")]
    [InlineData("/jira/atlassian-connect.json", "secure-diagrams-editor", "/jira/editor")]
    public async Task Dialogs_AreFullScreen_OnePerProduct(string path, string key, string url)
    {
        var dialogs = (await GetDescriptorAsync(path))["modules"]!["dialogs"]!.AsArray();

        dialogs.Select(d => d!["key"]!.GetValue<string>()).ShouldBe([key]);
        dialogs[0]!["url"]!.GetValue<string>().ShouldBe(url);
        dialogs[0]!["options"]!["size"]!.GetValue<string>().ShouldBe("fullscreen");
    }

    [Theory]
    [InlineData("/atlassian-connect.json", "confluence")]
    [InlineData("/jira/atlassian-connect.json", "jira")]
    public async Task EveryModuleUrl_VerifiesItsJwtAndRenders(string path, string product)
    {
        var site = await _system.Sim.InstallTenantAsync(product);
        var urls = ModuleUrls((await GetDescriptorAsync(path))["modules"]!).ToList();
        urls.Count.ShouldBeGreaterThan(2);

        foreach (var template in urls)
        {
            // Values of the shape the host substitutes (the pages validate them).
            var url = ContextVariable().Replace(template, m => m.Value switch
            {
                "{issue.key}" => "SBX-12",
                "{macro.id}" => "3f2c9a1e-77aa-4b0e-9c1d-0123456789ab",
                "{diagramName}" => "Flow",
                "{previewRevision}" => "3",
                _ => "12345",
            });
            using var anonymous = await _system.App.Http.GetAsync(url);
            using var signed = await _system.App.Http.GetAsync(await _system.Sim.PageUrlAsync(site, url));
            if (url.StartsWith("/static/", StringComparison.Ordinal))
            {
                anonymous.StatusCode.ShouldBe(HttpStatusCode.OK, url);
                continue;
            }

            anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, url);
            signed.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            signed.Content.Headers.ContentType!.MediaType.ShouldBe("text/html", url);
        }
    }

    private async Task<JsonObject> GetDescriptorAsync(string path)
    {
        using var response = await _system.App.Http.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static IEnumerable<string> ModuleUrls(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "url" && p.Value is JsonValue v ? [v.GetValue<string>()] : p.Value is null ? [] : ModuleUrls(p.Value)),
        JsonArray a => a.SelectMany(n => n is null ? [] : ModuleUrls(n)),
        _ => [],
    };

    [GeneratedRegex(@"\{[a-zA-Z.]+\}")]
    private static partial Regex ContextVariable();
}
