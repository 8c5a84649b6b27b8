using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Diagrams.App.Connect;
using Diagrams.App.Tenants;

namespace Diagrams.App.Attachments;

/// <summary>One diagram on an issue, as kept in the issue property (names and ids only, no content).</summary>
public sealed record JiraDiagram(string Name, string AttachmentId, string? PreviewId, int Version, DateTime UpdatedUtc);

/// <summary>
/// Diagrams as Jira issue attachments (REFERENCE §5). Jira has no attachment versions: a save uploads the
/// new file, records it in the issue property, then deletes the old file, so the metadata never points at
/// a deleted attachment and an interrupted save loses nothing.
/// </summary>
public sealed partial class JiraAttachments(HostClient host, ILogger<JiraAttachments> logger)
{
    public const string PropertyKey = "secure-diagrams";
    private const string Product = "Jira";
    private const int MaxPropertyChars = 32_768;

    public async Task<SavedDiagram> SaveAsync(TenantSnapshot tenant, string issueKey, string name, DiagramUpload upload, CancellationToken ct)
    {
        var diagrams = await ReadIndexAsync(tenant, issueKey, ct);
        var old = diagrams.FirstOrDefault(d => d.Name == name);
        var others = diagrams.Where(d => d.Name != name).ToList();
        // Refuse before uploading anything when the index could not take the new entry (ids at their longest).
        IndexJson(issueKey, [.. others, new JiraDiagram(name, new string('9', 20), upload.Preview is null ? null : new string('9', 20), int.MaxValue, DateTime.MaxValue)]);
        var indexed = diagrams.SelectMany(d => new[] { d.AttachmentId, d.PreviewId }).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var diagramId = await UploadAsync(tenant, issueKey, name, DiagramUpload.MxfileType, upload.Diagram, indexed, ct);
        var previewId = upload.Preview is null ? null
            : await UploadAsync(tenant, issueKey, name + upload.PreviewExtension, upload.PreviewType!, upload.Preview, indexed, ct);
        JiraDiagram? saved = null;
        var (replaced, final) = await UpdateIndexAsync(tenant, issueKey,
            current =>
            {
                var previous = current.FirstOrDefault(d => d.Name == name);
                saved = new JiraDiagram(name, diagramId, previewId, (previous?.Version ?? old?.Version ?? 0) + 1, DateTime.UtcNow);
                return (previous, [.. current.Where(d => d.Name != name), saved]);
            },
            index => index.Any(d => d.Name == name && d.AttachmentId == diagramId),
            ct);
        if (replaced is not null)
        {
            await DeleteFilesAsync(tenant, replaced, final, ct);
        }

        return new SavedDiagram(name, saved!.Version, diagramId);
    }

    public Task<List<JiraDiagram>> ListAsync(TenantSnapshot tenant, string issueKey, CancellationToken ct) => ReadIndexAsync(tenant, issueKey, ct);

    public async Task<HttpResponseMessage> OpenAsync(TenantSnapshot tenant, string issueKey, string name, CancellationToken ct)
    {
        var diagram = (await ReadIndexAsync(tenant, issueKey, ct)).FirstOrDefault(d => d.Name == name)
            ?? throw new HostCallException(404, "Not found", $"Issue {issueKey} has no diagram named '{name}'.");
        var response = await Guard(() => host.GetFollowingRedirectsAsync(tenant, $"/rest/api/3/attachment/content/{diagram.AttachmentId}?redirect=false", ct), ct);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw HostCallException.FromResponse(response, Product, $"the attachment of '{name}'");
            }
        }

        return response;
    }

    public async Task<bool> DeleteAsync(TenantSnapshot tenant, string issueKey, string name, CancellationToken ct)
    {
        var (removed, final) = await UpdateIndexAsync(tenant, issueKey,
            current => (current.FirstOrDefault(d => d.Name == name), current.Where(d => d.Name != name).ToList()),
            index => index.All(d => d.Name != name),
            ct);
        if (removed is null)
        {
            return false;
        }

        await DeleteFilesAsync(tenant, removed, final, ct);
        return true;
    }

    /// <summary>
    /// Read → change → write → read back, until the read-back shows the change (at most four rounds). Jira's issue
    /// properties have no version check, so two saves of different diagrams at the same moment could each write a
    /// list without the other's entry; reading back and re-applying the change on what is there now means neither
    /// entry is lost. Answers the entry the change replaced (from the round that stuck) and the index as read back.
    /// </summary>
    private async Task<(JiraDiagram? Replaced, List<JiraDiagram> Final)> UpdateIndexAsync(TenantSnapshot tenant, string issueKey,
        Func<List<JiraDiagram>, (JiraDiagram? Replaced, List<JiraDiagram> Next)> change, Func<List<JiraDiagram>, bool> applied, CancellationToken ct)
    {
        for (var round = 1; ; round++)
        {
            var (replaced, next) = change(await ReadIndexAsync(tenant, issueKey, ct));
            await WriteIndexAsync(tenant, issueKey, next, ct);
            var final = await ReadIndexAsync(tenant, issueKey, ct);
            if (applied(final))
            {
                return (replaced, final);
            }

            if (round == 4)
            {
                throw new HostCallException(409, "Conflicting saves", $"The diagram list of issue {issueKey} kept changing under this save; try again.");
            }

            LogIndexRaced(logger, round);
        }
    }

    /// <summary>
    /// Uploads one file. After an ambiguous failure it looks on the issue for an attachment of that name and
    /// size that no diagram references yet and holds exactly these bytes, before sending anything again.
    /// </summary>
    private async Task<string> UploadAsync(TenantSnapshot tenant, string issueKey, string fileName, string mediaType, byte[] content, HashSet<string> indexed, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await host.SendAsync(tenant, HttpMethod.Post, $"/rest/api/3/issue/{issueKey}/attachments",
                    ConfluenceAttachments.Multipart(fileName, mediaType, content), ct);
                if (!response.IsSuccessStatusCode)
                {
                    throw HostCallException.FromResponse(response, Product, $"issue {issueKey}");
                }

                using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), default, ct);
                return body.RootElement[0].GetProperty("id").GetString()!;
            }
            catch (Exception ex) when (HostCallException.IsAmbiguous(ex, ct))
            {
                foreach (var candidate in (await IssueAttachmentsAsync(tenant, issueKey, ct))
                    .Where(a => !indexed.Contains(a.Id) && a.Filename == fileName && a.Size == content.Length))
                {
                    using var stored = await Guard(() => host.GetFollowingRedirectsAsync(tenant, $"/rest/api/3/attachment/content/{candidate.Id}?redirect=false", ct), ct);
                    if (stored.IsSuccessStatusCode && await HostCallException.ContentEqualsAsync(stored, content, ct))
                    {
                        return candidate.Id;
                    }
                }

                if (attempt == 2)
                {
                    throw HostCallException.FromTransport(ex, Product);
                }
            }
            catch (Exception ex) when (HostCallException.IsTransport(ex))
            {
                throw HostCallException.FromTransport(ex, Product);
            }
        }
    }

    private async Task<List<IssueAttachment>> IssueAttachmentsAsync(TenantSnapshot tenant, string issueKey, CancellationToken ct)
    {
        using var response = await Guard(() => host.SendAsync(tenant, HttpMethod.Get, $"/rest/api/3/issue/{issueKey}?fields=attachment", null, ct), ct);
        if (!response.IsSuccessStatusCode)
        {
            throw HostCallException.FromResponse(response, Product, $"issue {issueKey}");
        }

        var issue = await response.Content.ReadFromJsonAsync<IssueWithAttachments>(JsonSerializerOptions.Web, ct);
        return issue?.Fields?.Attachment ?? [];
    }

    private async Task<List<JiraDiagram>> ReadIndexAsync(TenantSnapshot tenant, string issueKey, CancellationToken ct)
    {
        using var response = await Guard(() => host.SendAsync(tenant, HttpMethod.Get, $"/rest/api/3/issue/{issueKey}/properties/{PropertyKey}", null, ct), ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            // Either no diagrams yet or no such issue: tell them apart by the issue itself.
            await IssueAttachmentsAsync(tenant, issueKey, ct);
            return [];
        }

        if (!response.IsSuccessStatusCode)
        {
            throw HostCallException.FromResponse(response, Product, $"issue {issueKey}");
        }

        var property = await response.Content.ReadFromJsonAsync<IndexProperty>(JsonSerializerOptions.Web, ct);
        return property?.Value?.Diagrams ?? [];
    }

    private async Task WriteIndexAsync(TenantSnapshot tenant, string issueKey, List<JiraDiagram> diagrams, CancellationToken ct)
    {
        var json = IndexJson(issueKey, diagrams);
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await Guard(() => host.SendAsync(tenant, HttpMethod.Put, $"/rest/api/3/issue/{issueKey}/properties/{PropertyKey}", content, ct), ct);
        if (!response.IsSuccessStatusCode)
        {
            throw HostCallException.FromResponse(response, Product, $"issue {issueKey}");
        }
    }

    private static string IndexJson(string issueKey, List<JiraDiagram> diagrams)
    {
        var json = JsonSerializer.Serialize(new DiagramIndex(diagrams), JsonSerializerOptions.Web);
        return json.Length <= MaxPropertyChars ? json
            : throw new HostCallException(422, "Too many diagrams", $"Issue {issueKey} holds too many diagrams for its index (Jira allows {MaxPropertyChars} characters); delete some first.");
    }

    /// <summary>Best effort: a file left behind is an orphan on the issue, never a lost diagram. Files the index still names are kept.</summary>
    private async Task DeleteFilesAsync(TenantSnapshot tenant, JiraDiagram diagram, List<JiraDiagram> index, CancellationToken ct)
    {
        var referenced = index.SelectMany(d => new[] { d.AttachmentId, d.PreviewId }).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var id in new[] { diagram.AttachmentId, diagram.PreviewId }.OfType<string>().Where(id => !referenced.Contains(id)))
        {
            try
            {
                using var response = await host.SendAsync(tenant, HttpMethod.Delete, $"/rest/api/3/attachment/{id}", null, ct);
                if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
                {
                    LogDeleteFailed(logger, (int)response.StatusCode);
                }
            }
            catch (Exception ex) when (HostCallException.IsTransport(ex))
            {
                LogDeleteFailed(logger, 0);
            }
        }
    }

    private static Task<HttpResponseMessage> Guard(Func<Task<HttpResponseMessage>> call, CancellationToken ct) => HostCallException.GuardAsync(Product, call, ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "The Jira diagram index changed under a save (round {Round}); applying the change again.")]
    private static partial void LogIndexRaced(ILogger logger, int round);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete a replaced Jira attachment (HTTP {StatusCode}); it stays on the issue.")]
    private static partial void LogDeleteFailed(ILogger logger, int statusCode);

    private sealed record DiagramIndex(List<JiraDiagram> Diagrams);

    private sealed record IndexProperty(string? Key, DiagramIndex? Value);

    private sealed record IssueWithAttachments(IssueFields? Fields);

    private sealed record IssueFields(List<IssueAttachment>? Attachment);

    private sealed record IssueAttachment(string Id, string Filename, long Size);
}
