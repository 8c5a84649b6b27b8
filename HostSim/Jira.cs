using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Diagrams.HostSim;

/// <summary>
/// Jira Cloud v3 attachments (no versions: one file per attachment) and issue properties, as documented.
/// Routes sit under the site base URL <c>/sites/{id}</c>. Every call passes <see cref="HostCall.Verified"/> first.
/// </summary>
public static class Jira
{
    public const int MaxPropertyLength = 32_768;
    private const string Api = "/sites/{id}/rest/api/3";

    public static IEndpointRouteBuilder MapJira(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Api + "/issue/{issueKey}/attachments", (string id, string issueKey, HttpContext http, SimState state) =>
            HostCall.Verified(state, id, http, site => AddAsync(site, issueKey, http.Request)));
        routes.MapGet(Api + "/attachment/{attId}", (string id, string attId, HttpContext http, SimState state) =>
            HostCall.Verified(state, id, http, site => Task.FromResult(WithAttachment(site, attId, a => Results.Ok(Metadata(site, a))))));
        routes.MapGet(Api + "/attachment/content/{attId}", (string id, string attId, HttpContext http, SimState state) =>
            HostCall.Verified(state, id, http, site => Task.FromResult(WithAttachment(site, attId, a =>
                http.Request.Query["redirect"].ToString().Equals("false", StringComparison.OrdinalIgnoreCase)
                    ? Results.Bytes(a.Latest.Content, a.Latest.MediaType)
                    : HostCall.Redirect(303, Media.RedirectUrl(state, site, http.Request, a, a.Latest))))));
        routes.MapDelete(Api + "/attachment/{attId}", (string id, string attId, HttpContext http, SimState state) =>
            HostCall.Verified(state, id, http, site => Task.FromResult(WithAttachment(site, attId, a =>
            {
                lock (site.Sync)
                {
                    site.Attachments.Remove(a);
                }

                return Results.NoContent();
            }))));

        // GET /rest/api/3/issue/{key}?fields=attachment: the issue with its attachments' metadata.
        routes.MapGet(Api + "/issue/{issueKey}", (string id, string issueKey, HttpContext http, SimState state) =>
            HostCall.Verified(state, id, http, site =>
            {
                if (IssueProblem(site, issueKey) is { } problem)
                {
                    return Task.FromResult(problem);
                }

                List<object> attachments;
                lock (site.Sync)
                {
                    attachments = site.Attachments.Where(a => a.Product == "jira" && a.Container == issueKey).Select(a => Metadata(site, a)).ToList();
                }

                return Task.FromResult(Results.Ok(new { id = IssueId(issueKey), key = issueKey, fields = new { attachment = attachments } }));
            }));

        // GET /rest/api/3/issue/{key}/properties: the issue's property keys, {keys:[{self, key}]}.
        routes.MapGet(Api + "/issue/{issueKey}/properties", (string id, string issueKey, HttpContext http, SimState state) =>
            HostCall.Verified(state, id, http, site => Task.FromResult(IssueProblem(site, issueKey) ?? Results.Ok(new
            {
                keys = site.IssueProperties.Keys.Where(k => k.Item1 == issueKey).Select(k => k.Item2).Order(StringComparer.Ordinal)
                    .Select(key => new { self = $"{site.BaseUrl.TrimEnd('/')}/rest/api/3/issue/{issueKey}/properties/{Uri.EscapeDataString(key)}", key })
                    .ToArray(),
            }))));

        var properties = Api + "/issue/{issueKey}/properties/{propertyKey}";
        routes.MapPut(properties, (string id, string issueKey, string propertyKey, HttpContext http, SimState state) =>
            HostCall.Verified(state, id, http, site => PutPropertyAsync(site, issueKey, propertyKey, http.Request)));
        routes.MapGet(properties, (string id, string issueKey, string propertyKey, HttpContext http, SimState state) =>
            HostCall.Verified(state, id, http, site => Task.FromResult(
                IssueProblem(site, issueKey) ?? (site.IssueProperties.TryGetValue((issueKey, propertyKey), out var raw)
                    ? Results.Ok(new { key = propertyKey, value = JsonNode.Parse(raw) })
                    : HostCall.Error(site, 404, $"The property with key '{propertyKey}' does not exist.")))));
        routes.MapDelete(properties, (string id, string issueKey, string propertyKey, HttpContext http, SimState state) =>
            HostCall.Verified(state, id, http, site => Task.FromResult(
                IssueProblem(site, issueKey) ?? (site.IssueProperties.TryRemove((issueKey, propertyKey), out _)
                    ? Results.NoContent()
                    : HostCall.Error(site, 404, $"The property with key '{propertyKey}' does not exist.")))));
        return routes;
    }

    /// <summary>The numeric id of an issue (stable within one HostSim process).</summary>
    public static string IssueId(string issueKey) => "1" + Math.Abs(issueKey.GetHashCode(StringComparison.Ordinal) % 100000);

    /// <summary>The v3 attachment metadata shape (no issue key: Jira's shape has none).</summary>
    public static object Metadata(SimSite site, SimAttachment attachment) => new
    {
        self = $"{site.BaseUrl}/rest/api/3/attachment/{attachment.Id}",
        id = attachment.Id,
        filename = attachment.Name,
        created = attachment.Latest.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture) + "+0000",
        size = attachment.Latest.Content.Length,
        mimeType = attachment.Latest.MediaType,
        content = $"{site.BaseUrl}/rest/api/3/attachment/content/{attachment.Id}",
    };

    private static async Task<IResult> AddAsync(SimSite site, string issueKey, HttpRequest request)
    {
        if (Uploads.CheckXsrf(request) is { } xsrf)
        {
            return xsrf;
        }

        if (IssueProblem(site, issueKey, forAttachments: true) is { } problem)
        {
            return problem;
        }

        var (upload, error) = await Uploads.ReadAsync(site, request);
        if (upload is null)
        {
            return error!;
        }

        var added = new List<object>();
        lock (site.Sync)
        {
            foreach (var file in upload.Files)
            {
                var attachment = new SimAttachment { Id = (++site.LastAttachmentNumber).ToString(CultureInfo.InvariantCulture), Product = "jira", Container = issueKey, Name = file.Name };
                attachment.Versions.Add(new SimVersion(1, file.Content, file.MediaType, null, false));
                site.Attachments.Add(attachment);
                added.Add(Metadata(site, attachment));
            }
        }

        return Results.Ok(added);
    }

    private static IResult WithAttachment(SimSite site, string attId, Func<SimAttachment, IResult> handle)
    {
        var attachment = site.Product == "jira" ? site.FindAttachment(attId) : null;
        if (attachment is null || attachment.Product != "jira")
        {
            return HostCall.Error(site, 404, $"The attachment with id '{attId}' does not exist.");
        }

        return IssueProblem(site, attachment.Container, forAttachments: true, what: $"The attachment with id '{attId}' does not exist.") ?? handle(attachment);
    }

    private static async Task<IResult> PutPropertyAsync(SimSite site, string issueKey, string propertyKey, HttpRequest request)
    {
        if (IssueProblem(site, issueKey) is { } problem)
        {
            return problem;
        }

        if (propertyKey.Length > 255)
        {
            return HostCall.Error(site, 400, "The property key can't be longer than 255 characters.");
        }

        if (!(request.ContentType ?? string.Empty).StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return HostCall.Error(site, 415, "Unsupported Media Type: the value must be sent as application/json.");
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var raw = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (raw.Length > MaxPropertyLength)
        {
            return HostCall.Error(site, 400, $"The property value can't be longer than {MaxPropertyLength} characters.");
        }

        try
        {
            using var _ = JsonDocument.Parse(raw);
        }
        catch (JsonException)
        {
            return HostCall.Error(site, 400, "The property value is not valid JSON.");
        }

        var created = true;
        site.IssueProperties.AddOrUpdate((issueKey, propertyKey), raw, (_, _) =>
        {
            created = false;
            return raw;
        });
        return created ? Results.StatusCode(201) : Results.Ok();
    }

    /// <summary>404 when the issue is missing or invisible (or the site is not Jira); 403 when attachments are disabled on it.</summary>
    private static IResult? IssueProblem(SimSite site, string issueKey, bool forAttachments = false, string? what = null)
    {
        if (site.Product != "jira" || !site.Issues.TryGetValue(issueKey, out var issue) || !issue.Visible)
        {
            return HostCall.Error(site, 404, what ?? "Issue does not exist or you do not have permission to see it.");
        }

        return forAttachments && !issue.AttachmentsEnabled ? HostCall.Error(site, 403, "Attachments are disabled.") : null;
    }
}
