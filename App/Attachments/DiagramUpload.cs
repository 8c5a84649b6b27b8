using System.Text.RegularExpressions;
using System.Xml;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Diagrams.App.Attachments;

/// <summary><c>Attachments:*</c>.</summary>
public sealed class AttachmentsOptions
{
    public const string Section = "Attachments";

    /// <summary>Largest request body a diagram save may send (diagram plus preview).</summary>
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest diagram read back from the site.</summary>
    public long MaxDownloadBytes { get; set; } = 50 * 1024 * 1024;

    /// <summary>The longest a diagram download from the site may take.</summary>
    public double DownloadTimeoutSeconds { get; set; } = 120;
}

/// <summary>A diagram save's parts, held in memory for this request only.</summary>
public sealed record DiagramUpload(byte[] Diagram, byte[]? Preview, string? PreviewType)
{
    public const string MxfileType = "application/vnd.jgraph.mxfile";
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public string? PreviewExtension => PreviewType switch { "image/png" => ".png", "image/svg+xml" => ".svg", _ => null };

    /// <summary>Reads <c>multipart/form-data</c> parts <c>diagram</c> (mxfile XML) and optional <c>preview</c> (PNG or SVG).</summary>
    public static async Task<(DiagramUpload? Upload, string? Error)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return (null, "Send multipart/form-data with a 'diagram' part (the mxfile XML) and an optional 'preview' part (image/png or image/svg+xml).");
        }

        byte[]? diagram = null, preview = null;
        string? previewType = null;
        var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 8 * 1024 };
        for (var section = await reader.ReadNextSectionAsync(ct); section is not null; section = await reader.ReadNextSectionAsync(ct))
        {
            var name = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) ? HeaderUtilities.RemoveQuotes(disposition.Name).Value : null;
            using var buffer = new MemoryStream();
            await section.Body.CopyToAsync(buffer, ct);
            switch (name)
            {
                case "diagram" when diagram is null:
                    diagram = buffer.ToArray();
                    break;
                case "preview" when preview is null:
                    preview = buffer.ToArray();
                    previewType = section.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
                    break;
                default:
                    return (null, $"Unexpected or repeated part '{name}': only 'diagram' and 'preview' are accepted.");
            }
        }

        if (diagram is null || !IsMxfile(diagram))
        {
            return (null, "The 'diagram' part must be a well-formed draw.io file (<mxfile> XML, no DTD).");
        }

        var upload = new DiagramUpload(diagram, preview, previewType);
        if (preview is not null && (upload.PreviewExtension is null || !LooksLike(preview, previewType!)))
        {
            return (null, "The 'preview' part must be a PNG (image/png) or an SVG (image/svg+xml) image.");
        }

        if (previewType == "image/svg+xml" && SvgPreviewCheck.Problem(preview!) is { } active)
        {
            return (null, $"The SVG preview was refused because {active}: a preview is stored on the site, where it can be opened directly, so it may hold drawing only.");
        }

        return (upload, null);
    }

    private static bool IsMxfile(byte[] xml) => RootElement(xml, maxDepth: 64) == "mxfile";

    private static bool LooksLike(byte[] image, string type) => type == "image/png"
        ? image.AsSpan().StartsWith(PngSignature)
        : RootElement(image, maxDepth: 256) == "svg";

    /// <summary>Reads the whole document (well-formedness, DTDs prohibited, depth bounded) and returns the root's local name.</summary>
    private static string? RootElement(byte[] xml, int maxDepth)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersFromEntities = 0, IgnoreComments = true };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml), settings);
            string? root = null;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    root ??= reader.LocalName;
                    if (reader.Depth > maxDepth)
                    {
                        return null;
                    }
                }
            }

            return root;
        }
        catch (XmlException)
        {
            return null;
        }
    }
}

/// <summary>Diagram names become attachment file names: bounded, printable, no paths.</summary>
public static partial class DiagramName
{
    public const int MaxLength = 200;

    public static string? Problem(string? name) => name switch
    {
        null or "" => "The diagram name is empty.",
        { Length: > MaxLength } => $"The diagram name is longer than {MaxLength} characters.",
        _ when Forbidden().IsMatch(name) => "The diagram name may not contain '/', '\\\\', control characters or the '..' sequence.",
        _ when name.Trim().Length == 0 || name.Trim() != name => "The diagram name may not start or end with spaces.",
        _ when name.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) =>
            "The diagram name may not end in .png or .svg: those names hold the previews of other diagrams.",
        _ => null,
    };

    [GeneratedRegex(@"[/\\\p{Cc}\p{Cf}]|\.\.|^\.$")]
    private static partial Regex Forbidden();
}
