using Diagrams.App.Connect;
using Diagrams.App.Pages;

namespace Diagrams.App.Hosting;

/// <summary>
/// Headers on every response: no caching (pages carry a jwt, the API tenant data), no referrer (the jwt is
/// in the page URL), no sniffing; iframe pages may be framed by Atlassian hosts only, nothing else at all.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, HostUrlPolicy hosts)
{
    private readonly string _pagePolicy =
        $"default-src 'self'; script-src 'self' https://connect-cdn.atl-paas.net; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        $"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors {hosts.FrameAncestors()}";

    public Task InvokeAsync(HttpContext context)
    {
        var isPage = context.GetEndpoint()?.Metadata.GetMetadata<IframePage>() is not null;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = isPage ? _pagePolicy : "default-src 'none'; frame-ancestors 'none'";
            if (!isPage)
            {
                headers.XFrameOptions = "DENY";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
