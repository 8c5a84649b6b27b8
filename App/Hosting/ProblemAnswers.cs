using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Diagrams.App.Hosting;

/// <summary>
/// A refusal already phrased for the caller, thrown where the reason is found (a host call, the region, the job's input,
/// the admin check) and answered as ProblemDetails by <see cref="ProblemExceptionHandler"/>, the one place exceptions become
/// answers. Handlers otherwise return typed results.
/// </summary>
public interface IProblemAnswer
{
    int Status { get; }

    string Title { get; }

    /// <summary>The ProblemDetails detail: what happened and what to do.</summary>
    string Message { get; }

    /// <summary>Sent as <c>Retry-After</c> (whole seconds, at least 1) when waiting helps.</summary>
    TimeSpan? RetryAfter => null;

    /// <summary>A stable machine-readable reason, the ProblemDetails <c>code</c> extension.</summary>
    string? Code => null;

    /// <summary>Close the connection after answering (the client's body was not read to its end).</summary>
    bool CloseConnection => false;
}

/// <summary>
/// Maps <see cref="IProblemAnswer"/> (and Kestrel's <see cref="BadHttpRequestException"/>, a client's malformed or
/// oversized request) to ProblemDetails; anything else stays a 500 without details. Nothing is written when the client
/// has gone away.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, problem) = exception switch
        {
            IProblemAnswer p => (p.Status, p.Title, p.Message, p),
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Bad request", bad.Message, null),
            _ => (0, string.Empty, string.Empty, (IProblemAnswer?)null),
        };
        if (status == 0)
        {
            return false;
        }

        if (httpContext.RequestAborted.IsCancellationRequested)
        {
            return true; // nobody to answer
        }

        var response = httpContext.Response;
        response.StatusCode = status;
        if (problem?.RetryAfter is { } wait)
        {
            response.Headers.RetryAfter = Math.Ceiling(Math.Max(1, wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (problem?.CloseConnection == true || exception is BadHttpRequestException)
        {
            response.Headers.Connection = "close";
        }

        var details = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (problem?.Code is { } code)
        {
            details.Extensions["code"] = code;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }
}
