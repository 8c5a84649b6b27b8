namespace Diagrams.HostSim;

/// <summary>
/// Confluence Cloud v1 attachment REST, as documented: create (POST), create-or-new-version (PUT), new version by id
/// (POST .../data), list, and downloads that 302 to the media service. Routes sit under the site base URL
/// <c>/sites/{id}/wiki</c>. Every call passes <see cref="HostCall.Verified"/> first.
/// </summary>
public static class Confluence
{
    private const string Attachments = "/sites/{id}/wiki/rest/api/content/{pageId}/child/attachment";

    public static IEndpointRouteBuilder MapConfluence(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Attachments, (string id, string pageId, HttpContext http, SimState state) =>
            HostCall.Verified(state, id, http, site => UploadAsync(site, pageId, http, createOnly: true)));
        routes.MapPut(Attachments, (string id, string pageId, HttpContext http, SimState state) =>
            HostCall.Verified(state, id, http, site => UploadAsync(site, pageId, http, createOnly: false)));
        routes.MapPost(Attachments + "/{attId}/data", (string id, string pageId, string attId, HttpContext http, SimState state) =>
            HostCall.Verified(state, id, http, site => UpdateDataAsync(site, pageId, attId, http)));
        routes.MapGet(Attachments, (string id, string pageId, HttpContext http, SimState state) =>
            HostCall.Verified(state, id, http, site => Task.FromResult(List(site, pageId, http.Request))));
        routes.MapGet(Attachments + "/{attId}/download", (string id, string pageId, string attId, HttpContext http, SimState state) =>
            HostCall.Verified(state, id, http, site => Task.FromResult(Download(state, site, pageId, http.Request, a => a.Id == attId))));
        routes.MapGet("/sites/{id}/wiki/download/attachments/{pageId}/{name}", (string id, string pageId, string name, HttpContext http, SimState state) =>
            HostCall.Verified(state, id, http, site => Task.FromResult(Download(state, site, pageId, http.Request, a => a.Name == name))));
        return routes;
    }

    /// <summary>The v1 content shape of one attachment version (latest unless given).</summary>
    public static object Item(SimAttachment attachment, SimVersion? version = null)
    {
        var v = version ?? attachment.Latest;
        var extensions = new Dictionary<string, object> { ["fileSize"] = v.Content.Length, ["mediaType"] = v.MediaType };
        if (v.Comment is not null)
        {
            extensions["comment"] = v.Comment;
        }

        return new Dictionary<string, object>
        {
            ["id"] = attachment.Id,
            ["type"] = "attachment",
            ["status"] = "current",
            ["title"] = attachment.Name,
            ["version"] = new { number = v.Number, minorEdit = v.MinorEdit, when = v.Created.UtcDateTime },
            ["metadata"] = new { mediaType = v.MediaType, comment = v.Comment },
            ["extensions"] = extensions,
            ["_links"] = new { download = $"/download/attachments/{attachment.Container}/{Uri.EscapeDataString(attachment.Name)}?version={v.Number}&api=v2" },
        };
    }

    private static async Task<IResult> UploadAsync(SimSite site, string pageId, HttpContext http, bool createOnly)
    {
        var request = http.Request;
        if (site.Product != "confluence")
        {
            return Results.NotFound();
        }

        if (Uploads.CheckXsrf(request) is { } xsrf)
        {
            return xsrf;
        }

        if (PageProblem(site, pageId, request, forUpload: true) is { } problem)
        {
            return problem;
        }

        var (upload, error) = await Uploads.ReadAsync(site, request);
        if (upload is null)
        {
            return error!;
        }

        var items = new List<object>();
        lock (site.Sync)
        {
            var existing = upload.Files.Select(f => site.Attachments.Find(a => a.Product == "confluence" && a.Container == pageId && a.Name == f.Name)).ToList();
            var duplicate = upload.Files.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key
                ?? (createOnly ? existing.FirstOrDefault(e => e is not null)?.Name : null);
            if (duplicate is not null)
            {
                return HostCall.Error(site, 400, "Cannot add a new attachment with same file name as an existing attachment: " + duplicate);
            }

            for (var i = 0; i < upload.Files.Count; i++)
            {
                var file = upload.Files[i];
                var attachment = existing[i];
                if (attachment is null)
                {
                    attachment = new SimAttachment { Id = "att" + ++site.LastAttachmentNumber, Product = "confluence", Container = pageId, Name = file.Name };
                    site.Attachments.Add(attachment);
                }

                attachment.Versions.Add(new SimVersion(attachment.Versions.Count + 1, file.Content, file.MediaType, upload.Comment, upload.MinorEdit));
                items.Add(Item(attachment));
            }
        }

        return Results.Ok(new { results = items, size = items.Count });
    }

    private static async Task<IResult> UpdateDataAsync(SimSite site, string pageId, string attId, HttpContext http)
    {
        var request = http.Request;
        if (site.Product != "confluence")
        {
            return Results.NotFound();
        }

        if (Uploads.CheckXsrf(request) is { } xsrf)
        {
            return xsrf;
        }

        if (PageProblem(site, pageId, request, forUpload: true, ignoreStatus: true) is { } problem)
        {
            return problem;
        }

        var attachment = site.FindAttachment(attId);
        if (attachment is null || attachment.Product != "confluence" || attachment.Container != pageId)
        {
            return HostCall.Error(site, 404, $"No attachment with id {attId} on content {pageId}.");
        }

        var (upload, error) = await Uploads.ReadAsync(site, request);
        if (upload is null)
        {
            return error!;
        }

        var file = upload.Files[0];
        lock (site.Sync)
        {
            attachment.Versions.Add(new SimVersion(attachment.Versions.Count + 1, file.Content, file.MediaType, upload.Comment, upload.MinorEdit));
            return Results.Ok(Item(attachment));
        }
    }

    private static IResult List(SimSite site, string pageId, HttpRequest request)
    {
        if (site.Product != "confluence")
        {
            return Results.NotFound();
        }

        if (PageProblem(site, pageId, request, forUpload: false) is { } problem)
        {
            return problem;
        }

        if (!HostCall.TryParseInt(request, "start", 0, out var start) || !HostCall.TryParseInt(request, "limit", 25, out var limit))
        {
            return HostCall.Error(site, 400, "start and limit must be non-negative integers.");
        }

        limit = Math.Clamp(limit, 1, 200);
        var filename = request.Query["filename"].ToString();
        List<object> page;
        int total;
        lock (site.Sync)
        {
            var all = site.Attachments.Where(a => a.Product == "confluence" && a.Container == pageId && (filename.Length == 0 || a.Name == filename)).ToList();
            total = all.Count;
            page = [.. all.Skip(start).Take(limit).Select(a => Item(a))];
        }

        var links = new Dictionary<string, string> { ["base"] = site.BaseUrl, ["context"] = site.BasePath };
        var query = filename.Length == 0 ? string.Empty : "&filename=" + Uri.EscapeDataString(filename);
        links["self"] = $"{site.BaseUrl}/rest/api/content/{pageId}/child/attachment";
        if (start + page.Count < total)
        {
            links["next"] = $"/rest/api/content/{pageId}/child/attachment?limit={limit}&start={start + limit}{query}";
        }

        return Results.Ok(new Dictionary<string, object> { ["results"] = page, ["start"] = start, ["limit"] = limit, ["size"] = page.Count, ["_links"] = links });
    }

    private static IResult Download(SimState state, SimSite site, string pageId, HttpRequest request, Func<SimAttachment, bool> which)
    {
        if (site.Product != "confluence")
        {
            return Results.NotFound();
        }

        if (PageProblem(site, pageId, request, forUpload: false, ignoreStatus: true) is { } problem)
        {
            return problem;
        }

        if (!HostCall.TryParseInt(request, "version", 0, out var number))
        {
            return HostCall.Error(site, 400, "version must be a positive integer.");
        }

        SimAttachment? attachment;
        SimVersion? version;
        lock (site.Sync)
        {
            attachment = site.Attachments.Find(a => a.Product == "confluence" && a.Container == pageId && which(a));
            version = attachment?.Version(request.Query.ContainsKey("version") ? number : null);
        }

        return attachment is null || version is null
            ? HostCall.Error(site, 404, "No such attachment or version.")
            : Results.Redirect(Media.RedirectUrl(state, site, request, attachment, version));
    }

    /// <summary>
    /// 404 when the page is missing or invisible, or is a draft and the request's status is not "draft" (a draft is
    /// reachable only with status=draft; version-by-id and downloads take no status and ignore it); 403 for an upload
    /// to a page with attachments disabled; 400 for a status other than current/draft.
    /// </summary>
    private static IResult? PageProblem(SimSite site, string pageId, HttpRequest request, bool forUpload, bool ignoreStatus = false)
    {
        var status = request.Query["status"].ToString();
        if (!ignoreStatus && status is not ("" or "current" or "draft"))
        {
            return HostCall.Error(site, 400, "status must be 'current' or 'draft'.");
        }

        if (!site.Pages.TryGetValue(pageId, out var page) || !page.Visible || (!ignoreStatus && page.Status == "draft" && status != "draft"))
        {
            return HostCall.Error(site, 404, $"No content with id {pageId} found (status {(status.Length == 0 ? "current" : status)}).");
        }

        return forUpload && !page.AttachmentsEnabled
            ? HostCall.Error(site, 403, "Attachments are disabled on this content.")
            : null;
    }
}
