using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Diagrams.HostSim;

/// <summary>
/// The app's descriptors as the sandbox pages use them: fetched from <see cref="SimOptions.AppBaseUrl"/> and kept for a
/// few seconds, so module URLs always come from the app (never hard-coded here). Also builds a module's iframe URL the
/// way Atlassian does: context variables substituted, <c>xdm_e</c>/<c>cp</c>/<c>lic</c> appended, and a <c>jwt</c>
/// (HS256, site secret, full qsh of that GET, <c>sub</c> = the user).
/// </summary>
public sealed partial class AppDescriptors(IHttpClientFactory httpFactory, SimOptions options)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (JsonObject Descriptor, DateTimeOffset Fetched)> _cache = new(StringComparer.Ordinal);

    public async Task<JsonObject> GetAsync(string product, CancellationToken ct)
    {
        if (_cache.TryGetValue(product, out var cached) && DateTimeOffset.UtcNow - cached.Fetched < CacheFor)
        {
            return cached.Descriptor;
        }

        using var http = httpFactory.CreateClient();
        var path = product == "jira" ? "/jira/atlassian-connect.json" : "/atlassian-connect.json";
        var descriptor = await http.GetFromJsonAsync<JsonObject>(new Uri(new Uri(options.AppBaseUrl), path), ct)
            ?? throw new InvalidOperationException("The app served an empty descriptor.");
        _cache[product] = (descriptor, DateTimeOffset.UtcNow);
        return descriptor;
    }

    /// <summary>The modules of the site's product (<c>modules</c> at the top level, or under <c>products.{product}</c>).</summary>
    public static JsonObject Modules(JsonObject descriptor, string product) =>
        (descriptor["modules"] ?? descriptor["products"]?[product]?["modules"]) as JsonObject
        ?? throw new InvalidOperationException($"The {product} descriptor has no modules.");

    /// <summary>The first dynamic content macro (the diagram macro).</summary>
    public static JsonObject Macro(JsonObject descriptor) =>
        Modules(descriptor, "confluence")["dynamicContentMacros"]?.AsArray().OfType<JsonObject>().FirstOrDefault()
        ?? throw new InvalidOperationException("The Confluence descriptor has no dynamicContentMacros.");

    public static string? Text(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        JsonObject o => Text(o["value"]),
        _ => null,
    };

    /// <summary>The app's origin (scheme://host:port), which the sandbox pages frame and accept messages from.</summary>
    public static string AppOrigin(JsonObject descriptor) => new Uri(Text(descriptor["baseUrl"])!).GetLeftPart(UriPartial.Authority);

    /// <summary>A module's iframe URL as Atlassian renders it, signed for the site's user.</summary>
    public static string IframeUrl(JsonObject descriptor, string moduleUrl, IReadOnlyDictionary<string, string?> context, SimSite site, string accountId)
    {
        var baseUrl = Text(descriptor["baseUrl"])!.TrimEnd('/');
        var expanded = ContextVariable().Replace(moduleUrl, m => Uri.EscapeDataString(context.GetValueOrDefault(m.Groups[1].Value) ?? string.Empty));
        var contextPath = site.Product == "confluence" ? "/wiki" : string.Empty;
        var hostBase = site.BaseUrl.EndsWith(contextPath, StringComparison.Ordinal) ? site.BaseUrl[..^contextPath.Length] : site.BaseUrl;
        var url = new StringBuilder(baseUrl).Append(expanded).Append(expanded.Contains('?', StringComparison.Ordinal) ? '&' : '?')
            .Append("xdm_e=").Append(Uri.EscapeDataString(hostBase))
            .Append("&cp=").Append(Uri.EscapeDataString(contextPath))
            .Append("&lic=none").ToString();
        var qsh = Tokens.QshFor("GET", new Uri(url), new Uri(baseUrl + "/"));
        return url + "&jwt=" + Tokens.Hs256(site, qsh, accountId);
    }

    [GeneratedRegex(@"\{([-_a-zA-Z0-9.]+)\}")]
    private static partial Regex ContextVariable();
}
