using System.Text.Json;

namespace Diagrams.App.Hosting;

/// <summary>Reads a small JSON request body with a byte and depth bound, answering with ProblemDetails on any breach.</summary>
public static class BoundedJson
{
    public static async Task<(JsonDocument? Document, IResult? Error)> ReadAsync(HttpRequest request, int maxBytes, int maxDepth, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        if (request.ContentType is { } contentType && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "Send the body as application/json."));
        }

        var buffer = new byte[maxBytes + 1];
        var read = await request.Body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        if (read > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.AsMemory(0, read), new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException)
        {
            return (null, Malformed($"The body is not valid JSON (or nests deeper than {maxDepth} levels)."));
        }

        if (!AllStringsAreUnicode(buffer.AsSpan(0, read), maxDepth))
        {
            document.Dispose();
            return (null, Malformed("A property name or string escapes a lone surrogate (\\uD800-\\uDFFF without its pair); send valid Unicode text."));
        }

        return (document, null);
    }

    /// <summary>
    /// The parser accepts an escaped lone surrogate (<c>"\ud800"</c>), but reading it as a string later throws. Every
    /// escaped name and string is decoded once here, so a handler only ever meets text it can read.
    /// </summary>
    private static bool AllStringsAreUnicode(ReadOnlySpan<byte> json, int maxDepth)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
        while (reader.Read())
        {
            if ((reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String) && reader.ValueIsEscaped)
            {
                try
                {
                    _ = reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static IResult Malformed(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON", detail: detail);

    private static IResult TooLarge(int maxBytes) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large", detail: $"The body may be at most {maxBytes} bytes.");
}
