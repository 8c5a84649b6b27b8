using Diagrams.App.Pages;
using Diagrams.App.Platform.Connect;
using Diagrams.App.Platform.HostCalls;

namespace Diagrams.App.Hosting;

/// <summary>
/// Headers on every response: no caching (pages carry a jwt, the API tenant data), no referrer (the jwt is
/// in the page URL), no sniffing; iframe pages may be framed by Atlassian hosts only, nothing else at all.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, HostUrlPolicy hosts, Microsoft.Extensions.Options.IOptions<ConnectOptions> connect)
{
    /// <summary><c>HttpContext.Items</c> key: an extra image source for this page (the static render shows the site's preview attachment).</summary>
    public const string ImageSourceItem = "csp-img-src";

    /// <summary><c>HttpContext.Items</c> key: the response holds no tenant data and may be cached (the web bundles).</summary>
    public const string CacheableItem = "cacheable";

    private readonly string _scriptSources = $"'self' {new Uri(connect.Value.AllJsUrl).GetLeftPart(UriPartial.Authority)}";

    private string PagePolicy(string? imageSource) =>
        $"default-src 'self'; script-src {_scriptSources}; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:{(imageSource is null ? string.Empty : " " + imageSource)}; " +
        $"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors {hosts.FrameAncestors()}";

    public Task InvokeAsync(HttpContext context)
    {
        var isPage = context.GetEndpoint()?.Metadata.GetMetadata<IframePage>() is not null;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            if (context.Items[CacheableItem] is true)
            {
                headers.CacheControl = "public, max-age=86400, immutable";
            }
            else
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = isPage ? PagePolicy(context.Items[ImageSourceItem] as string) : "default-src 'none'; frame-ancestors 'none'";
            if (!isPage)
            {
                headers.XFrameOptions = "DENY";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
