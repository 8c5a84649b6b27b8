using System.Text.Json;

namespace Diagrams.HostSim;

/// <summary>The Atlassian REST endpoints the app calls, answering as the documented APIs do (401 on a bad JWT).</summary>
public static class HostRest
{
    public static IEndpointRouteBuilder MapHostRest(this IEndpointRouteBuilder routes)
    {
        // Confluence: GET /wiki/rest/api/user?accountId=&expand=operations
        routes.MapGet("/sites/{id}/wiki/rest/api/user", (string id, string? accountId, HttpRequest request, SimState state) =>
            HostCall.Verified(state, id, request.HttpContext, site =>
            {
                if (accountId is null || !site.Users.ContainsKey(accountId))
                {
                    return Task.FromResult(Results.Problem(statusCode: 404, detail: "No user with this accountId."));
                }

                var operations = new List<object> { new { operation = "use", targetType = "application" } };
                if (site.Admins.ContainsKey(accountId))
                {
                    operations.Add(new { operation = "administer", targetType = "application" });
                }

                return Task.FromResult(Results.Ok(new { type = "known", accountId, accountType = "atlassian", operations }));
            }));

        // Confluence: POST /wiki/rest/api/content/{id}/permission/check {subject:{type:"user",identifier}, operation}
        routes.MapPost("/sites/{id}/wiki/rest/api/content/{pageId}/permission/check", (string id, string pageId, HttpRequest request, SimState state) =>
            HostCall.Verified(state, id, request.HttpContext, async site => ContentPermission(site, pageId, await ReadJsonAsync(request))));

        // Jira: POST /rest/api/3/permissions/check {accountId, globalPermissions, projectPermissions:[{issues, projects, permissions}]}
        routes.MapPost("/sites/{id}/rest/api/3/permissions/check", (string id, HttpRequest request, SimState state) =>
            HostCall.Verified(state, id, request.HttpContext, async site => BulkPermissions(site, await ReadJsonAsync(request))));
        routes.MapConfluence();
        routes.MapConfluenceContent();
        routes.MapJira();
        routes.MapMedia();
        return routes;
    }

    private static IResult ContentPermission(SimSite site, string pageId, JsonElement? body)
    {
        if (site.Product != "confluence" || !site.Pages.TryGetValue(pageId, out var page) || !page.Visible)
        {
            return HostCall.Error(site, 404, $"No content with id {pageId} found.");
        }

        if (body is not { ValueKind: JsonValueKind.Object } request
            || !request.TryGetProperty("subject", out var subject) || subject.ValueKind != JsonValueKind.Object
            || !subject.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "user"
            || !subject.TryGetProperty("identifier", out var who) || who.ValueKind != JsonValueKind.String
            || !request.TryGetProperty("operation", out var op) || op.GetString() is not ("read" or "update" or "delete"))
        {
            return HostCall.Error(site, 400, "Send {subject:{type:'user', identifier:accountId}, operation:'read'|'update'|'delete'}.");
        }

        var accountId = who.GetString()!;
        var allowed = op.GetString() == "read" ? page.Restrictions.MayView(site, accountId) : page.Restrictions.MayEdit(site, accountId);
        return Results.Ok(new
        {
            hasPermission = allowed,
            errors = allowed ? [] : new[] { new { translation = "User does not have permission to the content", args = Array.Empty<object>() } },
        });
    }

    private static IResult BulkPermissions(SimSite site, JsonElement? body)
    {
        if (body is not { ValueKind: JsonValueKind.Object } request)
        {
            return HostCall.Error(site, 400, "The request body must be a JSON object.");
        }

        var accountId = request.TryGetProperty("accountId", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        var asked = request.TryGetProperty("globalPermissions", out var g) && g.ValueKind == JsonValueKind.Array ? g.EnumerateArray().Select(p => p.ToString()).ToList() : [];
        var global = accountId is not null && site.Admins.ContainsKey(accountId) ? asked.Where(p => p == "ADMINISTER").ToList() : [];
        var project = new List<object>();
        foreach (var entry in request.TryGetProperty("projectPermissions", out var pp) && pp.ValueKind == JsonValueKind.Array ? pp.EnumerateArray() : default)
        {
            var issues = entry.TryGetProperty("issues", out var i) && i.ValueKind == JsonValueKind.Array ? i.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Number).Select(x => x.GetInt64()).ToList() : [];
            foreach (var permission in entry.TryGetProperty("permissions", out var p) && p.ValueKind == JsonValueKind.Array ? p.EnumerateArray().Select(x => x.ToString()) : [])
            {
                var granted = issues.Where(issueId => accountId is not null && IssueGrants(site, issueId, permission, accountId)).ToArray();
                project.Add(new { permission, issues = granted, projects = Array.Empty<long>() });
            }
        }

        return Results.Ok(new { globalPermissions = global, projectPermissions = project });
    }

    /// <summary>Browsing needs view access; editing, adding and deleting attachments need edit access. Unknown permissions are never granted.</summary>
    private static bool IssueGrants(SimSite site, long issueId, string permission, string accountId)
    {
        var issue = site.Issues.FirstOrDefault(e => Jira.IssueId(e.Key) == issueId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Value;
        return issue is { Visible: true } && permission switch
        {
            "BROWSE_PROJECTS" => issue.Restrictions.MayView(site, accountId),
            "EDIT_ISSUES" or "CREATE_ATTACHMENTS" or "DELETE_ALL_ATTACHMENTS" or "DELETE_OWN_ATTACHMENTS" => issue.Restrictions.MayEdit(site, accountId),
            _ => false,
        };
    }

    private static async Task<JsonElement?> ReadJsonAsync(HttpRequest request)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return body.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
