using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Diagrams.App.Platform.Connect;
using Diagrams.App.Platform.HostCalls;
using Diagrams.App.Platform.Tenants;

namespace Diagrams.App.Attachments;

/// <summary>What a diagram call does to its page or issue.</summary>
public enum DiagramAccessKind
{
    View,
    Edit,
    Delete,
}

/// <summary>
/// The app calls the site as itself, so before every server-side diagram read or write it asks the site whether the
/// token's user may do that on that page or issue (Confluence's content permission check, Jira's bulk permission
/// check). No user in the token, no access; a site that cannot answer, no access.
/// </summary>
public sealed class DiagramAccess(HostClient host)
{
    private static readonly string[] JiraView = ["BROWSE_PROJECTS"];
    private static readonly string[] JiraEdit = ["BROWSE_PROJECTS", "EDIT_ISSUES", "CREATE_ATTACHMENTS"];
    private static readonly string[] JiraDelete = ["BROWSE_PROJECTS", "EDIT_ISSUES", "DELETE_ALL_ATTACHMENTS"];

    /// <returns>null when the user may go ahead; otherwise the answer to give (401, 403, 404).</returns>
    /// <exception cref="HostCallException">The site could not answer (rate limit, outage, unexpected answer): nothing is done.</exception>
    public async Task<IResult?> RefuseAsync(CurrentTenant current, string product, string container, DiagramAccessKind kind, CancellationToken ct)
    {
        if (current.AccountId is not { Length: > 0 and <= 128 } accountId)
        {
            return Results.Problem(statusCode: 401, title: "Sign-in required",
                detail: "The token names no user (an anonymous viewer, or a token without 'sub'): the diagram API reads and writes only for a signed-in user who may see the page or issue.");
        }

        var tenant = current.Tenant;
        if ((product == ProductTypes.Confluence) != tenant.IsConfluence)
        {
            return Results.Problem(statusCode: 404, title: "Not found", detail: $"This site is {(tenant.IsConfluence ? "Confluence" : "Jira")}: use /api/diagrams/{tenant.ProductType}/….");
        }

        var (visible, allowed) = tenant.IsConfluence
            ? await ConfluenceAsync(tenant, container, accountId, kind, ct)
            : await JiraAsync(tenant, container, accountId, kind, ct);
        var what = tenant.IsConfluence ? $"Page {container}" : $"Issue {container}";
        return !visible ? Results.Problem(statusCode: 404, title: "Not found", detail: $"{what} does not exist or is not visible to you.")
            : !allowed ? Results.Problem(statusCode: 403, title: "Not permitted", detail: $"You may view {what.ToLowerInvariant()} but not {(kind == DiagramAccessKind.Delete ? "delete its diagrams" : "change its diagrams")}.")
            : null;
    }

    // POST /wiki/rest/api/content/{id}/permission/check: one operation per call ("read", "update").
    private async Task<(bool Visible, bool Allowed)> ConfluenceAsync(TenantSnapshot tenant, string pageId, string accountId, DiagramAccessKind kind, CancellationToken ct)
    {
        var visible = await ConfluenceCheckAsync(tenant, pageId, accountId, "read", ct);
        return (visible, visible && (kind == DiagramAccessKind.View || await ConfluenceCheckAsync(tenant, pageId, accountId, "update", ct)));
    }

    private async Task<bool> ConfluenceCheckAsync(TenantSnapshot tenant, string pageId, string accountId, string operation, CancellationToken ct)
    {
        var body = JsonContent.Create(new { subject = new { type = "user", identifier = accountId }, operation });
        using var response = await Call("Confluence", () => host.SendAsync(tenant, HttpMethod.Post, RestPath.Confluence("content", pageId, "permission", "check"), body, ct), ct);
        EnsureAnswered(response, "Confluence", $"page {pageId}");
        using var answer = await Call("Confluence", () => host.ReadJsonAsync(response, ct), ct);
        return answer.RootElement.ValueKind == JsonValueKind.Object && answer.RootElement.TryGetProperty("hasPermission", out var has)
            ? has.ValueKind == JsonValueKind.True
            : throw Unexpected("Confluence", "the permission check answer has no 'hasPermission'");
    }

    // POST /rest/api/3/permissions/check takes issue ids, so the key is resolved first (as the app: 404 if the app cannot see it).
    private async Task<(bool Visible, bool Allowed)> JiraAsync(TenantSnapshot tenant, string issueKey, string accountId, DiagramAccessKind kind, CancellationToken ct)
    {
        var issueId = await JiraIssueIdAsync(tenant, issueKey, ct);
        var wanted = kind switch { DiagramAccessKind.View => JiraView, DiagramAccessKind.Edit => JiraEdit, _ => JiraDelete };
        var body = JsonContent.Create(new { accountId, projectPermissions = new[] { new { issues = new[] { issueId }, permissions = wanted } } });
        using var response = await Call("Jira", () => host.SendAsync(tenant, HttpMethod.Post, RestPath.Jira("permissions", "check"), body, ct), ct);
        EnsureAnswered(response, "Jira", $"issue {issueKey}");
        using var answer = await Call("Jira", () => host.ReadJsonAsync(response, ct), ct);
        var granted = answer.RootElement.ValueKind == JsonValueKind.Object && answer.RootElement.TryGetProperty("projectPermissions", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray()
                .Where(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("permission", out var name) && name.ValueKind == JsonValueKind.String
                    && p.TryGetProperty("issues", out var issues) && issues.ValueKind == JsonValueKind.Array
                    && issues.EnumerateArray().Any(i => i.ValueKind == JsonValueKind.Number && i.TryGetInt64(out var id) && id == issueId))
                .Select(p => p.GetProperty("permission").GetString()).ToHashSet(StringComparer.Ordinal)
            : throw Unexpected("Jira", "the permission check answer has no 'projectPermissions' list");
        var visible = granted.Contains("BROWSE_PROJECTS");
        return (visible, visible && wanted.All(granted.Contains));
    }

    private async Task<long> JiraIssueIdAsync(TenantSnapshot tenant, string issueKey, CancellationToken ct)
    {
        using var response = await Call("Jira", () => host.SendAsync(tenant, HttpMethod.Get, RestPath.Jira("issue", issueKey).With(("fields", "summary")), null, ct), ct);
        EnsureAnswered(response, "Jira", $"issue {issueKey}");
        using var answer = await Call("Jira", () => host.ReadJsonAsync(response, ct), ct);
        return answer.RootElement.ValueKind == JsonValueKind.Object && answer.RootElement.TryGetProperty("id", out var id)
            && id.ValueKind == JsonValueKind.String && long.TryParse(id.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw Unexpected("Jira", "the issue's 'id' is not a number");
    }

    private static void EnsureAnswered(HttpResponseMessage response, string product, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw response.StatusCode == HttpStatusCode.NotFound
                ? new HostCallException(404, "Not found", $"{char.ToUpperInvariant(what[0])}{what[1..]} does not exist or is not visible to you.")
                : HostCallException.FromResponse(response, product, what);
        }
    }

    private static HostCallException Unexpected(string product, string problem) => new(502, "Unexpected answer from the site", $"{product}: {problem}.");

    private static Task<T> Call<T>(string product, Func<Task<T>> call, CancellationToken ct) => HostCallException.GuardAsync(product, call, ct);
}
