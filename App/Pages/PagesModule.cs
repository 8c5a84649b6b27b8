using System.Text.Encodings.Web;
using System.Text.Json;
using Diagrams.App.Attachments;
using Diagrams.App.Hosting;
using Diagrams.App.Platform.Connect;
using Diagrams.App.Platform.Tenants;
using Microsoft.Extensions.Options;

namespace Diagrams.App.Pages;

/// <summary>
/// The iframe pages the descriptor points at. Each verifies its full-qsh JWT (route group), then serves a small
/// HTML shell: Connect's all.js, our bundle for that page (built from web/src/app by esbuild) and the page's
/// parameters, validated, in <c>data-params</c>. The diagram itself never passes through this server: the browser
/// reads and writes it as attachments with AP.request, as the user. The static render (PDF/export of a Confluence
/// page) is an &lt;img&gt; of the preview attachment on the site, rendered here without fetching it.
/// </summary>
public static class PagesModule
{
    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder routes)
    {
        var pages = routes.MapGroup(string.Empty).RequireConnectJwt(ConnectAuthKind.HostRequest).WithMetadata(new IframePage());
        pages.MapGet("/confluence/macro/view", (HttpRequest r, CurrentTenant t, IOptions<ConnectOptions> o) =>
            Shell(o, t, "viewer", "Diagram", r, "pageId", "pageVersion", "macroId", "diagramName", "revision"));
        pages.MapGet("/confluence/macro/editor", (HttpRequest r, CurrentTenant t, IOptions<ConnectOptions> o) =>
            Shell(o, t, "macro-editor", "Diagram editor", r, "pageId", "pageVersion", "macroId"));
        // The viewer's "Full screen": the descriptor's full-size dialog (an app iframe may not use the Fullscreen API);
        // what it shows comes from the viewer through the dialog's custom data, checked by the page.
        pages.MapGet("/confluence/macro/full-view", (HttpRequest r, CurrentTenant t, IOptions<ConnectOptions> o) => Shell(o, t, "full-view", "Diagram", r));
        pages.MapGet("/confluence/macro/render", StaticRender);
        pages.MapGet("/confluence/admin/configure", (HttpRequest r, CurrentTenant t, IOptions<ConnectOptions> o) => Shell(o, t, "admin", "Secure Diagrams settings", r));
        pages.MapGet("/jira/admin/configure", (HttpRequest r, CurrentTenant t, IOptions<ConnectOptions> o) => Shell(o, t, "admin", "Secure Diagrams settings", r));
        pages.MapGet("/jira/issue/panel", (HttpRequest r, CurrentTenant t, IOptions<ConnectOptions> o) => Shell(o, t, "jira-panel", "Diagrams", r, "issueKey", "issueId"));
        pages.MapGet("/jira/editor", (HttpRequest r, CurrentTenant t, IOptions<ConnectOptions> o) => Shell(o, t, "jira-editor", "Diagram editor", r));
        routes.MapGet("/static/icon.svg", () => Results.Text(Icon, "image/svg+xml")).AllowAnonymous();
        routes.MapGet("/static/app/{file}", (string file, HttpContext http) => WebAssets.Serve(file, http)).AllowAnonymous();
        routes.MapGet("/static/app/stencils/{file}", (string file, HttpContext http) => WebAssets.Serve($"stencils/{file}", http)).AllowAnonymous();
        routes.MapGet("/static/app/icons/{file}", (string file, HttpContext http) => WebAssets.Serve($"icons/{file}", http)).AllowAnonymous();
        return routes;
    }

    /// <summary>Query parameters a page accepts, each checked before it reaches the page.</summary>
    private static string? Check(string name, string value) => name switch
    {
        "diagramName" => value.Length == 0 ? null : DiagramName.Problem(value),
        "revision" or "pageVersion" => value.Length == 0 || (value.Length <= 9 && value.All(char.IsAsciiDigit)) ? null : $"{name} must be a whole number.",
        "pageId" or "issueId" => value.Length <= 32 && value.All(char.IsAsciiDigit) ? null : $"{name} must be a numeric id.",
        "issueKey" => value.Length <= 64 && System.Text.RegularExpressions.Regex.IsMatch(value, "^[A-Z][A-Z0-9_]*-[0-9]+$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)) ? null : "issueKey must look like ABC-123.",
        _ => value.Length <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? null : $"{name} has characters it may not have.",
    };

    private static IResult Shell(IOptions<ConnectOptions> connect, CurrentTenant current, string entry, string title, HttpRequest request, params string[] names)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var value = request.Query[name] is { Count: 1 } v ? v[0] ?? string.Empty : string.Empty;
            if (Check(name, value) is { } problem)
            {
                return Results.Problem(statusCode: 400, title: "Bad page parameter", detail: problem);
            }

            parameters[name] = value;
        }

        var html = HtmlEncoder.Default;
        var json = JsonSerializer.Serialize(parameters);
        var style = WebAssets.Exists($"{entry}.css") ? $"""<link rel="stylesheet" href="/static/app/{entry}.css?v={WebAssets.Version}">""" : string.Empty;
        return Results.Content($"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{html.Encode(title)}</title>
              {style}
              <script src="{html.Encode(connect.Value.AllJsUrl)}"></script>
              <script type="module" src="/static/app/{entry}.js?v={WebAssets.Version}"></script>
            </head>
            <body data-page="{entry}" data-product="{html.Encode(current.Tenant.ProductType)}" data-params="{html.Encode(json)}">
              <main id="app" aria-busy="true"><p class="loading">Loading…</p></main>
            </body>
            </html>
            """, "text/html; charset=utf-8");
    }

    /// <summary>
    /// Confluence's static render (PDF export, e-mail): an &lt;img&gt; of the {name}.png preview attachment at the version
    /// saved with the macro (<c>previewRevision</c>),
    /// loaded by whoever renders the page straight from the site; this server never sees the diagram or the image.
    /// </summary>
    private static IResult StaticRender(HttpContext http, CurrentTenant current)
    {
        var name = http.Request.Query["diagramName"].ToString();
        var pageId = http.Request.Query["pageId"].ToString();
        if (Check("pageId", pageId) is { } badPage || DiagramName.Problem(name) is { } badName && (badPage = badName) is not null)
        {
            return Results.Problem(statusCode: 400, title: "Bad page parameter", detail: badPage);
        }

        var previewRevision = http.Request.Query["previewRevision"].ToString();
        if (Check("revision", previewRevision) is { } badRevision)
        {
            return Results.Problem(statusCode: 400, title: "Bad page parameter", detail: badRevision.Replace("revision", "previewRevision", StringComparison.Ordinal));
        }

        // The preview version saved with this macro, so a page version shows the diagram it was saved with; without one
        // (a macro saved before previews were versioned with it) the latest preview.
        var site = current.Tenant.BaseUrl.ToString().TrimEnd('/');
        var source = $"{site}/download/attachments/{Uri.EscapeDataString(pageId)}/{Uri.EscapeDataString(name + ".png")}"
            + (previewRevision.Length > 0 ? $"?version={previewRevision}" : string.Empty);
        http.Items[SecurityHeaders.ImageSourceItem] = current.Tenant.BaseUrl.GetLeftPart(UriPartial.Authority);
        var html = HtmlEncoder.Default;
        return Results.Content($"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>{html.Encode(name)}</title></head>
            <body style="margin:0"><img src="{html.Encode(source)}" alt="{html.Encode(name)}" style="max-width:100%"></body>
            </html>
            """, "text/html; charset=utf-8");
    }

    private const string Icon = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect x="1" y="1" width="6" height="5" fill="#0052cc"/><rect x="9" y="10" width="6" height="5" fill="#0052cc"/><path d="M4 6v6h5" stroke="#172b4d" fill="none"/></svg>""";
}

/// <summary>Marks a route as a page rendered inside a host iframe (CSP frame-ancestors).</summary>
public sealed record IframePage;
