using System.Security.Cryptography;

namespace Diagrams.HostSim;

/// <summary>
/// The media service downloads redirect to, as Atlassian's api.media.atlassian.com: a different host name from the
/// site's (by default this HostSim as "localhost" when sites live on "127.0.0.1", same port). It serves bytes by an
/// opaque, per-redirect id with NO JWT check (CORS open, as the real one), and records whether an Authorization header came along.
/// </summary>
public static class Media
{
    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/media/{opaque}", async (string opaque, HttpContext http, SimState state) =>
        {
            var request = http.Request;
            var authorization = request.Headers.Authorization.Count > 0;

            // As Atlassian's media service: readable cross-origin, so AP.request downloads on a sandbox page can follow the redirect.
            http.Response.Headers.AccessControlAllowOrigin = "*";
            if (!state.MediaLinks.TryGetValue(opaque, out var link)
                || !state.Sites.TryGetValue(link.SiteId, out var site)
                || site.FindAttachment(link.AttachmentId) is not { } attachment)
            {
                state.MediaRequests.Enqueue(new MediaRequest(opaque, null, request.Method, request.Host.Value ?? string.Empty, authorization, 404, DateTimeOffset.UtcNow));
                return Results.NotFound();
            }

            SimVersion? version;
            lock (site.Sync)
            {
                version = attachment.Version(link.Version);
            }

            var fault = state.Faults.Take(site.Id, request.Method, request.Path.Value ?? string.Empty);
            var status = version is null ? 404 : fault?.Kind switch
            {
                "429" => 429,
                "503" => 503,
                "drop-after-processing" or "reset-before-processing" => 0,
                _ => 200,
            };
            state.MediaRequests.Enqueue(new MediaRequest(opaque, site.Id, request.Method, request.Host.Value ?? string.Empty, authorization, status, DateTimeOffset.UtcNow));
            return version is null
                ? Results.NotFound()
                : await Faults.ApplyAsync(fault, "media", http, () => Task.FromResult(Results.Bytes(version.Content, version.MediaType)));
        });
        return routes;
    }

    /// <summary>Mints an opaque id for one version and answers the absolute media URL a download redirects to.</summary>
    public static string RedirectUrl(SimState state, SimSite site, HttpRequest request, SimAttachment attachment, SimVersion version)
    {
        var opaque = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        state.MediaLinks[opaque] = new MediaLink(site.Id, attachment.Id, version.Number);
        return MediaBase(site, request).TrimEnd('/') + "/media/" + opaque;
    }

    /// <summary>The site's media base: as configured, else this HostSim under the other loopback host name.</summary>
    public static string MediaBase(SimSite site, HttpRequest request)
    {
        if (site.MediaBase is { } configured)
        {
            return configured;
        }

        var host = request.Host.Host == "localhost" ? "127.0.0.1" : "localhost";
        return $"{request.Scheme}://{host}{(request.Host.Port is { } port ? ":" + port : string.Empty)}";
    }
}
