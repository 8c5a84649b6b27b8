using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Diagrams.App.Platform.Connect;
using Diagrams.App.Platform.HostCalls;
using Diagrams.App.Platform.Tenants;

namespace Diagrams.App.Attachments;

/// <summary>One diagram on an issue, as kept in the issue property (names and ids only, no content).</summary>
public sealed record JiraDiagram(string Name, string AttachmentId, string? PreviewId, int Version, DateTime UpdatedUtc);

/// <summary>
/// Diagrams as Jira issue attachments (REFERENCE §5). Jira has no attachment versions: a save uploads the
/// new file, records it in the diagram's issue property, then deletes the old file, so the metadata never points at
/// a deleted attachment and an interrupted save loses nothing. Each diagram has its own property
/// (<c>secure-diagram.{hash of the name}</c>): issue properties have no version check, so one shared index would lose
/// an entry when two people save different diagrams at once; separate properties never collide.
/// </summary>
public sealed partial class JiraAttachments(HostClient host, ILogger<JiraAttachments> logger)
{
    /// <summary>Every diagram property's key starts with this; the rest is a hash of the diagram's name.</summary>
    public const string PropertyPrefix = "secure-diagram.";
    private const string Product = "Jira";
    private const int MaxDiagramsPerIssue = 200;

    public static string PropertyKey(string name) =>
        PropertyPrefix + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..32];

    public async Task<SavedDiagram> SaveAsync(TenantSnapshot tenant, string issueKey, string name, DiagramUpload upload, CancellationToken ct)
    {
        var keys = await PropertyKeysAsync(tenant, issueKey, ct);
        var key = PropertyKey(name);
        var old = keys.Contains(key) ? await ReadDiagramAsync(tenant, issueKey, key, ct) : null;
        if (old is null && keys.Count >= MaxDiagramsPerIssue)
        {
            throw new HostCallException(422, "Too many diagrams", $"Issue {issueKey} already holds {MaxDiagramsPerIssue} diagrams; delete some first.");
        }

        var diagramId = await UploadAsync(tenant, issueKey, name, DiagramUpload.MxfileType, upload.Diagram, ct);
        var previewId = upload.Preview is null ? null
            : await UploadAsync(tenant, issueKey, name + upload.PreviewExtension, upload.PreviewType!, upload.Preview, ct);
        var saved = new JiraDiagram(name, diagramId, previewId, (old?.Version ?? 0) + 1, DateTime.UtcNow);
        await WriteDiagramAsync(tenant, issueKey, key, saved, ct);
        if ((await ReadDiagramAsync(tenant, issueKey, key, ct))?.AttachmentId != diagramId)
        {
            // Someone saved this same diagram at the same moment and their write landed last: theirs stands.
            await DeleteFilesAsync(tenant, issueKey, saved, ct);
            throw new HostCallException(409, "Saved by someone else at the same time", $"Another save of '{name}' on {issueKey} landed at the same moment; reload to see it.");
        }

        if (old is not null)
        {
            await DeleteFilesAsync(tenant, issueKey, old, ct);
        }

        return new SavedDiagram(name, saved.Version, diagramId);
    }

    public async Task<List<JiraDiagram>> ListAsync(TenantSnapshot tenant, string issueKey, CancellationToken ct)
    {
        var keys = await PropertyKeysAsync(tenant, issueKey, ct);
        var diagrams = new List<JiraDiagram>();
        foreach (var chunk in keys.Order(StringComparer.Ordinal).Chunk(8))
        {
            diagrams.AddRange((await Task.WhenAll(chunk.Select(k => ReadDiagramAsync(tenant, issueKey, k, ct)))).OfType<JiraDiagram>());
        }

        return diagrams;
    }

    public async Task<HttpResponseMessage> OpenAsync(TenantSnapshot tenant, string issueKey, string name, CancellationToken ct)
    {
        var diagram = await FindAsync(tenant, issueKey, name, ct)
            ?? throw new HostCallException(404, "Not found", $"Issue {issueKey} has no diagram named '{name}'.");
        if (!(await IssueAttachmentsAsync(tenant, issueKey, ct)).Any(a => a.Id == diagram.AttachmentId))
        {
            throw new HostCallException(404, "Not found", $"The record of '{name}' on {issueKey} names an attachment that is not on this issue (deleted, or the record was edited); save the diagram again.");
        }

        var response = await Guard(() => host.GetFollowingRedirectsAsync(tenant, ContentPath(diagram.AttachmentId), ct), ct);
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
        var diagram = await FindAsync(tenant, issueKey, name, ct);
        if (diagram is null)
        {
            return false;
        }

        using (var response = await Guard(() => host.SendAsync(tenant, HttpMethod.Delete, RestPath.Jira("issue", issueKey, "properties", PropertyKey(name)), null, ct), ct))
        {
            if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
            {
                throw HostCallException.FromResponse(response, Product, $"issue {issueKey}");
            }
        }

        await DeleteFilesAsync(tenant, issueKey, diagram, ct);
        return true;
    }

    private async Task<JiraDiagram?> FindAsync(TenantSnapshot tenant, string issueKey, string name, CancellationToken ct)
    {
        var key = PropertyKey(name);
        return (await PropertyKeysAsync(tenant, issueKey, ct)).Contains(key) ? await ReadDiagramAsync(tenant, issueKey, key, ct) : null;
    }

    /// <summary>
    /// Uploads one file. After an ambiguous failure it looks on the issue for an attachment of that name and
    /// size that no diagram references yet and holds exactly these bytes, before sending anything again.
    /// </summary>
    private async Task<string> UploadAsync(TenantSnapshot tenant, string issueKey, string fileName, string mediaType, byte[] content, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await host.SendAsync(tenant, HttpMethod.Post, RestPath.Jira("issue", issueKey, "attachments"),
                    ConfluenceAttachments.Multipart(fileName, mediaType, content), ct);
                if (!response.IsSuccessStatusCode)
                {
                    throw HostCallException.FromResponse(response, Product, $"issue {issueKey}");
                }

                using var body = await host.ReadJsonAsync(response, ct);
                return UploadedId(body.RootElement, fileName);
            }
            catch (Exception ex) when (HostCallException.IsAmbiguous(ex, ct))
            {
                var indexed = (await ListAsync(tenant, issueKey, ct)).SelectMany(d => new[] { d.AttachmentId, d.PreviewId }).OfType<string>().ToHashSet(StringComparer.Ordinal);
                foreach (var candidate in (await IssueAttachmentsAsync(tenant, issueKey, ct))
                    .Where(a => !indexed.Contains(a.Id) && a.Filename == fileName && a.Size == content.Length))
                {
                    using var stored = await Guard(() => host.GetFollowingRedirectsAsync(tenant, ContentPath(candidate.Id), ct), ct);
                    if (stored.IsSuccessStatusCode && await Guard(() => host.ContentEqualsAsync(stored, content, ct), ct))
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

    private async Task<List<StoredFile>> IssueAttachmentsAsync(TenantSnapshot tenant, string issueKey, CancellationToken ct)
    {
        using var response = await Guard(() => host.SendAsync(tenant, HttpMethod.Get, RestPath.Jira("issue", issueKey).With(("fields", "attachment")), null, ct), ct);
        if (!response.IsSuccessStatusCode)
        {
            throw HostCallException.FromResponse(response, Product, $"issue {issueKey}");
        }

        var issue = await Guard(() => host.ReadJsonAsync<IssueWithAttachments>(response, ct), ct);
        return [.. (issue?.Fields?.Attachment ?? []).Where(a => a.Filename is not null && IsAttachmentId(a.Id)).Select(a => new StoredFile(a.Id!, a.Filename!, a.Size))];
    }

    /// <summary>The keys of the issue's diagram properties (404: no such issue, or not visible).</summary>
    private async Task<HashSet<string>> PropertyKeysAsync(TenantSnapshot tenant, string issueKey, CancellationToken ct)
    {
        using var response = await Guard(() => host.SendAsync(tenant, HttpMethod.Get, RestPath.Jira("issue", issueKey, "properties"), null, ct), ct);
        if (!response.IsSuccessStatusCode)
        {
            throw HostCallException.FromResponse(response, Product, $"issue {issueKey}");
        }

        var list = await Guard(() => host.ReadJsonAsync<PropertyKeys>(response, ct), ct);
        return (list?.Keys ?? []).Select(k => k.Key).OfType<string>().Where(k => k.StartsWith(PropertyPrefix, StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
    }

    private async Task<JiraDiagram?> ReadDiagramAsync(TenantSnapshot tenant, string issueKey, string key, CancellationToken ct)
    {
        using var response = await Guard(() => host.SendAsync(tenant, HttpMethod.Get, RestPath.Jira("issue", issueKey, "properties", key), null, ct), ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null; // deleted in the meantime
        }

        if (!response.IsSuccessStatusCode)
        {
            throw HostCallException.FromResponse(response, Product, $"issue {issueKey}");
        }

        using var answer = await Guard(() => host.ReadJsonAsync(response, ct), ct);
        var property = Record(answer.RootElement);
        // Users can write issue properties: a record is believed only if its name hashes to its key and its ids are Jira attachment ids.
        return property?.Value is { Name.Length: > 0 } diagram && PropertyKey(diagram.Name) == key
            && IsAttachmentId(diagram.AttachmentId) && (diagram.PreviewId is null || IsAttachmentId(diagram.PreviewId)) ? diagram : null;
    }

    private async Task WriteDiagramAsync(TenantSnapshot tenant, string issueKey, string key, JiraDiagram diagram, CancellationToken ct)
    {
        using var content = new StringContent(JsonSerializer.Serialize(diagram, JsonSerializerOptions.Web), System.Text.Encoding.UTF8, "application/json");
        using var response = await Guard(() => host.SendAsync(tenant, HttpMethod.Put, RestPath.Jira("issue", issueKey, "properties", key), content, ct), ct);
        if (!response.IsSuccessStatusCode)
        {
            throw HostCallException.FromResponse(response, Product, $"issue {issueKey}");
        }
    }

    /// <summary>
    /// Best effort: a file left behind is an orphan on the issue, never a lost diagram. Only attachments that are on this
    /// issue are deleted (the ids come from a property users can write).
    /// </summary>
    private async Task DeleteFilesAsync(TenantSnapshot tenant, string issueKey, JiraDiagram diagram, CancellationToken ct)
    {
        HashSet<string> onIssue;
        try
        {
            onIssue = (await IssueAttachmentsAsync(tenant, issueKey, ct)).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        }
        catch (HostCallException ex)
        {
            LogDeleteFailed(logger, ex.Status);
            return;
        }

        foreach (var id in new[] { diagram.AttachmentId, diagram.PreviewId }.OfType<string>().Where(onIssue.Contains))
        {
            try
            {
                using var response = await host.SendAsync(tenant, HttpMethod.Delete, RestPath.Jira("attachment", id), null, ct);
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

    /// <summary>Jira attachment ids are decimal numbers; anything else read from a property or an answer is not used.</summary>
    private static bool IsAttachmentId(string? id) => id is { Length: > 0 and <= 19 } && id.All(char.IsAsciiDigit);

    private static string ContentPath(string attachmentId) => RestPath.Jira("attachment", "content", attachmentId).With(("redirect", "false"));

    /// <summary>The upload answer is an array with the new attachment; anything else is the site's error, not ours.</summary>
    private static string UploadedId(JsonElement answer, string fileName) =>
        answer.ValueKind == JsonValueKind.Array && answer.GetArrayLength() == 1 && answer[0].ValueKind == JsonValueKind.Object
            && answer[0].TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && IsAttachmentId(id.GetString())
            ? id.GetString()!
            : throw new HostCallException(502, "Unexpected answer from the site", $"Jira answered the upload of '{fileName}' without one attachment with a numeric 'id'; the diagram was not recorded.");

    private static Task<T> Guard<T>(Func<Task<T>> call, CancellationToken ct) => HostCallException.GuardAsync(Product, call, ct);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete a replaced Jira attachment (HTTP {StatusCode}); it stays on the issue.")]
    private static partial void LogDeleteFailed(ILogger logger, int statusCode);

    private sealed record PropertyKeys(List<PropertyKeyItem>? Keys);

    private sealed record PropertyKeyItem(string? Key);

    private sealed record DiagramProperty(string? Key, JiraDiagram? Value);

    /// <summary>A property value that is not a diagram record (an edited or foreign value) counts as no diagram, not as the site's failure.</summary>
    private static DiagramProperty? Record(JsonElement answer)
    {
        try
        {
            return answer.Deserialize<DiagramProperty>(JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record IssueWithAttachments(IssueFields? Fields);

    private sealed record IssueFields(List<IssueAttachment>? Attachment);

    private sealed record IssueAttachment(string? Id, string? Filename, long Size);

    private sealed record StoredFile(string Id, string Filename, long Size);
}
