using System.Net.Http.Headers;
using Diagrams.App.Tenants;
using Microsoft.Extensions.Options;

namespace Diagrams.App.Connect;

/// <summary>The tenant's base URL is not on the allowlist; nothing was sent.</summary>
public sealed class HostNotAllowedException() : Exception("The tenant's base URL is not on Connect:AllowedHosts; the call was not made.");

/// <summary>The site redirected a download somewhere we do not go (not the site itself, not a media host).</summary>
public sealed class HostRedirectRefusedException() : Exception("The site redirected the download to a host outside the allowlist; it was not followed.");

/// <summary>
/// Calls a tenant's own Confluence or Jira REST API as the app: an outbound JWT per request (qsh relative
/// to the tenant base URL, so Confluence paths start after <c>/wiki</c>), the allowlist re-checked before
/// every call, redirects only through <see cref="GetFollowingRedirectsAsync"/>, a User-Agent naming the app.
/// </summary>
public sealed class HostClient(HttpClient http, IHttpClientFactory httpFactory, HostUrlPolicy hosts, IOptions<AppOptions> app, TimeProvider time)
{
    public const string HttpClientName = "atlassian-host";
    public const string MediaClientName = "atlassian-media";
    private const int MaxRedirects = 3;
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
        if (method != HttpMethod.Get)
        {
            request.Headers.Add("X-Atlassian-Token", "no-check"); // uploads are refused as XSRF without it
        }

        return http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
    }

    /// <summary>
    /// GET that follows redirects itself: within the tenant host (signed anew for the new path), or to a
    /// configured media host without our JWT; anything else throws <see cref="HostRedirectRefusedException"/>.
    /// </summary>
    public async Task<HttpResponseMessage> GetFollowingRedirectsAsync(TenantSnapshot tenant, string pathAndQuery, CancellationToken ct)
    {
        var response = await SendAsync(tenant, HttpMethod.Get, pathAndQuery, null, ct);
        for (var hop = 0; IsRedirect(response.StatusCode); hop++)
        {
            var location = response.Headers.Location is { } target ? new Uri(response.RequestMessage!.RequestUri!, target) : null;
            response.Dispose();
            if (hop == MaxRedirects || location is null)
            {
                throw new HostRedirectRefusedException();
            }

            var basePath = tenant.BaseUrl.AbsolutePath.TrimEnd('/');
            if (location.Scheme == tenant.BaseUrl.Scheme && location.Authority == tenant.BaseUrl.Authority
                && location.AbsolutePath.StartsWith(basePath + "/", StringComparison.Ordinal))
            {
                response = await SendAsync(tenant, HttpMethod.Get, location.PathAndQuery[basePath.Length..], null, ct);
            }
            else if (hosts.IsMediaHost(location))
            {
                using var media = httpFactory.CreateClient(MediaClientName);
                using var request = new HttpRequestMessage(HttpMethod.Get, location);
                request.Headers.UserAgent.ParseAdd($"SecureDiagrams/1.0 (+{app.Value.NormalizedBaseUrl})");
                response = await media.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            }
            else
            {
                throw new HostRedirectRefusedException();
            }
        }

        return response;
    }

    private static bool IsRedirect(System.Net.HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

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
