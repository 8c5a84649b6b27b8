using System.Text;
using System.Text.Json;
using System.Xml;
using static Diagrams.Converter.Gliffy.GliffyJson;

namespace Diagrams.Converter.Gliffy;

/// <summary>
/// Gliffy JSON (<c>application/gliffy+json</c>) → draw.io <c>&lt;mxfile&gt;</c>: one plain (uncompressed)
/// <c>&lt;diagram&gt;</c> per Gliffy stage/page, each layer an mxCell layer under cell 0, shapes as vertices via the
/// <see cref="GliffyShapes"/> table, lines as edges, label HTML reduced by <see cref="GliffyText"/>. Nothing is
/// fetched. Every problem with the input, hostile or broken, surfaces as a <see cref="GliffyImportException"/>.
/// </summary>
public static class GliffyImporter
{
    private const string GliffyContentType = "application/gliffy+json";

    /// <summary>Reads at most <see cref="GliffyLimits.MaxBytes"/> of the stream and converts it.</summary>
    /// <exception cref="GliffyImportException">The input is too big, not JSON, not Gliffy, or breaks a limit.</exception>
    public static string Convert(Stream gliffyJson, GliffyLimits limits)
    {
        ArgumentNullException.ThrowIfNull(gliffyJson);
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        try
        {
            var json = ReadBounded(gliffyJson, limits.MaxBytes);
            using var document = Parse(json, limits);
            return Convert(document.RootElement, limits);
        }
        catch (GliffyImportException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException))
        {
            // Anything else thrown while reading untrusted input is still the input's fault: report it as such.
            throw new GliffyImportException("format", "the file could not be read as a Gliffy diagram", ex);
        }
    }

    private static ReadOnlyMemory<byte> ReadBounded(Stream stream, long maxBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new GliffyImportException("size", $"the file is larger than {maxBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        var bytes = new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
        return bytes.Span.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> json, GliffyLimits limits)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = limits.MaxDepth });
        }
        catch (JsonException ex)
        {
            if (TooDeep(json.Span, limits.MaxDepth))
            {
                throw new GliffyImportException("depth", $"the JSON nests deeper than {limits.MaxDepth} levels", ex);
            }

            throw new GliffyImportException("json", $"the file is not valid JSON (line {ex.LineNumber + 1})", ex);
        }
    }

    /// <summary>Whether the parse failed on depth: a second, allocation-free pass that stops at the first container too deep.</summary>
    private static bool TooDeep(ReadOnlySpan<byte> json, int maxDepth)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth == int.MaxValue ? maxDepth : maxDepth + 1 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= maxDepth)
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            // a syntax error before any container went too deep
        }

        return false;
    }

    private static string Convert(JsonElement root, GliffyLimits limits)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new GliffyImportException("format", "not a Gliffy diagram: the JSON is not an object");
        }

        var stage = Obj(root, "stage");
        var gliffy = string.Equals(Str(root, "contentType")?.Trim(), GliffyContentType, StringComparison.OrdinalIgnoreCase);
        if (!gliffy && stage is null)
        {
            throw new GliffyImportException("format", $"not a Gliffy diagram: no contentType {GliffyContentType} and no stage");
        }

        var builder = new GliffyModelBuilder(limits);
        var pages = new List<GliffyPage>();
        if (stage is { } single)
        {
            pages.Add(builder.BuildPage(single, PageName(Obj(root, "metadata") is { } m ? Str(m, "title") : null, 1)));
        }
        else
        {
            foreach (var page in Items(root, "pages", "the file"))
            {
                builder.Count();
                var scene = Obj(page, "scene") ?? throw new GliffyImportException("format", "a page has no scene");
                pages.Add(builder.BuildPage(scene, PageName(Str(page, "title"), pages.Count + 1)));
            }
        }

        if (pages.Count == 0)
        {
            throw new GliffyImportException("format", "not a Gliffy diagram: the file has no stage");
        }

        return Write(pages, EmbeddedSvgs(root, builder), limits);
    }

    /// <summary><c>embeddedResources.resources[]</c> holding SVG text, by id.</summary>
    private static Dictionary<string, string> EmbeddedSvgs(JsonElement root, GliffyModelBuilder builder)
    {
        var svgs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Obj(root, "embeddedResources") is not { } embedded)
        {
            return svgs;
        }

        foreach (var resource in Items(embedded, "resources", "embeddedResources"))
        {
            builder.Count();
            var mime = Str(resource, "mimeType");
            if (Key(Prop(resource, "id")) is { } id && Str(resource, "data") is { } data
                && (mime is null || mime.Contains("svg", StringComparison.OrdinalIgnoreCase)))
            {
                svgs.TryAdd(id, data);
            }
        }

        return svgs;
    }

    /// <summary>
    /// Writes the mxfile, refusing (<c>size</c>) once it passes 3 × MaxBytes + 1 KB per allowed object: the output is
    /// proportional to the input except where one embedded SVG is shown by many objects.
    /// </summary>
    private static string Write(List<GliffyPage> pages, Dictionary<string, string> svgs, GliffyLimits limits)
    {
        var output = new StringBuilder();
        var maxChars = (3 * limits.MaxBytes) + (1024L * limits.MaxObjects);
        using (var w = XmlWriter.Create(output, new XmlWriterSettings { OmitXmlDeclaration = true, CheckCharacters = true }))
        {
            void CheckSize()
            {
                w.Flush();
                if (output.Length > maxChars)
                {
                    throw new GliffyImportException("size", $"the converted diagram would be larger than {maxChars} characters");
                }
            }

            w.WriteStartElement("mxfile");
            w.WriteAttributeString("host", "Diagrams");
            w.WriteAttributeString("agent", "Diagrams Gliffy importer");
            for (var i = 0; i < pages.Count; i++)
            {
                new GliffyWriter(w, pages[i], svgs, CheckSize).WritePage($"gliffy-{i + 1}");
            }

            w.WriteEndElement();
        }

        return output.ToString();
    }

    private static string PageName(string? title, int number) =>
        string.IsNullOrWhiteSpace(title) ? $"Page-{number}" : GliffyWriter.XmlSafe(title.Trim()[..Math.Min(title.Trim().Length, 200)]);
}
