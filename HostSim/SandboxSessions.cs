using System.Security.Cryptography;

namespace Diagrams.HostSim;

/// <summary>A signed-in sandbox user on one site, as a browser session on a real Atlassian site.</summary>
public sealed record SandboxSession(string SiteId, string AccountId, DateTimeOffset Expires);

/// <summary>
/// Browser sessions for the sandbox pages: an opaque random cookie per site (<c>sbx-{siteId}</c>; HttpOnly,
/// SameSite=Strict, path /) set when a sandbox page renders. With it, <c>AP.request</c> calls the host page forwards
/// run "as the user" (<see cref="HostCall.Verified"/>), without any app JWT.
/// </summary>
public static class SandboxSessions
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public static string CookieName(string siteId) => "sbx-" + siteId;

    /// <summary>Starts (or keeps) the session of the site's sandbox user; false when the site has no sandbox user.</summary>
    public static bool Ensure(SimState state, SimSite site, HttpContext http)
    {
        if (site.SandboxUser is not { } accountId)
        {
            return false;
        }

        if (Find(state, site, http.Request) is not null)
        {
            return true;
        }

        var value = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var expires = DateTimeOffset.UtcNow + Lifetime;
        state.Sessions[value] = new SandboxSession(site.Id, accountId, expires);
        http.Response.Cookies.Append(CookieName(site.Id), value, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/",
            Expires = expires,
        });
        return true;
    }

    /// <summary>The valid session of this site the request carries, if any.</summary>
    public static SandboxSession? Find(SimState state, SimSite site, HttpRequest request) =>
        request.Cookies.TryGetValue(CookieName(site.Id), out var value) && value is not null
        && state.Sessions.TryGetValue(value, out var session)
        && session.SiteId == site.Id && session.Expires > DateTimeOffset.UtcNow && site.SandboxUser == session.AccountId
            ? session
            : null;
}
