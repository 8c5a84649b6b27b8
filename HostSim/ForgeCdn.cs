using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.StaticFiles;

namespace Diagrams.HostSim;

/// <summary>
/// HostSim as Forge's Custom UI CDN: the app's resources from their own origin, <c>http://{app uuid}.cdn.localhost:{port}</c>
/// (browsers resolve <c>*.localhost</c> to loopback; cookies of the sandbox pages never reach it), one path per
/// environment and resource: <c>/{environmentId}/{resource}/…</c>. Every answer carries Forge's CSP (<see cref="ForgeCsp"/>);
/// a resource's <c>index.html</c> gets <c>/__hostsim/forge-bridge.js</c> as its first script, which defines
/// <c>window.__bridge</c> before the app's own scripts run, as Forge's iframe does. Nothing else is served on that host.
/// </summary>
public static partial class ForgeCdn
{
    public const string BridgePath = "/__hostsim/forge-bridge.js";
    private const string OriginsPlaceholder = "\"__HOSTSIM_HOST_ORIGINS__\"";
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static string Host(SimOptions options) => options.ForgeAppId[(options.ForgeAppId.LastIndexOf('/') + 1)..].ToLowerInvariant() + ".cdn.localhost";

    /// <summary>The CDN origin on the port this request came in on.</summary>
    public static string Origin(HttpRequest request, SimOptions options) =>
        $"{request.Scheme}://{Host(options)}{(request.Host.Port is { } port ? ":" + port : string.Empty)}";

    public static string ResourceUrl(HttpRequest request, SimOptions options, SimSite site, string resource) =>
        $"{Origin(request, options)}/{site.Forge.EnvironmentId}/{resource}/index.html";

    /// <summary>
    /// The origins a sandbox page of this HostSim can have (its loopback names on the request's port): the only frame
    /// ancestors and the only windows the bridge talks to. (CSP source expressions cannot name [::1].)
    /// </summary>
    public static string[] HostOrigins(HttpRequest request)
    {
        var port = request.Host.Port is { } p ? ":" + p : string.Empty;
        return [$"{request.Scheme}://127.0.0.1{port}", $"{request.Scheme}://localhost{port}"];
    }

    public static IApplicationBuilder UseForgeCdn(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var options = context.RequestServices.GetRequiredService<SimOptions>();
        if (!string.Equals(context.Request.Host.Host, Host(options), StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var result = Serve(context, options, context.RequestServices.GetRequiredService<SimState>());
        await result.ExecuteAsync(context);
    });

    private static IResult Serve(HttpContext http, SimOptions options, SimState state)
    {
        var request = http.Request;
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ForgeCsp.Policy(HostOrigins(request), new Uri(options.AppBaseUrl).GetLeftPart(UriPartial.Authority));
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return Results.Problem(statusCode: 405, detail: "The Custom UI CDN serves GET and HEAD only.");
        }

        var path = request.Path.Value ?? string.Empty;
        if (path == BridgePath)
        {
            var origins = JsonSerializer.Serialize(HostOrigins(request));
            return Results.Text(SandboxAssets.ForgeBridge.Replace(OriginsPlaceholder, origins, StringComparison.Ordinal), "text/javascript; charset=utf-8");
        }

        var match = ResourcePath().Match(path);
        if (!match.Success || path.Contains("/.", StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal)
            || !ForgeModules.Resources.Contains(match.Groups["resource"].Value)
            || !state.Sites.Values.Any(s => s.Forge.EnvironmentId == match.Groups["env"].Value))
        {
            return Results.NotFound();
        }

        var resource = match.Groups["resource"].Value;
        var root = ForgeModules.Folder(options, resource);
        var relative = match.Groups["file"].Value is { Length: > 0 } f ? f : "index.html";
        var file = Path.GetFullPath(Path.Combine(root, relative));
        if (!file.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(file))
        {
            return relative == "index.html" ? NotBuilt(resource, root) : Results.NotFound();
        }

        var type = ContentTypes.TryGetContentType(file, out var known) ? known : "application/octet-stream";
        return relative == "index.html"
            ? Results.Text(WithBridge(File.ReadAllText(file)), "text/html; charset=utf-8")
            : Results.File(file, type);
    }

    /// <summary>The bridge script first in the head (before any script of the resource), as Forge's iframe provides <c>window.__bridge</c>.</summary>
    public static string WithBridge(string html)
    {
        var tag = $"<script src=\"{BridgePath}\"></script>";
        var head = HeadTag().Match(html);
        return head.Success ? html.Insert(head.Index + head.Length, tag) : tag + html;
    }

    private static IResult NotBuilt(string resource, string root) => Results.Content(
        $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not built</title></head><body><p>The Custom UI resource '{SandboxHtml.E(resource)}' is not built: no {SandboxHtml.E(Path.Combine(root, "index.html"))}. Build the Forge resources from web/ (dotnet build) or point HostSim:ForgeResources:{SandboxHtml.E(resource)} at a folder.</p></body></html>",
        "text/html; charset=utf-8", Encoding.UTF8, 404);

    [GeneratedRegex("^/(?<env>[0-9a-f-]{36})/(?<resource>[a-z0-9-]{1,32})/(?<file>[A-Za-z0-9._/-]{0,256})$")]
    private static partial Regex ResourcePath();

    [GeneratedRegex("<head(\\s[^>]*)?>", RegexOptions.IgnoreCase)]
    private static partial Regex HeadTag();
}
