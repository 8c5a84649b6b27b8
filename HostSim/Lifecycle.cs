using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Diagrams.HostSim;

/// <summary>Faults a test can ask for on one install/uninstall callback; the defaults send a correct one.</summary>
/// <remarks><c>Kid</c> signs with the real key under another key id; <c>Claims</c> replace claims with raw JSON values.</remarks>
public sealed record InstallFaults(
    bool UnknownKid = false,
    bool BadSignature = false,
    string? Audience = null,
    string? Issuer = null,
    bool Expired = false,
    bool WrongQsh = false,
    bool Hs256 = false,
    string? BaseUrl = null,
    bool NoToken = false,
    string? Key = null,
    string? ProductType = null,
    string? Kid = null,
    Dictionary<string, JsonElement>? Claims = null);

/// <summary>Sends lifecycle callbacks to the app the way Atlassian does: fetches the descriptor, signs, posts.</summary>
public sealed class Lifecycle(SimState state, IHttpClientFactory httpFactory, SimOptions options)
{
    public async Task<(int Status, string Body)> InstallAsync(SimSite site, InstallFaults faults, CancellationToken ct)
    {
        var descriptor = await DescriptorAsync(site.Product, ct);
        site.AppKey = descriptor["key"]!.GetValue<string>();
        var payload = Payload(site, descriptor, "installed");
        payload["baseUrl"] = faults.BaseUrl ?? site.BaseUrl;
        payload["key"] = faults.Key ?? payload["key"]!.GetValue<string>();
        payload["productType"] = faults.ProductType ?? site.Product;
        return await SendSignedInstallAsync(descriptor, "installed", payload, faults, ct);
    }

    public async Task<(int Status, string Body)> UninstallAsync(SimSite site, InstallFaults faults, CancellationToken ct)
    {
        var descriptor = await DescriptorAsync(site.Product, ct);
        return await SendSignedInstallAsync(descriptor, "uninstalled", Payload(site, descriptor, "uninstalled"), faults, ct);
    }

    /// <summary>enabled/disabled: HS256 with the site secret and the full qsh of the callback.</summary>
    public async Task<(int Status, string Body)> SendHs256CallbackAsync(SimSite site, string eventType, CancellationToken ct)
    {
        var descriptor = await DescriptorAsync(site.Product, ct);
        var url = CallbackUrl(descriptor, eventType);
        var token = Tokens.Hs256(site, Tokens.QshFor("POST", url, AppBaseUrl(descriptor)));
        return await PostAsync(url, token, Payload(site, descriptor, eventType), ct);
    }

    private async Task<(int Status, string Body)> SendSignedInstallAsync(JsonObject descriptor, string eventType, JsonObject payload, InstallFaults faults, CancellationToken ct)
    {
        var url = CallbackUrl(descriptor, eventType);
        var appBase = AppBaseUrl(descriptor);
        var qsh = faults.WrongQsh ? Tokens.QshFor("POST", new Uri(url, "/lifecycle/other"), appBase) : Tokens.QshFor("POST", url, appBase);
        var issuer = faults.Issuer ?? payload["clientKey"]!.GetValue<string>();
        var audience = faults.Audience ?? descriptor["baseUrl"]!.GetValue<string>();
        string? token;
        if (faults.NoToken)
        {
            token = null;
        }
        else if (faults.Hs256)
        {
            var site = state.FindByClientKey(issuer) ?? throw new InvalidOperationException("HS256 install fault needs a known site.");
            token = Tokens.Hs256(site, qsh);
        }
        else
        {
            using var otherRsa = System.Security.Cryptography.RSA.Create(2048);
            var key = faults.BadSignature ? new RsaSecurityKey(otherRsa) { KeyId = state.KeyId }
                : faults.UnknownKid ? new RsaSecurityKey(state.Rsa) { KeyId = "no-such-kid" }
                : faults.Kid is not null ? new RsaSecurityKey(state.Rsa) { KeyId = faults.Kid }
                : state.SigningKey;
            token = Tokens.Install(state, issuer, audience, qsh, faults.Expired ? TimeSpan.FromMinutes(-5) : TimeSpan.FromMinutes(3), key, faults.Claims);
        }

        return await PostAsync(url, token, payload, ct);
    }

    private async Task<(int Status, string Body)> PostAsync(Uri url, string? token, JsonObject payload, CancellationToken ct)
    {
        using var http = httpFactory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(payload) };
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "JWT " + token);
        }

        using var response = await http.SendAsync(request, ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    private async Task<JsonObject> DescriptorAsync(string product, CancellationToken ct)
    {
        using var http = httpFactory.CreateClient();
        var path = product == "jira" ? "/jira/atlassian-connect.json" : "/atlassian-connect.json";
        return (await http.GetFromJsonAsync<JsonObject>(new Uri(new Uri(options.AppBaseUrl), path), ct))!;
    }

    private static Uri AppBaseUrl(JsonObject descriptor) => new(descriptor["baseUrl"]!.GetValue<string>().TrimEnd('/') + "/");

    private static Uri CallbackUrl(JsonObject descriptor, string eventType) =>
        new(descriptor["baseUrl"]!.GetValue<string>().TrimEnd('/') + descriptor["lifecycle"]![eventType]!.GetValue<string>());

    private static JsonObject Payload(SimSite site, JsonObject descriptor, string eventType)
    {
        var payload = new JsonObject
        {
            ["key"] = descriptor["key"]!.GetValue<string>(),
            ["clientKey"] = site.ClientKey,
            ["baseUrl"] = site.BaseUrl,
            ["displayUrl"] = site.BaseUrl,
            ["productType"] = site.Product,
            ["description"] = "HostSim " + site.Product,
            ["eventType"] = eventType,
            ["pluginsVersion"] = "1001.0.0-SNAPSHOT",
            ["serverVersion"] = "100000",
        };
        if (eventType == "installed")
        {
            payload["sharedSecret"] = site.SharedSecret;
            payload["oauthClientId"] = "hostsim-oauth-" + site.Id;
            if (site.Forge.LinkedToConnect)
            {
                payload["installationId"] = site.Forge.InstallationId; // a Connect app that also has a Forge installation names it
            }
        }

        return payload;
    }
}
