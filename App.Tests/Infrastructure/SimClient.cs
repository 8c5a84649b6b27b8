extern alias hostsim;

using System.Net.Http.Json;
using System.Text.Json;
using InstallFaults = hostsim::Diagrams.HostSim.InstallFaults;

namespace Diagrams.App.Tests.Infrastructure;

/// <summary>A site HostSim created and (tried to) install.</summary>
public sealed record Site(string SiteId, string ClientKey, string BaseUrl, int InstallStatus, string InstallBody);

/// <summary>Intent helpers over HostSim's control plane (<c>/_sim</c>).</summary>
public sealed class SimClient(Uri url, Uri appUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = url };

    public Uri Url { get; } = url;

    public async Task<Site> CreateSiteAsync(string product = "confluence", string[]? admins = null, InstallFaults? faults = null, string? baseUrl = null, string? clientKey = null)
    {
        using var response = await _http.PostAsJsonAsync("/_sim/sites", new { product, admins, faults, baseUrl, clientKey });
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

    public async Task<string> ContextTokenAsync(Site site, string? sub = null, int lifetimeSeconds = 180, int issuedSecondsAgo = 0, string[]? omit = null) =>
        await MintAsync(site, new { kind = "context", sub, lifetimeSeconds, issuedSecondsAgo, omit });

    /// <summary>A host -> app token bound to one request (full qsh), as an iframe URL carries it.</summary>
    public async Task<string> RequestTokenAsync(Site site, string method, string pathAndQuery, int lifetimeSeconds = 180, int issuedSecondsAgo = 0, string? qsh = null) =>
        await MintAsync(site, new { kind = "request", method, url = new Uri(appUrl, pathAndQuery).ToString(), lifetimeSeconds, issuedSecondsAgo, qsh });

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

    public async Task<JsonElement[]> CallsAsync() => (await _http.GetFromJsonAsync<JsonElement[]>("/_sim/calls"))!;

    public void Dispose() => _http.Dispose();

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
