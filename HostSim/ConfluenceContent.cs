namespace Diagrams.HostSim;

/// <summary>
/// Confluence Cloud v1 <c>GET /wiki/rest/api/content/{id}?expand=operations</c>: the page, and with the operations
/// expansion what the caller may do with it (<c>read</c>, and <c>update</c> when the page's restrictions let them edit),
/// as Confluence answers for the current user. The viewer's full view reads it to decide whether to offer Edit.
/// </summary>
public static class ConfluenceContent
{
    public static IEndpointRouteBuilder MapConfluenceContent(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/sites/{id}/wiki/rest/api/content/{pageId}", (string id, string pageId, HttpContext http, SimState state) =>
            HostCall.Verified(state, id, http, site => Task.FromResult(Content(state, site, pageId, http.Request))));
        return routes;
    }

    private static IResult Content(SimState state, SimSite site, string pageId, HttpRequest request)
    {
        // The app itself (its JWT) reads as the app; a signed-in user (a page's AP.request or requestConfluence) as that user.
        var accountId = SandboxSessions.Find(state, site, request)?.AccountId;
        if (site.Product != "confluence" || !site.Pages.TryGetValue(pageId, out var page) || !page.Visible
            || (accountId is not null && !page.Restrictions.MayView(site, accountId)))
        {
            return HostCall.Error(site, 404, $"No content with id {pageId} found.");
        }

        var content = new Dictionary<string, object>
        {
            ["id"] = pageId,
            ["type"] = "page",
            ["status"] = page.Status,
            ["title"] = page.Title,
            ["version"] = new { number = page.Version },
        };
        var expand = request.Query["expand"].ToString().Split(',', StringSplitOptions.TrimEntries);
        if (expand.Contains("operations"))
        {
            var operations = new List<object> { new { operation = "read", targetType = "page" } };
            if (accountId is null || page.Restrictions.MayEdit(site, accountId))
            {
                operations.Add(new { operation = "update", targetType = "page" });
            }

            content["operations"] = operations;
        }

        return Results.Ok(content);
    }
}
