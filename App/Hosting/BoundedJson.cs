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

        try
        {
            return (JsonDocument.Parse(buffer.AsMemory(0, read), new JsonDocumentOptions { MaxDepth = maxDepth }), null);
        }
        catch (JsonException)
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON",
                detail: $"The body is not valid JSON (or nests deeper than {maxDepth} levels)."));
        }
    }

    private static IResult TooLarge(int maxBytes) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large", detail: $"The body may be at most {maxBytes} bytes.");
}
