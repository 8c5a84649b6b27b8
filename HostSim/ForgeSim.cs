using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Diagrams.HostSim;

/// <summary>A site's Forge identity: stable cloudId and environment, an installation id that changes on reinstall, an app system token.</summary>
public sealed class SimForgeInstallation
{
    public string CloudId { get; } = Guid.NewGuid().ToString();

    public string EnvironmentId { get; } = Guid.NewGuid().ToString();

    public string InstallationId { get; set; } = NewInstallationId();

    public string SystemToken { get; set; } = "forge-system-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public bool LinkedToConnect { get; set; }

    /// <summary>What the app answered the last installed event (null: never sent); the sandbox's Forge pages say when it was not 200.</summary>
    public int? InstalledStatus { get; set; }

    public static string NewInstallationId() => "ari:cloud:ecosystem::installation/" + Guid.NewGuid();
}

/// <summary>Forge's FIT signing keys; the JWKS lists the published ones (a test can mint with a key before it is published).</summary>
public sealed class ForgeKeys
{
    private readonly ConcurrentDictionary<string, (RsaSecurityKey Key, bool Published)> _keys = new(StringComparer.Ordinal);

    public ForgeKeys() => Current = Add(published: true);

    /// <summary>The kid new FITs are signed with (the newest published key).</summary>

    public string Current { get; private set; }

    public string Add(bool published)
    {
        var kid = "forge-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        _keys[kid] = (new RsaSecurityKey(RSA.Create(2048)) { KeyId = kid }, published);
        return kid;
    }

    public void Publish(string kid)
    {
        if (_keys.TryGetValue(kid, out var entry))
        {
            _keys[kid] = (entry.Key, true);
            Current = kid;
        }
    }

    public RsaSecurityKey? Find(string kid) => _keys.TryGetValue(kid, out var entry) ? entry.Key : null;

    public string Jwks() => JsonSerializer.Serialize(new
    {
        keys = _keys.Where(k => k.Value.Published).Select(k =>
        {
            var p = k.Value.Key.Rsa.ExportParameters(false);
            return new { kty = "RSA", kid = k.Key, use = "sig", alg = "RS256", n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) };
        }),
    });
}

/// <summary>What a test asks of a minted FIT; the defaults give a correct one.</summary>
/// <param name="ModuleType">The FIT's <c>app.module.type</c> (default: the product's UI module, <c>macro</c> or <c>jira:issuePanel</c>).</param>
/// <param name="Extension">The calling module's <c>context.extension</c>, as a UI call carries it.</param>
public sealed record MintFit(string? Principal = null, int? LifetimeSeconds = null, int? NotBeforeInSeconds = null, string? Audience = null, string? Issuer = null,
    string? Alg = null, string? Kid = null, string[]? Omit = null, Dictionary<string, JsonElement>? Claims = null, string? ModuleKey = null, string? ModuleType = null,
    JsonElement? Extension = null);

/// <summary>
/// HostSim as Forge: a JWKS, FITs minted as Forge mints them (RS256, iss forge/invocation-token, aud the app id, app.* and
/// context.* claims, short lifetime), the app system token, an <c>apiBaseUrl</c> (<c>/ex/{product}/{cloudId}</c>) whose
/// product REST calls need that token, and lifecycle events posted to the app's remote with Forge's retries.
/// </summary>
public static class ForgeSim
{
    public const string DefaultAppId = "ari:cloud:ecosystem::app/7c2f0a51-3d8e-4b8a-9d1e-5f6a7b8c9d0e";
    private const string ForgeCallItem = "forge-system-token-verified";

    public static bool IsForgeCall(HttpContext http, SimSite site) => http.Items[ForgeCallItem] is string id && id == site.Id;

    /// <summary>
    /// <c>/ex/{product}/{cloudId}/…</c> → the site's own REST routes, for calls with the site's app system token as
    /// <c>Authorization: Bearer</c> (401 otherwise, as Atlassian's API gateway answers).
    /// </summary>
    public static IApplicationBuilder UseForgeApi(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var segments = (context.Request.Path.Value ?? string.Empty).Split('/', 5);
        if (segments.Length >= 4 && segments[1] == "ex" && segments[2] is "confluence" or "jira")
        {
            var state = context.RequestServices.GetRequiredService<SimState>();
            var site = state.Sites.Values.FirstOrDefault(s => s.Product == segments[2] && s.Forge.CloudId == segments[3]);
            if (site is null)
            {
                context.Response.StatusCode = 404;
                return;
            }

            if (!AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var auth) || auth.Scheme != "Bearer"
                || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(auth.Parameter ?? string.Empty), System.Text.Encoding.UTF8.GetBytes(site.Forge.SystemToken)))
            {
                state.Calls.Enqueue(new ReceivedCall(site.Id, context.Request.Method, context.Request.Path, 401, "bad or missing app system token", context.Request.QueryString.Value, null, "forge"));
                context.Response.StatusCode = 401;
                await context.Response.WriteAsJsonAsync(new { code = 401, message = "Unauthorized; scope does not match" });
                return;
            }

            context.Items[ForgeCallItem] = site.Id;
            context.Request.Path = "/sites/" + site.Id + (segments.Length == 5 ? "/" + segments[4] : string.Empty);
        }

        await next(context);
    });

    public static string ApiBaseUrl(HttpRequest request, SimSite site) => $"{request.Scheme}://{request.Host}/ex/{site.Product}/{site.Forge.CloudId}";

    public static string Fit(SimState state, SimOptions options, SimSite site, string apiBaseUrl, MintFit spec)
    {
        var now = DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["iss"] = spec.Issuer ?? "forge/invocation-token",
            ["aud"] = spec.Audience ?? options.ForgeAppId,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.AddSeconds(spec.NotBeforeInSeconds ?? 0).ToUnixTimeSeconds(),
            ["exp"] = now.AddSeconds(spec.LifetimeSeconds ?? 60).ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString(),
            ["app"] = new Dictionary<string, object>
            {
                ["id"] = options.ForgeAppId,
                ["appVersion"] = "1.0.0",
                ["installationId"] = site.Forge.InstallationId,
                ["apiBaseUrl"] = apiBaseUrl,
                ["environment"] = new { type = "PRODUCTION", id = site.Forge.EnvironmentId },
                ["module"] = new { type = spec.ModuleType ?? (site.Product == "jira" ? "jira:issuePanel" : "macro"), key = spec.ModuleKey ?? "diagram" },
                ["license"] = new { isActive = true },
                ["installation"] = new { contexts = new[] { new { cloudId = site.Forge.CloudId, apiBaseUrl } } },
            },
            ["context"] = spec.Extension is { } extension
                ? new { cloudId = site.Forge.CloudId, siteUrl = new Uri(site.BaseUrl).GetLeftPart(UriPartial.Authority), extension }
                : new { cloudId = site.Forge.CloudId, siteUrl = new Uri(site.BaseUrl).GetLeftPart(UriPartial.Authority) },
        };
        if (spec.Principal is not null)
        {
            claims["principal"] = spec.Principal;
        }

        foreach (var (name, value) in spec.Claims ?? [])
        {
            claims[name] = value;
        }

        foreach (var name in spec.Omit ?? [])
        {
            claims.Remove(name);
        }

        return Sign(state, claims, spec.Alg ?? "RS256", spec.Kid ?? state.ForgeKeys.Current);
    }

    /// <summary>Signs by hand (header, payload, signature), so a test can ask for exactly the algorithm and key it wants.</summary>
    private static string Sign(SimState state, Dictionary<string, object> claims, string alg, string kid)
    {
        var header = Base64UrlEncoder.Encode(JsonSerializer.Serialize(new { alg, kid, typ = "JWT" }));
        var input = header + "." + Base64UrlEncoder.Encode(JsonSerializer.Serialize(claims));
        if (alg == "none")
        {
            return input + ".";
        }

        var rsa = (state.ForgeKeys.Find(kid) ?? throw new InvalidOperationException("No Forge key " + kid)).Rsa;
        var data = System.Text.Encoding.ASCII.GetBytes(input);
        var signature = alg switch
        {
            "HS256" => HMACSHA256.HashData(rsa.ExportSubjectPublicKeyInfo(), data), // the public key used as an HMAC secret
            "RS512" => rsa.SignData(data, HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1),
            _ => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        };
        return input + "." + Base64UrlEncoder.Encode(signature);
    }

    public static RouteGroupBuilder MapForgeControl(this RouteGroupBuilder sim)
    {
        sim.MapPost("/sites/{id}/forge/fit", (string id, MintFit spec, HttpRequest http, SimState state, SimOptions options) =>
            state.Sites.TryGetValue(id, out var site)
                ? Results.Ok(new { token = Fit(state, options, site, ApiBaseUrl(http, site), spec), systemToken = site.Forge.SystemToken, site.Forge.CloudId, site.Forge.InstallationId })
                : Results.NotFound());
        sim.MapPost("/sites/{id}/forge/reinstall", (string id, SimState state) =>
        {
            if (!state.Sites.TryGetValue(id, out var site))
            {
                return Results.NotFound();
            }

            site.Forge.InstallationId = SimForgeInstallation.NewInstallationId();
            return Results.Ok(new { site.Forge.InstallationId });
        });
        sim.MapGet("/forge/invocations", (SimState state) => Results.Ok(state.ForgeInvocations.ToArray()));
        sim.MapPost("/forge/keys", (bool? published, SimState state) => Results.Ok(new { kid = state.ForgeKeys.Add(published ?? false) }));
        sim.MapPost("/forge/keys/{kid}/publish", (string kid, SimState state) =>
        {
            state.ForgeKeys.Publish(kid);
            return Results.NoContent();
        });
        sim.MapPost("/sites/{id}/forge/events/{name:regex(^(installed|upgraded)$)}", async (string id, string name, HttpRequest http, SimState state, SimOptions options,
            IHttpClientFactory httpFactory, CancellationToken ct) =>
        {
            if (!state.Sites.TryGetValue(id, out var site))
            {
                return Results.NotFound();
            }

            var statuses = await SendEventAsync(site, name, http, state, options, httpFactory, ct);
            site.Forge.InstalledStatus = name == "installed" ? statuses[^1] : site.Forge.InstalledStatus;
            return Results.Ok(new { statuses });
        });
        return sim;
    }

    /// <summary>
    /// Forge posts avi:forge:{name}:app to the endpoint itself (remote baseUrl + route.path, here App's <c>/forge</c>) with
    /// a FIT and the app system token, and tries again up to four times on a failure; the status of each attempt (0: no answer).
    /// </summary>
    public static async Task<List<int>> SendEventAsync(SimSite site, string name, HttpRequest http, SimState state, SimOptions options, IHttpClientFactory httpFactory,
        CancellationToken ct)
    {
        var statuses = new List<int>();
        using var client = httpFactory.CreateClient();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, options.AppBaseUrl.TrimEnd('/') + "/forge")
            {
                Content = JsonContent(new JsonObject { ["eventType"] = $"avi:forge:{name}:app", ["id"] = Guid.NewGuid().ToString(), ["context"] = new JsonObject { ["cloudId"] = site.Forge.CloudId } }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Fit(state, options, site, ApiBaseUrl(http, site), new MintFit(ModuleKey: "lifecycle")));
            request.Headers.Add("x-forge-oauth-system", site.Forge.SystemToken);
            try
            {
                using var response = await client.SendAsync(request, ct);
                statuses.Add((int)response.StatusCode);
                if (response.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                statuses.Add(0);
            }
        }

        return statuses;
    }

    private static StringContent JsonContent(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
