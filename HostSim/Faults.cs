using System.Collections.Concurrent;
using System.Globalization;

namespace Diagrams.HostSim;

/// <summary>
/// A fault a test arms with <c>POST /_sim/faults</c>. It affects the next <c>Count</c> host REST (or media) requests
/// of site <c>SiteId</c> (any site when null) whose path contains <c>PathContains</c> and whose method is <c>Method</c>
/// (each optional). Kinds: "429", "503", "slow", "drop-after-processing", "reset-before-processing", and
/// "stall-body" (processes the request, sends the headers and half the body, then goes silent for <c>DelayMs</c>,
/// default 60 s, and drops the connection), and "answer" (processes the request, then answers <c>Status</c>, default 200,
/// with the raw JSON <c>Body</c> instead: for answers that are valid JSON in the wrong shape). <c>RetryAfterValue</c> sends
/// that exact text as the 429's or 503's retry header instead of <c>RetryAfterSeconds</c> (for hostile values such as <c>NaN</c> or <c>1e308</c>).
/// </summary>
public sealed record FaultSpec(
    string Kind,
    string? SiteId = null,
    string? PathContains = null,
    string? Method = null,
    int? Count = null,
    int? RetryAfterSeconds = null,
    bool BetaRetryAfter = false,
    int? DelayMs = null,
    string? Body = null,
    int? Status = null,
    string? RetryAfterValue = null);

/// <summary>The armed faults and the ones that fired.</summary>
public sealed class FaultBook
{
    public static readonly string[] Kinds = ["429", "503", "slow", "drop-after-processing", "reset-before-processing", "stall-body", "answer"];
    private readonly Lock _sync = new();
    private readonly List<Armed> _armed = [];

    public ConcurrentQueue<FiredFault> Fired { get; } = new();

    public void Arm(FaultSpec spec)
    {
        lock (_sync)
        {
            _armed.Add(new Armed(spec, spec.Count ?? 1));
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _armed.Clear();
        }
    }

    public object[] Active()
    {
        lock (_sync)
        {
            return [.. _armed.Select(a => new { a.Spec, remaining = a.Remaining })];
        }
    }

    /// <summary>Takes one use of the first armed fault matching the request, recording it as fired.</summary>
    public FaultSpec? Take(string siteId, string method, string path)
    {
        lock (_sync)
        {
            var armed = _armed.Find(a => (a.Spec.SiteId is null || a.Spec.SiteId == siteId)
                && (a.Spec.Method is null || string.Equals(a.Spec.Method, method, StringComparison.OrdinalIgnoreCase))
                && (a.Spec.PathContains is null || path.Contains(a.Spec.PathContains, StringComparison.Ordinal)));
            if (armed is null)
            {
                return null;
            }

            if (--armed.Remaining <= 0)
            {
                _armed.Remove(armed);
            }

            Fired.Enqueue(new FiredFault(armed.Spec.Kind, siteId, method, path, DateTimeOffset.UtcNow));
            return armed.Spec;
        }
    }

    private sealed class Armed(FaultSpec spec, int remaining)
    {
        public FaultSpec Spec { get; } = spec;

        public int Remaining { get; set; } = remaining;
    }
}

/// <summary>What each fault kind does to a request, and the control endpoints that arm them.</summary>
public static class Faults
{
    public static async Task<IResult> ApplyAsync(FaultSpec? fault, string product, HttpContext http, Func<Task<IResult>> process)
    {
        switch (fault?.Kind)
        {
            case null:
                return await process();
            case "429":
                var retryAfter = fault.RetryAfterSeconds ?? 1;
                SetRetryAfter(http, fault, retryAfter);
                http.Response.Headers["X-RateLimit-Limit"] = "100";
                http.Response.Headers["X-RateLimit-Remaining"] = "0";
                http.Response.Headers["X-RateLimit-Reset"] = DateTimeOffset.UtcNow.AddSeconds(retryAfter).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                http.Response.Headers["RateLimit-Reason"] = product + "-burst-based";
                return HostCall.Error(product, 429, "Rate limit exceeded.");
            case "503":
                if (fault.RetryAfterSeconds is not null || fault.RetryAfterValue is not null)
                {
                    SetRetryAfter(http, fault, fault.RetryAfterSeconds ?? 0);
                }

                return HostCall.Error(product, 503, "Service Unavailable");
            case "slow":
                await Task.Delay(fault.DelayMs ?? 1000, http.RequestAborted);
                return await process();
            case "stall-body":
                await StallBodyAsync(http, await process(), fault.DelayMs ?? 60_000);
                return Results.Empty;
            case "answer":
                await process();
                return Results.Text(fault.Body ?? string.Empty, "application/json", System.Text.Encoding.UTF8, fault.Status ?? 200);
            case "drop-after-processing":
                await process();
                http.Abort();
                return Results.Empty;
            default: // reset-before-processing
                http.Abort();
                return Results.Empty;
        }
    }

    private static async Task StallBodyAsync(HttpContext http, IResult answer, int silenceMs)
    {
        var wire = http.Response.Body;
        using var body = new MemoryStream();
        http.Response.Body = body;
        await answer.ExecuteAsync(http);
        http.Response.Body = wire;
        http.Response.ContentLength = body.Length;
        await wire.WriteAsync(body.GetBuffer().AsMemory(0, (int)(body.Length / 2)), http.RequestAborted);
        await wire.FlushAsync(http.RequestAborted);
        try
        {
            await Task.Delay(silenceMs, http.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up first.
        }

        http.Abort();
    }

    public static IEndpointRouteBuilder MapFaultControl(this RouteGroupBuilder sim)
    {
        sim.MapPost("/faults", (FaultSpec spec, SimState state) =>
        {
            if (!FaultBook.Kinds.Contains(spec.Kind))
            {
                return Results.Problem(statusCode: 400, detail: "kind must be one of: " + string.Join(", ", FaultBook.Kinds));
            }

            if (spec.Count is <= 0)
            {
                return Results.Problem(statusCode: 400, detail: "count must be positive.");
            }

            state.Faults.Arm(spec);
            return Results.NoContent();
        });
        sim.MapGet("/faults", (SimState state) => Results.Ok(state.Faults.Active()));
        sim.MapDelete("/faults", (SimState state) =>
        {
            state.Faults.Clear();
            return Results.NoContent();
        });
        sim.MapGet("/faults/fired", (SimState state) => Results.Ok(state.Faults.Fired.ToArray()));
        return sim;
    }

    private static void SetRetryAfter(HttpContext http, FaultSpec fault, int seconds) =>
        http.Response.Headers[fault.BetaRetryAfter ? "Beta-Retry-After" : "Retry-After"] = fault.RetryAfterValue ?? seconds.ToString(CultureInfo.InvariantCulture);
}
