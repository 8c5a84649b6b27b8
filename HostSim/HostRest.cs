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

        // Jira: POST /rest/api/3/permissions/check
        routes.MapPost("/sites/{id}/rest/api/3/permissions/check", (string id, HttpRequest request, SimState state) =>
            HostCall.Verified(state, id, request.HttpContext, async site =>
            {
                using var body = await JsonDocument.ParseAsync(request.Body);
                var accountId = body.RootElement.TryGetProperty("accountId", out var a) ? a.GetString() : null;
                var asked = body.RootElement.TryGetProperty("globalPermissions", out var g) ? g.EnumerateArray().Select(p => p.GetString()).ToList() : [];
                var granted = accountId is not null && site.Admins.ContainsKey(accountId) ? asked.Where(p => p == "ADMINISTER").ToList() : [];
                return Results.Ok(new { globalPermissions = granted, projectPermissions = Array.Empty<object>() });
            }));
        routes.MapConfluence();
        routes.MapJira();
        routes.MapMedia();
        return routes;
    }
}
