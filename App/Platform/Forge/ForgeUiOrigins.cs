using Microsoft.Extensions.Options;

namespace Diagrams.App.Platform.Forge;

/// <summary>
/// CORS for the ticketed job route only: the Forge Custom UI iframe calls it from its own origin. Allowed origins are
/// <c>Forge:UiOrigins</c>, each <c>https://host</c> or <c>https://*.suffix</c> (one DNS label in place of the <c>*</c>), with
/// an optional port; <c>http://</c> only for loopback names (<c>localhost</c>, <c>*.localhost</c>: a local sandbox). None by
/// default, so cross-origin calls are refused until configured. No credentials: the ticket is the authorization.
/// </summary>
public sealed class ForgeUiOrigins(IOptions<ForgeOptions> options)
{
    public const string AllowedHeaders = "Authorization, Content-Type, X-File-Name";

    /// <summary>A pattern is a scheme, an optional <c>*.</c>, a host name and an optional port; nothing else.</summary>
    public static bool IsValidPattern(string pattern) => Parse(pattern) is not null;

    public bool Allows(string? origin)
    {
        if (origin is null || !Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || uri.AbsolutePath != "/" || origin.TrimEnd('/') != $"{uri.Scheme}://{uri.IdnHost}{(uri.IsDefaultPort ? string.Empty : $":{uri.Port}")}")
        {
            return false;
        }

        var host = uri.IdnHost;
        foreach (var pattern in options.Value.UiOrigins.Select(Parse).OfType<Pattern>())
        {
            if (pattern.Scheme == uri.Scheme && pattern.Port == uri.Port && (pattern.Wildcard
                ? host.EndsWith("." + pattern.Host, StringComparison.OrdinalIgnoreCase) && !host[..^(pattern.Host.Length + 1)].Contains('.')
                    && host.Length > pattern.Host.Length + 1
                : string.Equals(host, pattern.Host, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// On an answer to an allowed origin: let it read the answer (no credentials). Set as the answer starts, so a refusal
    /// written by the exception handler (which clears the response first) carries it too.
    /// </summary>
    public void AllowResponse(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        var allowed = Allows(origin);
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.Vary = "Origin";
            if (allowed)
            {
                context.Response.Headers.AccessControlAllowOrigin = origin;
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>The preflight: 204 with the one method and the few headers the job needs, or 403 naming the setting.</summary>
    public IResult Preflight(HttpContext context)
    {
        context.Response.Headers.Vary = "Origin";
        var origin = context.Request.Headers.Origin.ToString();
        if (!Allows(origin))
        {
            return Results.Problem(statusCode: 403, title: "Origin not allowed",
                detail: "This origin may not call ticketed jobs; allowed origins are Forge:UiOrigins (none by default).");
        }

        if (!string.Equals(context.Request.Headers.AccessControlRequestMethod, "POST", StringComparison.Ordinal))
        {
            return Results.Problem(statusCode: 403, title: "Method not allowed", detail: "Ticketed jobs take POST only.");
        }

        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.AccessControlAllowMethods = "POST";
        headers.AccessControlAllowHeaders = AllowedHeaders;
        headers.AccessControlMaxAge = "600";
        return Results.NoContent();
    }

    private static Pattern? Parse(string pattern)
    {
        var scheme = pattern.StartsWith("https://", StringComparison.Ordinal) ? "https" : pattern.StartsWith("http://", StringComparison.Ordinal) ? "http" : null;
        if (scheme is null)
        {
            return null;
        }

        var rest = pattern[(scheme.Length + 3)..];
        var colon = rest.LastIndexOf(':');
        var port = scheme == "https" ? 443 : 80;
        if (colon >= 0)
        {
            if (!int.TryParse(rest[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
            {
                return null;
            }

            rest = rest[..colon];
        }

        var wildcard = rest.StartsWith("*.", StringComparison.Ordinal);
        var host = wildcard ? rest[2..] : rest;
        var loopbackName = host == "localhost" || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
        return host.Length > 0 && Uri.CheckHostName(host) == UriHostNameType.Dns && (host.Contains('.') || loopbackName)
            && (scheme == "https" || loopbackName)
            ? new Pattern(scheme, host, port, wildcard)
            : null;
    }

    private sealed record Pattern(string Scheme, string Host, int Port, bool Wildcard);
}
