using System.Net;
using Diagrams.App.Hosting;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Diagrams.App.Platform.HostCalls;

/// <summary>A host call that did not succeed, already phrased for the user (answered by <see cref="ProblemExceptionHandler"/>).</summary>
public sealed class HostCallException(int status, string title, string detail, TimeSpan? retryAfter = null) : Exception(detail), IProblemAnswer
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>Maps a host's error answer; <paramref name="what"/> names the page or issue.</summary>
    public static HostCallException FromResponse(HttpResponseMessage response, string product, string what)
    {
        var retryAfter = HostResilience.RetryAfter(response);
        return response.StatusCode switch
        {
            HttpStatusCode.NotFound => new(404, "Not found", product == "Confluence"
                ? $"{what} does not exist or is not visible to the app (Confluence also answers so for an attachment over the site's size limit)."
                : $"{what} does not exist or is not visible to the app."),
            HttpStatusCode.Forbidden => new(403, "Not permitted", $"{product} refused: the app lacks permission on {what}, or attachments are disabled there."),
            HttpStatusCode.RequestEntityTooLarge => new(413, "Too large for the site", $"{product} refused the file as larger than the site's attachment size limit."),
            HttpStatusCode.TooManyRequests => new(429, "Rate limited by the site", $"{product} is rate limiting the app; try again{After(retryAfter)}.", retryAfter),
            HttpStatusCode.ServiceUnavailable => new(503, "Site unavailable", $"{product} is unavailable; try again{After(retryAfter)}.", retryAfter),
            HttpStatusCode.BadRequest => new(409, "Refused by the site", $"{product} refused the request as invalid (for example, a file of that name exists)."),
            HttpStatusCode.Unauthorized => new(502, "Site refused the app", $"{product} did not accept the app's signature; reinstalling the app on the site restores it."),
            _ => new(502, "Site error", $"{product} answered HTTP {(int)response.StatusCode}."),
        };
    }

    /// <summary>Transport failures after the pipeline gave up.</summary>
    public static HostCallException FromTransport(Exception exception, string product) => exception switch
    {
        BrokenCircuitException => new(503, "Site unavailable", $"{product} failed repeatedly; calls to it are paused for a few seconds.", TimeSpan.FromSeconds(15)),
        TimeoutRejectedException => new(504, "Site too slow", $"{product} did not answer in time."),
        HostNotAllowedException or HostRedirectRefusedException or UnsafePathSegmentException => new(502, "Refused outbound call", exception.Message),
        HostAnswerRejectedException => new(502, "Unexpected answer from the site", $"{product}: {exception.Message}"),
        _ => new(502, "Site unreachable", $"{product} could not be reached ({exception.GetType().Name})."),
    };

    /// <summary>Failures where the host may have processed a write: check its state before any retry.</summary>
    public static bool IsAmbiguous(Exception exception, CancellationToken ct) =>
        !ct.IsCancellationRequested
        && exception is HttpRequestException or IOException or TimeoutRejectedException or TaskCanceledException
        && !HostResilience.NothingSent(exception);

    public static bool IsTransport(Exception exception) =>
        exception is HttpRequestException or IOException or TimeoutRejectedException or TaskCanceledException or BrokenCircuitException
            or HostNotAllowedException or HostRedirectRefusedException or UnsafePathSegmentException;

    /// <summary>Runs one host call, turning transport failures into a user-facing error.</summary>
    public static async Task<T> GuardAsync<T>(string product, Func<Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (IsTransport(ex) && !ct.IsCancellationRequested)
        {
            throw FromTransport(ex, product);
        }
    }

    private static string After(TimeSpan? wait) => wait is { } w ? $" in {Math.Ceiling(w.TotalSeconds)} s" : " later";
}
