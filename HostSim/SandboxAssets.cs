using System.Text.Json;

namespace Diagrams.HostSim;

/// <summary>
/// The sandbox's static scripts, embedded in the assembly (<c>assets/</c>): <c>/_sim/all.js</c>, the AP shim the app's
/// iframes load instead of Atlassian's CDN all.js, with the HostSim origin it serves from embedded (the only window
/// origin it talks to and takes replies from); <c>/_sim/host.js</c> + <c>/_sim/host.css</c> of the host pages;
/// <c>/_sim/forge-host.js</c> (with <c>forge-product.js</c> and <c>forge-page.js</c>), the host side of the Forge bridge on the Forge pages; and <see cref="ForgeBridge"/>, the
/// <c>window.__bridge</c> shim <see cref="ForgeCdn"/> serves inside the Custom UI frames.
/// </summary>
public static class SandboxAssets
{
    private const string OriginPlaceholder = "\"__HOSTSIM_ORIGIN__\"";
    private static readonly Lazy<string> AllJs = new(() => Load("all.js"));
    private static readonly Lazy<string> HostJs = new(() => Load("host.js"));
    private static readonly Lazy<string> HostCss = new(() => Load("host.css"));
    private static readonly Lazy<string> ForgeHostJs = new(() => Load("forge-host.js"));
    private static readonly Lazy<string> ForgePageJs = new(() => Load("forge-page.js"));
    private static readonly Lazy<string> ForgeProductJs = new(() => Load("forge-product.js"));
    private static readonly Lazy<string> ForgeBridgeJs = new(() => Load("forge-bridge.js"));

    /// <summary>The in-frame Forge bridge shim, with a placeholder for the sandbox page origins it may talk to.</summary>
    public static string ForgeBridge => ForgeBridgeJs.Value;

    public static IEndpointRouteBuilder MapSandboxAssets(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/_sim/all.js", (HttpContext http) =>
        {
            var origin = $"{http.Request.Scheme}://{http.Request.Host.ToUriComponent()}";
            return Asset(http, AllJs.Value.Replace(OriginPlaceholder, JsonSerializer.Serialize(origin), StringComparison.Ordinal), "text/javascript");
        });
        routes.MapGet("/_sim/host.js", (HttpContext http) => Asset(http, HostJs.Value, "text/javascript"));
        routes.MapGet("/_sim/forge-host.js", (HttpContext http) => Asset(http, ForgeHostJs.Value, "text/javascript"));
        routes.MapGet("/_sim/forge-page.js", (HttpContext http) => Asset(http, ForgePageJs.Value, "text/javascript"));
        routes.MapGet("/_sim/forge-product.js", (HttpContext http) => Asset(http, ForgeProductJs.Value, "text/javascript"));
        routes.MapGet("/_sim/host.css", (HttpContext http) => Asset(http, HostCss.Value, "text/css"));
        return routes;
    }

    private static IResult Asset(HttpContext http, string text, string mediaType)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Text(text, mediaType + "; charset=utf-8");
    }

    private static string Load(string name)
    {
        using var stream = typeof(SandboxAssets).Assembly.GetManifestResourceStream("Diagrams.HostSim.assets." + name)
            ?? throw new InvalidOperationException($"Embedded asset {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
