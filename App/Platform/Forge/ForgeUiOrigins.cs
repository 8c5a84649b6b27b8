using Microsoft.Extensions.Options;

namespace Diagrams.App.Platform.Forge;

/// <summary>
/// CORS for the ticketed job route only: the Forge Custom UI iframe calls it from its own origin. Allowed origins are
/// <c>Forge:UiOrigins</c>, each <c>https://host</c> or <c>https://*.suffix</c> (one DNS label in place of the <c>*</c>);
/// none by default, so cross-origin calls are refused until configured. No credentials: the ticket is the authorization.
/// </summary>
public sealed class ForgeUiOrigins(IOptions<ForgeOptions> options)
{
    public const string AllowedHeaders = "Authorization, Content-Type, X-File-Name";

    /// <summary>A pattern is <c>https://</c>, an optional <c>*.</c>, and a host name; nothing else.</summary>
    public static bool IsValidPattern(string pattern) =>
        pattern.StartsWith("https://", StringComparison.Ordinal)
        && pattern["https://".Length..] is var host && (host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host) is var name
        && name.Length > 0 && name.Contains('.') && Uri.CheckHostName(name) == UriHostNameType.Dns;

    public bool Allows(string? origin)
    {
        if (origin is null || !Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
            || uri.AbsolutePath != "/" || origin.TrimEnd('/') != $"https://{uri.IdnHost}{(uri.IsDefaultPort ? string.Empty : $":{uri.Port}")}")
        {
            return false;
        }

        var host = uri.IdnHost;
        foreach (var pattern in options.Value.UiOrigins)
        {
            var allowed = pattern["https://".Length..];
            if (allowed.StartsWith("*.", StringComparison.Ordinal)
                ? host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase) && host.Length > allowed.Length - 1 && !host[..^(allowed.Length - 1)].Contains('.')
                : string.Equals(host, allowed, StringComparison.OrdinalIgnoreCase) && uri.IsDefaultPort)
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
}
