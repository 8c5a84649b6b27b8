extern alias hostsim;

using System.Net.Http.Json;
using System.Text.Json;
using FaultSpec = hostsim::Diagrams.HostSim.FaultSpec;
using MintFit = hostsim::Diagrams.HostSim.MintFit;
using InstallFaults = hostsim::Diagrams.HostSim.InstallFaults;
using SandboxCreated = hostsim::Diagrams.HostSim.SandboxCreated;

namespace Diagrams.App.Tests.Infrastructure;

/// <summary>A site HostSim created and (tried to) install.</summary>
public sealed record Site(string SiteId, string ClientKey, string BaseUrl, int InstallStatus, string InstallBody);

/// <summary>Intent helpers over HostSim's control plane (<c>/_sim</c>).</summary>
public sealed class SimClient(Uri url, Uri appUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = url };

    public Uri Url { get; } = url;

    /// <summary>The user every site knows (besides its admins): the one the diagram API tests act as.</summary>
    public const string DefaultUser = "557058:diagram-user";

    public async Task<Site> CreateSiteAsync(string product = "confluence", string[]? admins = null, InstallFaults? faults = null, string? baseUrl = null, string? clientKey = null,
        bool linkForge = false)
    {
        using var response = await _http.PostAsJsonAsync("/_sim/sites", new { product, admins, users = new[] { DefaultUser }, faults, baseUrl, clientKey, linkForge });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Site>(JsonSerializerOptions.Web))!;
    }

    /// <summary>Creates and installs a site, failing the test if the app refused the install.</summary>
    public async Task<Site> InstallTenantAsync(string product = "confluence", params string[] admins)
    {
        var site = await CreateSiteAsync(product, admins);
        if (site.InstallStatus != 204)
        {
            throw new InvalidOperationException($"Install answered {site.InstallStatus}: {site.InstallBody}");
        }

        return site;
    }

    public Task<int> ReinstallAsync(Site site) => EventAsync(site, "reinstall");

    public Task<int> UninstallAsync(Site site) => EventAsync(site, "uninstall");

    public Task<int> EnabledAsync(Site site) => EventAsync(site, "enabled");

    public Task<int> DisabledAsync(Site site) => EventAsync(site, "disabled");

    /// <param name="claims">Claims to replace with these raw JSON values, e.g. <c>["exp"] = "1e20"</c>.</param>
    public async Task<string> ContextTokenAsync(Site site, string? sub = null, int lifetimeSeconds = 180, int issuedSecondsAgo = 0, string[]? omit = null,
        IReadOnlyDictionary<string, string>? claims = null) =>
        await MintAsync(site, new { kind = "context", sub, lifetimeSeconds, issuedSecondsAgo, omit, claims = RawJson(claims) });

    /// <summary>A host -> app token bound to one request (full qsh), as an iframe URL carries it.</summary>
    /// <param name="secret">Sign with this instead of the site's shared secret (a forgery).</param>
    public async Task<string> RequestTokenAsync(Site site, string method, string pathAndQuery, int lifetimeSeconds = 180, int issuedSecondsAgo = 0, string? qsh = null,
        IReadOnlyDictionary<string, string>? claims = null, string? secret = null) =>
        await MintAsync(site, new { kind = "request", method, url = new Uri(appUrl, pathAndQuery).ToString(), lifetimeSeconds, issuedSecondsAgo, qsh, claims = RawJson(claims), secret });

    /// <summary>Raw JSON claim values as JSON elements, so they reach the token exactly as written.</summary>
    public static Dictionary<string, JsonElement>? RawJson(IReadOnlyDictionary<string, string>? claims) =>
        claims?.ToDictionary(c => c.Key, c => JsonDocument.Parse(c.Value).RootElement.Clone(), StringComparer.Ordinal);

    /// <summary>The iframe URL the host would render: the page path plus <c>jwt</c>.</summary>
    public async Task<string> PageUrlAsync(Site site, string pathAndQuery)
    {
        var token = await RequestTokenAsync(site, "GET", pathAndQuery);
        return pathAndQuery + (pathAndQuery.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "jwt=" + token;
    }

    public async Task MakeAdminAsync(Site site, string accountId)
    {
        using var response = await _http.PutAsync($"/_sim/sites/{site.SiteId}/admins/{Uri.EscapeDataString(accountId)}", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Makes an accountId a user of the site (without restrictions, a user may view and edit everything).</summary>
    public async Task AddUserAsync(Site site, string accountId)
    {
        using var response = await _http.PutAsync($"/_sim/sites/{site.SiteId}/users/{Uri.EscapeDataString(accountId)}", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Restricts who may view and who may edit a page (Confluence) or browse and edit an issue (Jira); null leaves that side open.</summary>
    public Task RestrictAsync(Site site, string container, string[]? viewers, string[]? editors) => site.BaseUrl.EndsWith("/wiki", StringComparison.Ordinal)
        ? PutAsync($"/_sim/sites/{site.SiteId}/pages/{Uri.EscapeDataString(container)}", new { viewers, editors })
        : PutAsync($"/_sim/sites/{site.SiteId}/issues/{Uri.EscapeDataString(container)}", new { viewers, editors });

    /// <summary>Writes an issue property's raw value, as any user who may edit the issue can.</summary>
    public Task PlantIssuePropertyAsync(Site site, string issueKey, string propertyKey, object value) =>
        PutAsync($"/_sim/sites/{site.SiteId}/issues/{Uri.EscapeDataString(issueKey)}/properties/{Uri.EscapeDataString(propertyKey)}", new { value });

    /// <summary>The issue's properties as stored (key → value), whoever wrote them.</summary>
    public async Task<Dictionary<string, JsonElement>> IssuePropertiesAsync(Site site, string issueKey) =>
        (await _http.GetFromJsonAsync<Dictionary<string, JsonElement>>($"/_sim/sites/{site.SiteId}/issues/{Uri.EscapeDataString(issueKey)}/properties"))!;

    /// <summary>A FIT for the site as Forge mints it (change <paramref name="spec"/> to break it), with the site's app system token.</summary>
    public async Task<(string Token, string SystemToken)> ForgeFitAsync(Site site, MintFit? spec = null)
    {
        using var response = await _http.PostAsJsonAsync($"/_sim/sites/{site.SiteId}/forge/fit", spec ?? new MintFit());
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (body.RootElement.GetProperty("token").GetString()!, body.RootElement.GetProperty("systemToken").GetString()!);
    }

    /// <summary>The site's Forge identity: its cloudId and current installation id.</summary>
    public async Task<(string CloudId, string InstallationId)> ForgeInstallationAsync(string siteId)
    {
        using var response = await _http.PostAsJsonAsync($"/_sim/sites/{siteId}/forge/fit", new MintFit());
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (body.RootElement.GetProperty("cloudId").GetString()!, body.RootElement.GetProperty("installationId").GetString()!);
    }

    /// <summary>Every UI call the sandbox's Forge bridge proxied to the app: siteId, moduleKey, method, path, status, time.</summary>
    public async Task<JsonElement[]> ForgeInvocationsAsync() => (await _http.GetFromJsonAsync<JsonElement[]>("/_sim/forge/invocations"))!;

    /// <summary>The app is reinstalled on the site through Forge: a new installation id, the same cloudId and environment.</summary>
    public async Task ForgeReinstallAsync(Site site)
    {
        using var response = await _http.PostAsync($"/_sim/sites/{site.SiteId}/forge/reinstall", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Forge posts avi:forge:{name}:app to the app's remote (with up to four retries); the statuses of each attempt.</summary>
    public async Task<int[]> ForgeEventAsync(Site site, string name)
    {
        using var response = await _http.PostAsync($"/_sim/sites/{site.SiteId}/forge/events/{name}", null);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. body.RootElement.GetProperty("statuses").EnumerateArray().Select(s => s.GetInt32())];
    }

    /// <summary>A new Forge signing key, published in the JWKS or not yet.</summary>
    public async Task<string> NewForgeKeyAsync(bool published)
    {
        using var response = await _http.PostAsync($"/_sim/forge/keys?published={published.ToString().ToLowerInvariant()}", null);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("kid").GetString()!;
    }

    public async Task PublishForgeKeyAsync(string kid)
    {
        using var response = await _http.PostAsync($"/_sim/forge/keys/{kid}/publish", null);
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonElement[]> CallsAsync() => (await _http.GetFromJsonAsync<JsonElement[]>("/_sim/calls"))!;

    /// <summary>Every request HostSim received outside its control plane, as "METHOD raw-target".</summary>
    public async Task<string[]> RequestsAsync() => (await _http.GetFromJsonAsync<string[]>("/_sim/requests"))!;

    /// <summary>Creates or updates a Confluence page (status "current" or "draft").</summary>
    public Task PutPageAsync(Site site, string pageId, string status = "current", bool visible = true, bool attachmentsEnabled = true) =>
        PutAsync($"/_sim/sites/{site.SiteId}/pages/{Uri.EscapeDataString(pageId)}", new { status, visible, attachmentsEnabled });

    /// <summary>Creates or updates a Jira issue.</summary>
    public Task PutIssueAsync(Site site, string issueKey, bool visible = true, bool attachmentsEnabled = true) =>
        PutAsync($"/_sim/sites/{site.SiteId}/issues/{Uri.EscapeDataString(issueKey)}", new { visible, attachmentsEnabled });

    /// <summary>Uploads over this many bytes answer 413; null restores the default (100 MB).</summary>
    public Task SetAttachmentLimitAsync(Site site, long? maxAttachmentBytes) =>
        PutAsync($"/_sim/sites/{site.SiteId}/limits", new { maxAttachmentBytes });

    /// <summary>Where download redirects point (e.g. a foreign host); null restores the default (HostSim as "localhost").</summary>
    public Task SetMediaBaseAsync(Site site, string? url) => PutAsync($"/_sim/sites/{site.SiteId}/media-base", new { url });

    /// <summary>TEST-ONLY: the site's shared secret, to sign app -> host calls as the app does.</summary>
    public async Task<string> SharedSecretAsync(Site site)
    {
        using var body = JsonDocument.Parse(await _http.GetStringAsync($"/_sim/sites/{site.SiteId}/secret"));
        return body.RootElement.GetProperty("sharedSecret").GetString()!;
    }

    public async Task AddFaultAsync(FaultSpec fault)
    {
        using var response = await _http.PostAsJsonAsync("/_sim/faults", fault);
        response.EnsureSuccessStatusCode();
    }

    public async Task ClearFaultsAsync()
    {
        using var response = await _http.DeleteAsync("/_sim/faults");
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Every fault that fired: kind, siteId, method, path, time.</summary>
    public async Task<JsonElement[]> FiredFaultsAsync() => (await _http.GetFromJsonAsync<JsonElement[]>("/_sim/faults/fired"))!;

    /// <summary>Every request the media service received: opaque, siteId, method, host, authorizationPresent, status, time.</summary>
    public async Task<JsonElement[]> MediaRequestsAsync() => (await _http.GetFromJsonAsync<JsonElement[]>("/_sim/media-requests"))!;

    /// <summary>Every stored attachment of the site: id, product, container, pageId, issueKey, name, versions[{number, size, mediaType, sha256, ...}].</summary>
    public async Task<JsonElement[]> AttachmentsAsync(Site site) => (await _http.GetFromJsonAsync<JsonElement[]>($"/_sim/sites/{site.SiteId}/attachments"))!;

    public Task<byte[]> AttachmentContentAsync(Site site, string attachmentId, int version) =>
        _http.GetByteArrayAsync($"/_sim/sites/{site.SiteId}/attachments/{Uri.EscapeDataString(attachmentId)}/versions/{version}/content");

    /// <summary>
    /// A new sandbox: a Confluence and a Jira site with the app installed, the page "Sandbox page", the issue "SBX-1" and a
    /// sandbox user who is a site admin on both. The answer holds absolute URLs of the page, the issue and both admin pages.
    /// </summary>
    public async Task<SandboxCreated> CreateSandboxAsync()
    {
        using var response = await _http.PostAsync("/_sim/sandbox", null);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /_sim/sandbox answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<SandboxCreated>(JsonSerializerOptions.Web))!;
    }

    public void Dispose() => _http.Dispose();

    private async Task PutAsync(string path, object body)
    {
        using var response = await _http.PutAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
    }

    private async Task<int> EventAsync(Site site, string action)
    {
        using var response = await _http.PostAsync($"/_sim/sites/{site.SiteId}/{action}", null);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("status").GetInt32();
    }

    private async Task<string> MintAsync(Site site, object request)
    {
        using var response = await _http.PostAsJsonAsync($"/_sim/sites/{site.SiteId}/tokens", request);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("token").GetString()!;
    }
}
