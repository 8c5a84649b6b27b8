using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Diagrams.HostSim;

/// <summary>
/// The sandbox in Forge mode: the same Confluence page, Jira issue and admin pages as <see cref="SandboxPages"/>, under
/// <c>/sandbox/{siteId}/forge/…</c>, framing the app's Custom UI resources from the CDN origin (<see cref="ForgeCdn"/>) instead
/// of the app's Connect URLs. Each frame carries the context <c>view.getContext()</c> answers; <c>/_sim/forge-host.js</c>
/// answers the frames' bridge calls. The frames' test ids are the Connect pages' own, so one browser flow drives both modes.
/// </summary>
public static class ForgePages
{
    /// <summary>The host side of the Forge bridge, in load order (forge-host.js uses the other two).</summary>
    private static readonly string[] Scripts = ["/_sim/forge-product.js", "/_sim/forge-page.js", "/_sim/forge-host.js"];

    public static string PageUrl(string siteId, string pageId) => $"/sandbox/{siteId}/forge/confluence/pages/{Uri.EscapeDataString(pageId)}";

    public static string IssueUrl(string siteId, string issueKey) => $"/sandbox/{siteId}/forge/jira/issues/{Uri.EscapeDataString(issueKey)}";

    public static string AdminUrl(string siteId, string product) => $"/sandbox/{siteId}/forge/{product}/admin";

    public static IEndpointRouteBuilder MapForgeSandbox(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/sandbox/{siteId}/forge/confluence/pages/{pageId}", (string siteId, string pageId, HttpContext http, SimState state, SimOptions options) =>
            Render(http, state, options, siteId, "confluence", (site, accountId) => site.Pages.TryGetValue(pageId, out var page) ? ConfluencePage(http, options, site, accountId, pageId, page) : null));
        routes.MapGet("/sandbox/{siteId}/forge/jira/issues/{issueKey}", (string siteId, string issueKey, HttpContext http, SimState state, SimOptions options) =>
            Render(http, state, options, siteId, "jira", (site, accountId) => site.Issues.TryGetValue(issueKey, out var issue) ? IssuePage(http, options, site, accountId, issueKey, issue) : null));
        routes.MapGet("/sandbox/{siteId}/forge/{product:regex(^(confluence|jira)$)}/admin", (string siteId, string product, HttpContext http, SimState state, SimOptions options) =>
            Render(http, state, options, siteId, product, (site, accountId) => AdminPage(http, options, site, accountId)));
        return routes;
    }

    private static (string Title, string Main, Dictionary<string, string> Data) ConfluencePage(HttpContext http, SimOptions options, SimSite site, string accountId, string pageId, SimPage page)
    {
        SimMacro[] macros;
        int version;
        lock (page.Sync)
        {
            macros = [.. page.Macros];
            version = page.Version;
        }

        var frames = new StringBuilder();
        for (var i = 0; i < macros.Length; i++)
        {
            var context = ForgeContext.Full(site, accountId, ForgeModules.Macro, macros[i].MacroId, ForgeContext.Macro(pageId, macros[i].Params, configuring: false));
            frames.Append("      <div class=\"macro\">").Append(Frame(http, options, site, $"macro-frame-{i}", "macro", ForgeModules.Macro, "Secure Diagram", context,
                new Dictionary<string, string> { ["macro-id"] = macros[i].MacroId })).Append("</div>\n");
        }

        var main = SandboxHtml.ConfluencePage(page.Title, page.Body, version, frames.ToString());
        return (page.Title, main, new Dictionary<string, string> { ["page-id"] = pageId });
    }

    private static (string Title, string Main, Dictionary<string, string> Data) IssuePage(HttpContext http, SimOptions options, SimSite site, string accountId, string issueKey, SimIssue issue)
    {
        var context = ForgeContext.Full(site, accountId, ForgeModules.IssuePanel, $"{ForgeModules.IssuePanel.Key}-{issueKey}", ForgeContext.IssuePanel(issueKey));
        var main = $"""
                <nav class="crumbs">Projects / Sandbox / <span data-testid="issue-key">{SandboxHtml.E(issueKey)}</span></nav>
                <div class="issue">
                  <article>
                    <h1 data-testid="issue-summary">{SandboxHtml.E(issue.Summary)}</h1>
                    <h2>Diagrams</h2>
                    {Frame(http, options, site, "issue-panel-frame", "panel", ForgeModules.IssuePanel, "Diagrams", context)}
                  </article>
                  <aside class="details"><h3>Details</h3><p>Status: To Do</p><p>Assignee: Sandbox User</p></aside>
                </div>
            """;
        return ($"[{issueKey}] {issue.Summary}", main, new Dictionary<string, string> { ["issue-key"] = issueKey });
    }

    private static (string Title, string Main, Dictionary<string, string> Data) AdminPage(HttpContext http, SimOptions options, SimSite site, string accountId)
    {
        var module = ForgeModules.Admin(site.Product);
        var context = ForgeContext.Full(site, accountId, module, $"{module.Key}-{site.Id}", ForgeContext.Admin(site.Product));
        var main = $"""
                <nav class="crumbs">Settings / Apps / Manage apps</nav>
                <h1>Secure Diagrams settings</h1>
                {Frame(http, options, site, "admin-frame", "admin", module, "Secure Diagrams settings", context)}
            """;
        return ("Secure Diagrams settings", main, new Dictionary<string, string> { ["page-kind"] = "admin" });
    }

    private static string Frame(HttpContext http, SimOptions options, SimSite site, string testId, string kind, ForgeModule module, string title, JsonObject context,
        Dictionary<string, string>? data = null)
    {
        var attributes = new Dictionary<string, string>(data ?? [], StringComparer.Ordinal) { ["forge-context"] = context.ToJsonString() };
        if (module.AutoResize)
        {
            attributes["auto-resize"] = "true";
        }

        return SandboxHtml.Iframe(testId, kind, ForgeCdn.ResourceUrl(http.Request, options, site, module.Resource), title, attributes);
    }

    private static IResult Render(HttpContext http, SimState state, SimOptions options, string siteId, string product,
        Func<SimSite, string, (string Title, string Main, Dictionary<string, string> Data)?> render)
    {
        if (!state.Sites.TryGetValue(siteId, out var site) || site.Product != product || !SandboxSessions.Ensure(state, site, http))
        {
            return SandboxHtml.Page(http, "Not found", $"    <h1>Not found</h1>\n    <p>No sandbox {SandboxHtml.E(product)} site '{SandboxHtml.E(siteId)}'. See <a href=\"/sandbox\">the sandbox index</a>.</p>", status: 404);
        }

        if (render(site, site.SandboxUser!) is not { } page)
        {
            return SandboxHtml.Page(http, "Not found", "    <h1>Not found</h1>\n    <p>No such page or issue on this site.</p>", status: 404);
        }

        var resources = ForgeModules.Resources.ToDictionary(r => r, r => ForgeCdn.ResourceUrl(http.Request, options, site, r), StringComparer.Ordinal);
        var data = new Dictionary<string, string>(page.Data, StringComparer.Ordinal)
        {
            ["site-root"] = "/sites/" + site.Id,
            ["forge-resources"] = JsonSerializer.Serialize(resources),
            ["forge-urls"] = JsonSerializer.Serialize(new
            {
                page = ForgePages.PageUrl(site.Id, string.Empty),
                issue = ForgePages.IssueUrl(site.Id, string.Empty),
                admin = ForgePages.AdminUrl(site.Id, site.Product),
            }),
        };
        var mediaOrigin = new Uri(Media.MediaBase(site, http.Request)).GetLeftPart(UriPartial.Authority);
        var notice = site.Forge.InstalledStatus is null or 200 ? string.Empty : $"""
                <p class="notice" data-testid="forge-not-installed">The app answered {site.Forge.InstalledStatus} to this site's Forge installation, so its Forge calls
                will be refused: configure the app's <code>Forge:AppId</code> ({SandboxHtml.E(options.ForgeAppId)}), <code>Forge:JwksUrl</code> (this HostSim's
                <code>/forge/jwks.json</code>) and <code>Forge:ApiHosts</code>, then create a new sandbox.</p>

            """;
        return SandboxHtml.Page(http, page.Title, notice + page.Main,
            new SandboxHtml.Frame(product, site, ForgeCdn.Origin(http.Request, options), mediaOrigin, new { }, data, Scripts, "Forge"));
    }
}
