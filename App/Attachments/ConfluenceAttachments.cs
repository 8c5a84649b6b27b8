using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Diagrams.App.Platform.Connect;
using Diagrams.App.Platform.HostCalls;
using Diagrams.App.Platform.Tenants;

namespace Diagrams.App.Attachments;

public sealed record AttachmentInfo(string Id, string Name, int Version, long Size, string MediaType);

public sealed record SavedDiagram(string Name, int Version, string AttachmentId);

/// <summary>
/// Diagrams as Confluence page attachments (REFERENCE §4, §7): the mxfile under the diagram name plus a
/// <c>{name}.png|.svg</c> preview, each saved by the create-or-new-version PUT. Paths are relative to the
/// tenant base URL, which for Confluence already ends in <c>/wiki</c>.
/// </summary>
public sealed partial class ConfluenceAttachments(HostClient host)
{
    private const string Product = "Confluence";
    private const int PageSize = 200;
    private const int MaxPages = 10;

    public async Task<SavedDiagram> SaveAsync(TenantSnapshot tenant, string pageId, string name, string status, DiagramUpload upload, CancellationToken ct)
    {
        // The preview first: if it fails, the diagram has not changed and a retry makes no extra diagram version.
        if (upload.Preview is not null)
        {
            await SaveFileAsync(tenant, pageId, name + upload.PreviewExtension, upload.PreviewType!, upload.Preview, status, ct);
        }

        var diagram = await SaveFileAsync(tenant, pageId, name, DiagramUpload.MxfileType, upload.Diagram, status, ct);
        return new SavedDiagram(name, diagram.Version, diagram.Id);
    }

    public async Task<IReadOnlyList<AttachmentInfo>> ListAsync(TenantSnapshot tenant, string pageId, string status, CancellationToken ct)
    {
        var all = new List<AttachmentInfo>();
        for (var page = 0; page < MaxPages; page++)
        {
            var batch = await QueryAsync(tenant, pageId,
                [("status", status), ("start", (page * PageSize).ToString(CultureInfo.InvariantCulture)), ("limit", PageSize.ToString(CultureInfo.InvariantCulture))], ct);
            all.AddRange(batch.Where(a => a.MediaType == DiagramUpload.MxfileType));
            if (batch.Count < PageSize)
            {
                break;
            }
        }

        return all;
    }

    /// <summary>Opens the diagram's content at <paramref name="version"/> (latest when null); the caller disposes the response.</summary>
    public async Task<HttpResponseMessage> OpenAsync(TenantSnapshot tenant, string pageId, string name, string status, int? version, CancellationToken ct)
    {
        var attachment = await FindAsync(tenant, pageId, name, status, ct)
            ?? throw new HostCallException(404, "Not found", $"Page {pageId} has no diagram named '{name}'.");
        var path = AttachmentPath(pageId, attachment.Id, "download").With(("version", version?.ToString(CultureInfo.InvariantCulture)));
        var response = await Call(() => host.GetFollowingRedirectsAsync(tenant, path, ct), ct);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw HostCallException.FromResponse(response, Product, version is null ? $"diagram '{name}'" : $"version {version} of '{name}'");
            }
        }

        return response;
    }

    /// <summary>
    /// One create-or-new-version PUT. After an ambiguous failure (the host may have stored it) the latest
    /// version is read back and compared with what we sent before anything is sent again, so one save
    /// never makes two versions, and the happy path costs a single call.
    /// </summary>
    private async Task<AttachmentInfo> SaveFileAsync(TenantSnapshot tenant, string pageId, string fileName, string mediaType, byte[] content, string status, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await host.SendAsync(tenant, HttpMethod.Put, RestPath.Confluence("content", pageId, "child", "attachment").With(("status", status)), Multipart(fileName, mediaType, content), ct);
                if (!response.IsSuccessStatusCode)
                {
                    throw HostCallException.FromResponse(response, Product, $"page {pageId}");
                }

                using var body = await host.ReadJsonAsync(response, ct);
                var root = body.RootElement;
                var results = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("results", out var r) ? r : root;
                return Parse(results.ValueKind == JsonValueKind.Array && results.GetArrayLength() > 0 ? results[0] : results);
            }
            catch (Exception ex) when (HostCallException.IsAmbiguous(ex, ct))
            {
                if (await FindAsync(tenant, pageId, fileName, status, ct) is { } now && now.Size == content.Length
                    && await LatestEqualsAsync(tenant, pageId, now, content, ct))
                {
                    return now; // our write landed before the connection failed (or the site already held exactly these bytes)
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

    private async Task<bool> LatestEqualsAsync(TenantSnapshot tenant, string pageId, AttachmentInfo attachment, byte[] content, CancellationToken ct)
    {
        using var response = await Call(() => host.GetFollowingRedirectsAsync(tenant,
            AttachmentPath(pageId, attachment.Id, "download").With(("version", attachment.Version.ToString(CultureInfo.InvariantCulture))), ct), ct);
        return response.IsSuccessStatusCode && await Call(() => host.ContentEqualsAsync(response, content, ct), ct);
    }

    private async Task<AttachmentInfo?> FindAsync(TenantSnapshot tenant, string pageId, string fileName, string status, CancellationToken ct) =>
        (await QueryAsync(tenant, pageId, [("filename", fileName), ("status", status)], ct)).FirstOrDefault(a => a.Name == fileName);

    private async Task<List<AttachmentInfo>> QueryAsync(TenantSnapshot tenant, string pageId, (string, string?)[] query, CancellationToken ct)
    {
        var path = RestPath.Confluence("content", pageId, "child", "attachment").With(query);
        using var response = await Call(() => host.SendAsync(tenant, HttpMethod.Get, path, null, ct), ct);
        if (!response.IsSuccessStatusCode)
        {
            throw HostCallException.FromResponse(response, Product, $"page {pageId}");
        }

        using var body = await Call(() => host.ReadJsonAsync(response, ct), ct);
        return body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array
            ? results.EnumerateArray().Select(Parse).ToList()
            : throw Unexpected("the attachment list has no 'results' array");
    }

    /// <summary>One v1 attachment item, checked: the id must be a Confluence attachment id (<c>att</c> + digits) before it goes into any path.</summary>
    private static AttachmentInfo Parse(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || !AttachmentId().IsMatch(id.GetString()!)
            || !item.TryGetProperty("title", out var title) || title.ValueKind != JsonValueKind.String
            || !item.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Object
            || !version.TryGetProperty("number", out var number) || number.ValueKind != JsonValueKind.Number || !number.TryGetInt32(out var n) || n < 1)
        {
            throw Unexpected("an attachment item lacks a valid 'id' (att + digits), 'title' or 'version.number'");
        }

        var ext = item.TryGetProperty("extensions", out var e) && e.ValueKind == JsonValueKind.Object ? e : default;
        var size = ext.ValueKind == JsonValueKind.Object && ext.TryGetProperty("fileSize", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var bytes) ? bytes : 0;
        var type = ext.ValueKind == JsonValueKind.Object && ext.TryGetProperty("mediaType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : string.Empty;
        return new AttachmentInfo(id.GetString()!, title.GetString()!, n, size, type);
    }

    private static RestPath AttachmentPath(string pageId, string attachmentId, string action) =>
        RestPath.Confluence("content", pageId, "child", "attachment", attachmentId, action);

    private static HostCallException Unexpected(string problem) => new(502, "Unexpected answer from the site", $"Confluence: {problem}.");

    [GeneratedRegex("^att[0-9]{1,19}$")]
    private static partial Regex AttachmentId();

    internal static MultipartFormDataContent Multipart(string fileName, string mediaType, byte[] content)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        var form = new MultipartFormDataContent { { file, "file", fileName }, { new StringContent("true"), "minorEdit" } };
        return form;
    }

    private static Task<T> Call<T>(Func<Task<T>> call, CancellationToken ct) => HostCallException.GuardAsync(Product, call, ct);
}
