namespace Diagrams.HostSim;

/// <summary>A file part of a multipart upload, read into memory.</summary>
public sealed record UploadedFile(string Name, string MediaType, byte[] Content);

/// <summary>The parts of a multipart attachment upload: the files, and Confluence's optional comment and minorEdit.</summary>
public sealed record Upload(IReadOnlyList<UploadedFile> Files, string? Comment, bool MinorEdit);

/// <summary>What Confluence and Jira check on a multipart upload: the XSRF header, the form, the size limit.</summary>
public static class Uploads
{
    /// <summary>Atlassian blocks multipart posts without <c>X-Atlassian-Token: no-check</c> (also spelled <c>nocheck</c>).</summary>
    public static IResult? CheckXsrf(HttpRequest request)
    {
        var token = request.Headers["X-Atlassian-Token"].ToString().Trim();
        return token.Equals("no-check", StringComparison.OrdinalIgnoreCase) || token.Equals("nocheck", StringComparison.OrdinalIgnoreCase)
            ? null
            : Results.Text("XSRF check failed", "text/plain", statusCode: 403);
    }

    /// <summary>Reads the <c>file</c> parts; the error is 415 (not multipart), 400 (no file, bad form) or 413 (over the site's limit).</summary>
    public static async Task<(Upload? Upload, IResult? Error)> ReadAsync(SimSite site, HttpRequest request)
    {
        if (!request.HasFormContentType || !(request.ContentType ?? string.Empty).StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (null, HostCall.Error(site, 415, "Expected multipart/form-data."));
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (InvalidDataException ex)
        {
            return (null, HostCall.Error(site, 400, "Malformed multipart body: " + ex.Message));
        }

        var parts = form.Files.GetFiles("file");
        if (parts.Count == 0)
        {
            return (null, HostCall.Error(site, 400, "No 'file' part with a filename in the request."));
        }

        var tooLarge = parts.FirstOrDefault(p => p.Length > site.MaxAttachmentBytes);
        if (tooLarge is not null)
        {
            return (null, HostCall.Error(site, 413,
                $"The file '{tooLarge.FileName}' is {tooLarge.Length} bytes, over the attachment size limit of {site.MaxAttachmentBytes} bytes."));
        }

        var files = new List<UploadedFile>();
        foreach (var part in parts)
        {
            if (string.IsNullOrEmpty(part.FileName))
            {
                return (null, HostCall.Error(site, 400, "A 'file' part has no filename."));
            }

            using var buffer = new MemoryStream((int)part.Length);
            await part.CopyToAsync(buffer, request.HttpContext.RequestAborted);
            var mediaType = string.IsNullOrWhiteSpace(part.ContentType) ? "application/octet-stream" : part.ContentType;
            files.Add(new UploadedFile(part.FileName, mediaType, buffer.ToArray()));
        }

        var comment = form["comment"].ToString();
        var minorEdit = bool.TryParse(form["minorEdit"].ToString(), out var minor) && minor;
        return (new Upload(files, comment.Length == 0 ? null : comment, minorEdit), null);
    }
}
