namespace Diagrams.HostSim;

/// <param name="Viewers">Restricts viewing to these accountIds (an empty list: nobody; omitted: unchanged). <c>Editors</c> likewise for editing.</param>
public sealed record PageSpec(string? Status = null, bool? Visible = null, bool? AttachmentsEnabled = null, string[]? Viewers = null, string[]? Editors = null, bool? ClearRestrictions = null);

/// <param name="Viewers">Restricts browsing to these accountIds; <c>Editors</c> restricts editing and adding attachments.</param>
public sealed record IssueSpec(bool? Visible = null, bool? AttachmentsEnabled = null, string[]? Viewers = null, string[]? Editors = null, bool? ClearRestrictions = null);

/// <summary>Plants a raw issue property value, as any user who may edit the issue can (for tests of what the app trusts).</summary>
public sealed record PropertySpec(System.Text.Json.JsonElement Value);

public sealed record MediaBaseSpec(string? Url = null);

public sealed record LimitsSpec(long? MaxAttachmentBytes = null);

/// <summary>
/// Control plane for content: pages and issues, limits, the media base, inspection of stored attachments and media
/// requests, and (test-only) the site's shared secret. No JWT: these are for tests and demos, never for the app.
/// </summary>
public static class ContentControl
{
    public static RouteGroupBuilder MapContentControl(this RouteGroupBuilder sim)
    {
        // Creates the page with defaults (current, visible, attachments on); on update, omitted fields keep their value.
        sim.MapPut("/sites/{id}/pages/{pageId}", (string id, string pageId, PageSpec spec, SimState state) => WithSite(state, id, site =>
        {
            if (spec.Status is not (null or "current" or "draft"))
            {
                return Results.Problem(statusCode: 400, detail: "status must be 'current' or 'draft'.");
            }

            var page = site.Pages.GetOrAdd(pageId, _ => new SimPage());
            page.Status = spec.Status ?? page.Status;
            page.Visible = spec.Visible ?? page.Visible;
            page.AttachmentsEnabled = spec.AttachmentsEnabled ?? page.AttachmentsEnabled;
            page.Restrictions = Restrict(page.Restrictions, spec.Viewers, spec.Editors, spec.ClearRestrictions);
            return Results.Ok(new { pageId, page.Status, page.Visible, page.AttachmentsEnabled });
        }));
        sim.MapPut("/sites/{id}/issues/{issueKey}", (string id, string issueKey, IssueSpec spec, SimState state) => WithSite(state, id, site =>
        {
            var issue = site.Issues.GetOrAdd(issueKey, _ => new SimIssue());
            issue.Visible = spec.Visible ?? issue.Visible;
            issue.AttachmentsEnabled = spec.AttachmentsEnabled ?? issue.AttachmentsEnabled;
            issue.Restrictions = Restrict(issue.Restrictions, spec.Viewers, spec.Editors, spec.ClearRestrictions);
            return Results.Ok(new { issueKey, issue.Visible, issue.AttachmentsEnabled });
        }));
        sim.MapPut("/sites/{id}/issues/{issueKey}/properties/{propertyKey}", (string id, string issueKey, string propertyKey, PropertySpec spec, SimState state) => WithSite(state, id, site =>
        {
            site.IssueProperties[(issueKey, propertyKey)] = spec.Value.GetRawText();
            return Results.NoContent();
        }));
        sim.MapGet("/sites/{id}/issues/{issueKey}/properties", (string id, string issueKey, SimState state) => WithSite(state, id, site =>
            Results.Ok(site.IssueProperties.Where(p => p.Key.Issue == issueKey)
                .ToDictionary(p => p.Key.Key, p => System.Text.Json.Nodes.JsonNode.Parse(p.Value), StringComparer.Ordinal))));
        sim.MapPut("/sites/{id}/media-base", (string id, MediaBaseSpec spec, SimState state) => WithSite(state, id, site =>
        {
            if (spec.Url is not null && !Uri.TryCreate(spec.Url, UriKind.Absolute, out _))
            {
                return Results.Problem(statusCode: 400, detail: "url must be absolute (or null for the default).");
            }

            site.MediaBase = spec.Url;
            return Results.NoContent();
        }));
        sim.MapPut("/sites/{id}/limits", (string id, LimitsSpec spec, SimState state) => WithSite(state, id, site =>
        {
            if (spec.MaxAttachmentBytes is < 0)
            {
                return Results.Problem(statusCode: 400, detail: "maxAttachmentBytes must not be negative.");
            }

            site.MaxAttachmentBytes = spec.MaxAttachmentBytes ?? 100L * 1024 * 1024;
            return Results.NoContent();
        }));

        // TEST-ONLY: the site's shared secret, so tests can sign app -> host requests exactly as the app does.
        // A real host never reveals it; the app must never call this.
        sim.MapGet("/sites/{id}/secret", (string id, SimState state) => WithSite(state, id, site =>
            Results.Ok(new { sharedSecret = site.SharedSecret, appKey = site.AppKey, clientKey = site.ClientKey, baseUrl = site.BaseUrl })));

        sim.MapGet("/sites/{id}/attachments", (string id, SimState state) => WithSite(state, id, site =>
        {
            lock (site.Sync)
            {
                return Results.Ok(site.Attachments.Select(a => new
                {
                    id = a.Id,
                    product = a.Product,
                    container = a.Container,
                    pageId = a.Product == "confluence" ? a.Container : null,
                    issueKey = a.Product == "jira" ? a.Container : null,
                    name = a.Name,
                    versions = a.Versions.Select(v => new
                    {
                        number = v.Number,
                        size = v.Content.Length,
                        mediaType = v.MediaType,
                        sha256 = v.Sha256,
                        comment = v.Comment,
                        minorEdit = v.MinorEdit,
                        created = v.Created,
                    }).ToArray(),
                }).ToArray());
            }
        }));
        sim.MapGet("/sites/{id}/attachments/{attId}/versions/{n:int}/content", (string id, string attId, int n, SimState state) => WithSite(state, id, site =>
        {
            var attachment = site.FindAttachment(attId);
            SimVersion? version;
            lock (site.Sync)
            {
                version = attachment?.Version(n);
            }

            return version is null ? Results.NotFound() : Results.Bytes(version.Content, version.MediaType);
        }));
        sim.MapGet("/media-requests", (SimState state) => Results.Ok(state.MediaRequests.ToArray()));
        return sim;
    }

    private static Restrictions Restrict(Restrictions current, string[]? viewers, string[]? editors, bool? clear) => clear == true
        ? new Restrictions(null, null)
        : new Restrictions(viewers?.ToHashSet(StringComparer.Ordinal) ?? current.Viewers, editors?.ToHashSet(StringComparer.Ordinal) ?? current.Editors);

    private static IResult WithSite(SimState state, string id, Func<SimSite, IResult> action) =>
        state.Sites.TryGetValue(id, out var site) ? action(site) : Results.NotFound();
}
