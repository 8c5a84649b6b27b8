using System.Net.Http.Headers;
using Diagrams.App.Tenants;
using Microsoft.Extensions.Options;

namespace Diagrams.App.Connect;

/// <summary>The tenant's base URL is not on the allowlist; nothing was sent.</summary>
public sealed class HostNotAllowedException() : Exception("The tenant's base URL is not on Connect:AllowedHosts; the call was not made.");

/// <summary>
/// Calls a tenant's own Confluence or Jira REST API as the app: an outbound JWT per request (qsh relative
/// to the tenant base URL, so Confluence paths start after <c>/wiki</c>), the allowlist re-checked before
/// every call, no redirects followed, a User-Agent naming the app.
/// </summary>
public sealed class HostClient(HttpClient http, HostUrlPolicy hosts, IOptions<AppOptions> app, TimeProvider time)
{
    public const string HttpClientName = "atlassian-host";
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(3);

    /// <param name="pathAndQuery">Relative to the tenant base URL, e.g. <c>/rest/api/user?accountId=...</c>; query values already escaped.</param>
    public Task<HttpResponseMessage> SendAsync(TenantSnapshot tenant, HttpMethod method, string pathAndQuery, HttpContent? content, CancellationToken ct)
    {
        var uri = new Uri(tenant.BaseUrl.ToString().TrimEnd('/') + pathAndQuery);
        if (!hosts.IsAllowed(tenant.BaseUrl) || !hosts.IsAllowed(uri) || uri.Host != tenant.BaseUrl.Host)
        {
            throw new HostNotAllowedException();
        }

        var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("JWT", CreateToken(tenant, method, uri));
        request.Headers.UserAgent.ParseAdd($"SecureDiagrams/1.0 (+{app.Value.NormalizedBaseUrl})");
        request.Headers.Accept.ParseAdd("application/json");
        return http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
    }

    internal string CreateToken(TenantSnapshot tenant, HttpMethod method, Uri uri)
    {
        var now = time.GetUtcNow();
        return Hs256.Sign(new Dictionary<string, object>
        {
            ["iss"] = tenant.AppKey,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + TokenLifetime).ToUnixTimeSeconds(),
            ["qsh"] = Qsh.ForOutbound(method.Method, uri, tenant.BaseUrl),
            ["aud"] = new[] { tenant.ClientKey },
        }, tenant.SharedSecret);
    }
}
