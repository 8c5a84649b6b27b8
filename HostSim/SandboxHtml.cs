using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Diagrams.HostSim;

/// <summary>
/// The HTML of the sandbox pages: one layout (no inline script or style; <c>/_sim/host.js</c> and <c>/_sim/host.css</c>
/// only), a strict CSP that frames nothing but the app's origin, and the module iframes. The body's data attributes
/// tell host.js the product, the app origin (the only origin it takes messages from), where its REST calls go and the
/// context <c>AP.context.getContext()</c> answers.
/// </summary>
public static class SandboxHtml
{
    public const string IframeSandbox = "allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads allow-modals";

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>The Confluence-like page body both sandbox modes show: toolbar, title, version, the macros' frames.</summary>
    public static string ConfluencePage(string title, string body, int version, string frames) => $"""
            <nav class="crumbs">Spaces / Sandbox space / Pages</nav>
            <div class="toolbar">
              <button type="button" class="view-only" data-testid="page-edit">Edit</button>
              <button type="button" class="edit-only" data-testid="insert-diagram">Insert diagram</button>
              <button type="button" class="edit-only primary" data-testid="page-publish">Publish</button>
            </div>
            <article class="page">
              <h1 data-testid="page-title">{E(title)}</h1>
              <p class="meta">By Sandbox User &middot; version <span data-testid="page-version">{version}</span></p>
              <p>{E(body)}</p>
              <section class="view-only macros">
        {frames}      </section>
              <section class="edit-only macros" id="edit-macros"></section>
            </article>
        """;

    public static string E(string? text) => Html.Encode(text ?? string.Empty);

    /// <summary>A module iframe with its test id; <c>data-frame</c> names its kind for host.js.</summary>
    public static string Iframe(string testId, string kind, string src, string title, IReadOnlyDictionary<string, string>? data = null)
    {
        var attributes = new StringBuilder();
        foreach (var (name, value) in data ?? new Dictionary<string, string>())
        {
            attributes.Append(" data-").Append(name).Append("=\"").Append(E(value)).Append('"');
        }

        return $"""<iframe class="frame frame-{E(kind)}" data-testid="{E(testId)}" data-frame="{E(kind)}"{attributes} title="{E(title)}" src="{E(src)}" sandbox="{IframeSandbox}" allow="clipboard-read; clipboard-write"></iframe>""";
    }

    /// <param name="AppOrigin">The one origin the page frames and takes messages from: the app's (Connect) or the Custom UI CDN's (Forge).</param>
    /// <param name="Scripts">The host side of the bridge, in load order: <c>host.js</c> (AP; the default) or the <c>forge-*.js</c> (@forge/bridge).</param>
    public sealed record Frame(string Product, SimSite Site, string AppOrigin, string MediaOrigin, object Context, IReadOnlyDictionary<string, string>? Data = null,
        IReadOnlyList<string>? Scripts = null, string Mode = "Connect");

    /// <summary>The whole page, with its security headers set on the response.</summary>
    public static IResult Page(HttpContext http, string title, string main, Frame? frame = null, int status = 200)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
            $"connect-src 'self'{(frame is null ? string.Empty : " " + frame.MediaOrigin)}; frame-src {(frame is null ? "'none'" : frame.AppOrigin)}; " +
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";

        var body = new StringBuilder();
        if (frame is not null)
        {
            body.Append($" data-product=\"{E(frame.Product)}\" data-site-id=\"{E(frame.Site.Id)}\" data-app-origin=\"{E(frame.AppOrigin)}\"")
                .Append($" data-api=\"/sandbox/{E(frame.Site.Id)}/api\" data-rest=\"{E(frame.Site.BasePath)}\"")
                .Append($" data-context=\"{E(JsonSerializer.Serialize(frame.Context, JsonSerializerOptions.Web))}\"");
            foreach (var (name, value) in frame.Data ?? new Dictionary<string, string>())
            {
                body.Append(" data-").Append(name).Append("=\"").Append(E(value)).Append('"');
            }
        }

        var product = frame?.Product switch { "confluence" => "Confluence", "jira" => "Jira", _ => "HostSim" };
        return Results.Content($"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{E(title)} - {product} (HostSim sandbox)</title>
              <link rel="stylesheet" href="/_sim/host.css">
            {string.Join('\n', (frame?.Scripts ?? ["/_sim/host.js"]).Select(src => $"  <script src=\"{E(src)}\" defer></script>"))}
            </head>
            <body class="product-{E(frame?.Product ?? "none")}"{body}>
              <header class="topbar">
                <a class="brand" href="/sandbox">{product}</a>
                <span class="hint">HostSim sandbox{(frame is null ? string.Empty : " &middot; site " + E(frame.Site.Id) + " &middot; " + E(frame.Mode))}</span>
                <span class="user">{(frame is null ? string.Empty : "Sandbox User (site admin)")}</span>
              </header>
              <main>
            {main}
              </main>
            </body>
            </html>
            """, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>What the page shows when the app did not serve its descriptor (not running, wrong HostSim:AppBaseUrl).</summary>
    public static IResult AppUnreachable(HttpContext http, string appBaseUrl, Exception error)
    {
        return Page(http, "App unreachable", $"""
                <h1>The app did not answer</h1>
                <p>HostSim fetches the app's descriptor from <code>{E(appBaseUrl)}</code> to render its modules, and that failed: {E(error.Message)}</p>
                <p>Start the app there (or set <code>HostSim:AppBaseUrl</code>) and reload.</p>
            """, status: 502);
    }
}
