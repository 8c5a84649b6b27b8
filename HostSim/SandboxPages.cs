using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Diagrams.HostSim;

/// <summary>
/// The sandbox: pages that look like a Confluence page, a Jira issue and the two admin pages, hosting the app's
/// modules in iframes signed for the sandbox user (URLs from the app's own descriptors). <c>/_sim/host.js</c> runs the
/// host side of the AP bridge (<c>/_sim/all.js</c> inside the frames); <see cref="SandboxApi"/> serves it.
/// </summary>
public static class SandboxPages
{
    public static IEndpointRouteBuilder MapSandbox(this IEndpointRouteBuilder routes)
    {
        routes.MapSandboxAssets();
        routes.MapSandboxApi();
        routes.MapForgeSandbox();
        routes.MapGet("/sandbox", Index);
        routes.MapGet("/sandbox/{siteId}/confluence/pages/{pageId}", (string siteId, string pageId, HttpContext http, SimState state, AppDescriptors descriptors, SimOptions options) =>
            Render(http, state, siteId, "confluence", options, async site =>
            {
                if (!site.Pages.TryGetValue(pageId, out var page))
                {
                    return null;
                }

                var descriptor = await descriptors.GetAsync("confluence", http.RequestAborted);
                var macro = AppDescriptors.Macro(descriptor);
                var frames = new StringBuilder();
                SimMacro[] macros;
                int version;
                lock (page.Sync)
                {
                    macros = [.. page.Macros];
                    version = page.Version;
                }

                for (var i = 0; i < macros.Length; i++)
                {
                    var url = AppDescriptors.IframeUrl(descriptor, AppDescriptors.Text(macro["url"])!, SandboxContext.MacroVariables(pageId, version, macros[i]), site, site.SandboxUser!);
                    frames.Append("      <div class=\"macro\">").Append(SandboxHtml.Iframe($"macro-frame-{i}", "macro", url, AppDescriptors.Text(macro["name"]) ?? "Macro",
                        new Dictionary<string, string> { ["macro-id"] = macros[i].MacroId, ["params"] = JsonSerializer.Serialize(macros[i].Params) })).Append("</div>\n");
                }

                var main = SandboxHtml.ConfluencePage(page.Title, page.Body, version, frames.ToString());
                return (page.Title, main, SandboxContext.Confluence(pageId, version), new Dictionary<string, string> { ["page-id"] = pageId }, descriptor);
            }));
        routes.MapGet("/sandbox/{siteId}/jira/issues/{issueKey}", (string siteId, string issueKey, HttpContext http, SimState state, AppDescriptors descriptors, SimOptions options) =>
            Render(http, state, siteId, "jira", options, async site =>
            {
                if (!site.Issues.TryGetValue(issueKey, out var issue))
                {
                    return null;
                }

                var descriptor = await descriptors.GetAsync("jira", http.RequestAborted);
                var panel = AppDescriptors.Modules(descriptor, "jira")["jiraIssueContents"]?.AsArray().OfType<JsonObject>().FirstOrDefault()
                    ?? throw new InvalidOperationException("The Jira descriptor has no jiraIssueContents.");
                var url = AppDescriptors.IframeUrl(descriptor, AppDescriptors.Text(panel["target"]?["url"])!, SandboxContext.IssueVariables(issueKey), site, site.SandboxUser!);
                var main = $"""
                        <nav class="crumbs">Projects / Sandbox / <span data-testid="issue-key">{SandboxHtml.E(issueKey)}</span></nav>
                        <div class="issue">
                          <article>
                            <h1 data-testid="issue-summary">{SandboxHtml.E(issue.Summary)}</h1>
                            <h2>{SandboxHtml.E(AppDescriptors.Text(panel["name"]) ?? "Content")}</h2>
                            {SandboxHtml.Iframe("issue-panel-frame", "panel", url, AppDescriptors.Text(panel["name"]) ?? "Issue content")}
                          </article>
                          <aside class="details"><h3>Details</h3><p>Status: To Do</p><p>Assignee: Sandbox User</p></aside>
                        </div>
                    """;
                return ($"[{issueKey}] {issue.Summary}", main, SandboxContext.Jira(issueKey), new Dictionary<string, string> { ["issue-key"] = issueKey }, descriptor);
            }));
        routes.MapGet("/sandbox/{siteId}/{product:regex(^(confluence|jira)$)}/admin", (string siteId, string product, HttpContext http, SimState state, AppDescriptors descriptors, SimOptions options) =>
            Render(http, state, siteId, product, options, async site =>
            {
                var descriptor = await descriptors.GetAsync(product, http.RequestAborted);
                var configure = AppDescriptors.Modules(descriptor, product)["configurePage"] as JsonObject
                    ?? throw new InvalidOperationException($"The {product} descriptor has no configurePage.");
                var name = AppDescriptors.Text(configure["name"]) ?? "App settings";
                var url = AppDescriptors.IframeUrl(descriptor, AppDescriptors.Text(configure["url"])!, new Dictionary<string, string?>(), site, site.SandboxUser!);
                var main = $"""
                        <nav class="crumbs">Settings / Apps / Manage apps</nav>
                        <h1>{SandboxHtml.E(name)}</h1>
                        {SandboxHtml.Iframe("admin-frame", "admin", url, name)}
                    """;
                return (name, main, product == "jira" ? SandboxContext.JiraAdmin() : SandboxContext.ConfluenceAdmin(), null, descriptor);
            }));
        return routes;
    }

    private static IResult Index(HttpContext http, SimState state)
    {
        var sites = state.Sites.Values.Where(s => s.SandboxUser is not null).OrderBy(s => int.TryParse(s.Id[1..], out var n) ? n : 0).ToList();
        var list = new StringBuilder();
        foreach (var site in sites)
        {
            var name = site.Product == "confluence" ? "Confluence" : "Jira";
            var connect = Links(site, $"/sandbox/{site.Id}/confluence/pages/", $"/sandbox/{site.Id}/jira/issues/", $"/sandbox/{site.Id}/{site.Product}/admin");
            var forge = Links(site, ForgePages.PageUrl(site.Id, string.Empty), ForgePages.IssueUrl(site.Id, string.Empty), ForgePages.AdminUrl(site.Id, site.Product));
            list.Append($"""
                    <section class="site" data-site-id="{SandboxHtml.E(site.Id)}">
                      <h2>{name} site {SandboxHtml.E(site.Id)}</h2>
                      <h3>Connect (the app's iframes, AP)</h3>
                      <ul>{connect}</ul>
                      <h3>Forge (the Custom UI resources, @forge/bridge)</h3>
                      <ul>{forge}</ul>
                    </section>
                """);
        }

        var main = sites.Count == 0
            ? "    <h1>HostSim sandbox</h1>\n    <p>No sandbox yet. Create one with <code>POST /_sim/sandbox</code> (the Sandbox launcher does this on start).</p>"
            : "    <h1>HostSim sandbox</h1>\n    <p>Pages of simulated Confluence and Jira sites with the app installed. You are the sandbox user, a site admin.</p>\n" + list;
        return SandboxHtml.Page(http, "Sandbox", main);
    }

    private static string Links(SimSite site, string pagePrefix, string issuePrefix, string adminUrl)
    {
        var links = site.Product == "confluence"
            ? string.Join(string.Empty, site.Pages.Select(p => $"<li><a href=\"{pagePrefix}{Uri.EscapeDataString(p.Key)}\">{SandboxHtml.E(p.Value.Title)}</a></li>"))
            : string.Join(string.Empty, site.Issues.Select(i => $"<li><a href=\"{issuePrefix}{Uri.EscapeDataString(i.Key)}\">{SandboxHtml.E(i.Key)}: {SandboxHtml.E(i.Value.Summary)}</a></li>"));
        return links + $"<li><a href=\"{adminUrl}\">{(site.Product == "confluence" ? "Confluence" : "Jira")} app settings (admin)</a></li>";
    }

    private static async Task<IResult> Render(HttpContext http, SimState state, string siteId, string product, SimOptions options,
        Func<SimSite, Task<(string Title, string Main, object Context, Dictionary<string, string>? Data, JsonObject Descriptor)?>> render)
    {
        if (!state.Sites.TryGetValue(siteId, out var site) || site.Product != product || !SandboxSessions.Ensure(state, site, http))
        {
            return SandboxHtml.Page(http, "Not found", $"    <h1>Not found</h1>\n    <p>No sandbox {SandboxHtml.E(product)} site '{SandboxHtml.E(siteId)}'. See <a href=\"/sandbox\">the sandbox index</a>.</p>", status: 404);
        }

        (string Title, string Main, object Context, Dictionary<string, string>? Data, JsonObject Descriptor)? page;
        try
        {
            page = await render(site);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException)
        {
            return SandboxHtml.AppUnreachable(http, options.AppBaseUrl, ex);
        }

        if (page is not { } p)
        {
            return SandboxHtml.Page(http, "Not found", "    <h1>Not found</h1>\n    <p>No such page or issue on this site.</p>", status: 404);
        }

        var mediaOrigin = new Uri(Media.MediaBase(site, http.Request)).GetLeftPart(UriPartial.Authority);
        return SandboxHtml.Page(http, p.Title, p.Main, new SandboxHtml.Frame(product, site, AppDescriptors.AppOrigin(p.Descriptor), mediaOrigin, p.Context, p.Data));
    }
}
