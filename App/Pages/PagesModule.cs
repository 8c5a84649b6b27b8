using System.Text.Encodings.Web;
using Diagrams.App.Connect;
using Diagrams.App.Tenants;

namespace Diagrams.App.Pages;

/// <summary>
/// The iframe pages the descriptor points at. Each verifies its full-qsh JWT (route group) and renders.
/// The editor and viewer themselves arrive with the editor issue; until then each page says so plainly.
/// </summary>
public static class PagesModule
{
    private const string AllJs = "https://connect-cdn.atl-paas.net/all.js";

    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder routes)
    {
        var pages = routes.MapGroup(string.Empty).RequireConnectJwt(ConnectAuthKind.HostRequest).WithMetadata(new IframePage());
        pages.MapGet("/confluence/macro/view", (HttpRequest r, CurrentTenant t) => Page(t, "Diagram", Describe(r, "diagramName", "revision", "pageId")));
        pages.MapGet("/confluence/macro/editor", (HttpRequest r, CurrentTenant t) => Page(t, "Diagram editor", Describe(r, "pageId", "macroId")));
        pages.MapGet("/confluence/macro/render", (HttpRequest r, CurrentTenant t) => Page(t, "Diagram (static render)", Describe(r, "diagramName", "revision", "outputType")));
        pages.MapGet("/confluence/admin/configure", (CurrentTenant t) => Page(t, "Secure Diagrams settings", "Settings are read and written through /api/settings."));
        pages.MapGet("/jira/admin/configure", (CurrentTenant t) => Page(t, "Secure Diagrams settings", "Settings are read and written through /api/settings."));
        pages.MapGet("/jira/issue/panel", (HttpRequest r, CurrentTenant t) => Page(t, "Diagrams", Describe(r, "issueKey")));
        pages.MapGet("/jira/editor", (CurrentTenant t) => Page(t, "Diagram editor", "Jira diagram editor."));
        routes.MapGet("/static/icon.svg", () => Results.Text(Icon, "image/svg+xml")).AllowAnonymous();
        return routes;
    }

    private static string Describe(HttpRequest request, params string[] names) =>
        string.Join(", ", names.Select(n => $"{n}: {(request.Query[n] is { Count: 1 } v && v[0]!.Length <= 255 ? v[0] : "(none)")}"));

    private static IResult Page(CurrentTenant current, string title, string detail)
    {
        var html = HtmlEncoder.Default;
        return Results.Content($"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{html.Encode(title)}</title>
              <script src="{AllJs}" async></script>
            </head>
            <body data-product="{html.Encode(current.Tenant.ProductType)}">
              <main>
                <h1>{html.Encode(title)}</h1>
                <p>{html.Encode(detail)}</p>
                <p>The diagram editor is not part of this release yet.</p>
              </main>
            </body>
            </html>
            """, "text/html; charset=utf-8");
    }

    private const string Icon = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect x="1" y="1" width="6" height="5" fill="#0052cc"/><rect x="9" y="10" width="6" height="5" fill="#0052cc"/><path d="M4 6v6h5" stroke="#172b4d" fill="none"/></svg>""";
}

/// <summary>Marks a route as a page rendered inside a host iframe (CSP frame-ancestors).</summary>
public sealed record IframePage;
