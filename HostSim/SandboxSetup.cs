using System.Security.Cryptography;

namespace Diagrams.HostSim;

/// <summary>What <c>POST /_sim/sandbox</c> created: one Confluence and one Jira site, their content, the user, the page URLs.</summary>
public sealed record SandboxCreated(string AccountId, string IndexUrl, SandboxConfluence Confluence, SandboxJira Jira);

public sealed record SandboxConfluence(string SiteId, string ClientKey, string BaseUrl, int InstallStatus, string PageId, string PageUrl, string AdminUrl);

public sealed record SandboxJira(string SiteId, string ClientKey, string BaseUrl, int InstallStatus, string IssueKey, string IssueUrl, string AdminUrl);

/// <summary>
/// <c>POST /_sim/sandbox</c>: a Confluence site and a Jira site, each installed into the app through the real signed
/// lifecycle, a page "Sandbox page" and an issue "SBX-1", and a sandbox user who is a site admin on both. Every call
/// makes a new sandbox (tests stay independent); the index page lists them all. 502 when the app refused an install.
/// </summary>
public static class SandboxSetup
{
    public const string PageId = "98305";
    public const string IssueKey = "SBX-1";

    public static RouteGroupBuilder MapSandboxSetup(this RouteGroupBuilder sim)
    {
        sim.MapPost("/sandbox", async (HttpRequest http, SimState state, Lifecycle lifecycle, CancellationToken ct) =>
        {
            var accountId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
            var (wiki, wikiStatus, wikiBody) = await Control.CreateSiteAsync(new CreateSite("confluence", Admins: [accountId]), http, state, lifecycle, ct, site =>
            {
                site.SandboxUser = accountId;
                site.Pages[PageId] = new SimPage
                {
                    Title = "Sandbox page",
                    Body = "A page of the HostSim sandbox. Press Edit, then Insert diagram to add a diagram; Publish shows it.",
                };
            });
            var (jira, jiraStatus, jiraBody) = await Control.CreateSiteAsync(new CreateSite("jira", Admins: [accountId]), http, state, lifecycle, ct, site =>
            {
                site.SandboxUser = accountId;
                site.Issues[IssueKey] = new SimIssue { Summary = "Sandbox issue: draw the architecture" };
            });
            if (wikiStatus != 204 || jiraStatus != 204)
            {
                return Results.Problem(statusCode: 502, title: "The app refused the install",
                    detail: $"Confluence install answered {wikiStatus}: {wikiBody}; Jira install answered {jiraStatus}: {jiraBody}. Is the app running at the HostSim:AppBaseUrl and does it trust this host (Connect:AllowedHosts, Connect:AllowHttp, Connect:InstallKeysUrl)?");
            }

            var origin = $"{http.Scheme}://{http.Host}";
            return Results.Ok(new SandboxCreated(accountId, origin + "/sandbox",
                new SandboxConfluence(wiki.Id, wiki.ClientKey, wiki.BaseUrl, wikiStatus, PageId,
                    $"{origin}/sandbox/{wiki.Id}/confluence/pages/{PageId}", $"{origin}/sandbox/{wiki.Id}/confluence/admin"),
                new SandboxJira(jira.Id, jira.ClientKey, jira.BaseUrl, jiraStatus, IssueKey,
                    $"{origin}/sandbox/{jira.Id}/jira/issues/{IssueKey}", $"{origin}/sandbox/{jira.Id}/jira/admin")));
        });
        return sim;
    }
}
