using System.Security.Cryptography;

namespace Diagrams.HostSim;

/// <summary>What <c>POST /_sim/sandbox</c> created: one Confluence and one Jira site, their content, the user, the page URLs of both modes.</summary>
public sealed record SandboxCreated(string AccountId, string IndexUrl, SandboxConfluence Confluence, SandboxJira Jira);

/// <param name="ForgeInstallStatus">What the app answered Forge's installed event (200 when it took the Forge installation).</param>
public sealed record SandboxConfluence(string SiteId, string ClientKey, string BaseUrl, int InstallStatus, string PageId, string PageUrl, string AdminUrl,
    int ForgeInstallStatus, string ForgePageUrl, string ForgeAdminUrl);

public sealed record SandboxJira(string SiteId, string ClientKey, string BaseUrl, int InstallStatus, string IssueKey, string IssueUrl, string AdminUrl,
    int ForgeInstallStatus, string ForgeIssueUrl, string ForgeAdminUrl);

/// <summary>
/// <c>POST /_sim/sandbox</c>: a Confluence site and a Jira site, each installed into the app through the real signed
/// lifecycle and as a Forge installation (Forge's installed event to App's <c>/forge</c>; the Connect install names that
/// installation, so both modes share the site's tenant and settings), a page "Sandbox page" and an issue "SBX-1", and a
/// sandbox user who is a site admin on both. Every call makes a new sandbox (tests stay independent); the index page lists
/// them all. 502 when the app refused a Connect install; a refused Forge install is reported in <c>ForgeInstallStatus</c>
/// (an app without <c>Forge:*</c> configuration still gets a working Connect sandbox).
/// </summary>
public static class SandboxSetup
{
    public const string PageId = "98305";
    public const string IssueKey = "SBX-1";

    public static RouteGroupBuilder MapSandboxSetup(this RouteGroupBuilder sim)
    {
        sim.MapPost("/sandbox", async (HttpRequest http, SimState state, Lifecycle lifecycle, SimOptions options, IHttpClientFactory httpFactory, CancellationToken ct) =>
        {
            var accountId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
            var (wiki, wikiStatus, wikiBody) = await Control.CreateSiteAsync(new CreateSite("confluence", Admins: [accountId], LinkForge: true), http, state, lifecycle, ct, site =>
            {
                site.SandboxUser = accountId;
                site.Pages[PageId] = new SimPage
                {
                    Title = "Sandbox page",
                    Body = "A page of the HostSim sandbox. Press Edit, then Insert diagram to add a diagram; Publish shows it.",
                };
            });
            var (jira, jiraStatus, jiraBody) = await Control.CreateSiteAsync(new CreateSite("jira", Admins: [accountId], LinkForge: true), http, state, lifecycle, ct, site =>
            {
                site.SandboxUser = accountId;
                site.Issues[IssueKey] = new SimIssue { Summary = "Sandbox issue: draw the architecture" };
            });
            if (wikiStatus != 204 || jiraStatus != 204)
            {
                return Results.Problem(statusCode: 502, title: "The app refused the install",
                    detail: $"Confluence install answered {wikiStatus}: {wikiBody}; Jira install answered {jiraStatus}: {jiraBody}. Is the app running at the HostSim:AppBaseUrl and does it trust this host (Connect:AllowedHosts, Connect:AllowHttp, Connect:InstallKeysUrl)?");
            }

            var wikiForge = (await ForgeSim.SendEventAsync(wiki, "installed", http, state, options, httpFactory, ct))[^1];
            var jiraForge = (await ForgeSim.SendEventAsync(jira, "installed", http, state, options, httpFactory, ct))[^1];
            (wiki.Forge.InstalledStatus, jira.Forge.InstalledStatus) = (wikiForge, jiraForge);
            var origin = $"{http.Scheme}://{http.Host}";
            return Results.Ok(new SandboxCreated(accountId, origin + "/sandbox",
                new SandboxConfluence(wiki.Id, wiki.ClientKey, wiki.BaseUrl, wikiStatus, PageId,
                    $"{origin}/sandbox/{wiki.Id}/confluence/pages/{PageId}", $"{origin}/sandbox/{wiki.Id}/confluence/admin",
                    wikiForge, origin + ForgePages.PageUrl(wiki.Id, PageId), origin + ForgePages.AdminUrl(wiki.Id, "confluence")),
                new SandboxJira(jira.Id, jira.ClientKey, jira.BaseUrl, jiraStatus, IssueKey,
                    $"{origin}/sandbox/{jira.Id}/jira/issues/{IssueKey}", $"{origin}/sandbox/{jira.Id}/jira/admin",
                    jiraForge, origin + ForgePages.IssueUrl(jira.Id, IssueKey), origin + ForgePages.AdminUrl(jira.Id, "jira"))));
        });
        return sim;
    }
}
