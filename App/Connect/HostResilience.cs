using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace Diagrams.App.Connect;

/// <summary><c>Connect:HostCalls:*</c>: the bounds on every call to a tenant's site.</summary>
public sealed class HostCallOptions
{
    public const string Section = "Connect:HostCalls";

    /// <summary>Retries after the first attempt (Atlassian suggests at most 4).</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>A <c>Retry-After</c> longer than this is not waited out; the caller gets the 429 and its retry time.</summary>
    public double RetryAfterCapSeconds { get; set; } = 30;

    public double AttemptTimeoutSeconds { get; set; } = 20;

    /// <summary>All attempts and waits of one call together.</summary>
    public double TotalTimeoutSeconds { get; set; } = 90;

    public double BaseDelaySeconds { get; set; } = 0.25;

    /// <summary>Once a JSON answer's headers are in, its body must arrive within this (the pipeline's timeouts end at the headers).</summary>
    public double AnswerTimeoutSeconds { get; set; } = 30;

    /// <summary>Largest JSON answer read from a site (attachment lists, issue properties, permission checks).</summary>
    public int MaxAnswerBytes { get; set; } = 4 * 1024 * 1024;
}

/// <summary>
/// The Polly 8 pipeline around every call to a tenant host, one per host (so one site's circuit breaker
/// never trips another's). Reads are retried on 429/5xx/transport faults; writes only when the host
/// cannot have processed them (429, 503 with Retry-After, connection refused). A write that failed
/// ambiguously (timeout, reset after sending) propagates: the caller checks the host's state first.
/// </summary>
public sealed partial class HostResilienceHandler(ResiliencePipelineRegistry<string> pipelines, IOptions<HostCallOptions> options, ILogger<HostResilienceHandler> logger)
    : DelegatingHandler
{
    public const string PipelinePrefix = "atlassian-host:";
    private static readonly ResiliencePropertyKey<HttpMethod> MethodKey = new("diagrams.method");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var pipeline = pipelines.GetOrAddPipeline<HttpResponseMessage>(PipelinePrefix + request.RequestUri!.Authority, builder => Configure(builder, options.Value, logger));
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(MethodKey, request.Method);
        try
        {
            return await pipeline.ExecuteAsync(async ctx => await base.SendAsync(request, ctx.CancellationToken), context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, HostCallOptions options, ILogger logger)
    {
        builder
            .AddTimeout(TimeSpan.FromSeconds(options.TotalTimeoutSeconds))
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(options.BaseDelaySeconds),
                MaxDelay = TimeSpan.FromSeconds(8),
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.Properties.GetValue(MethodKey, HttpMethod.Get), options)),
                // Honour the host's wait; "Retry-After: 0" (or none) falls back to exponential backoff with jitter.
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result) is { } wait && wait > TimeSpan.Zero ? wait : (TimeSpan?)null),
                OnRetry = args =>
                {
                    LogRetry(logger, args.AttemptNumber + 1, (int?)args.Outcome.Result?.StatusCode ?? 0, args.Outcome.Exception?.GetType().Name ?? "-", args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(15),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null && args.Outcome.Exception is not OperationCanceledException
                    || args.Outcome.Result?.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout),
            })
            .AddTimeout(TimeSpan.FromSeconds(options.AttemptTimeoutSeconds));
    }

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpMethod method, HostCallOptions options)
    {
        // PUT and POST create attachment versions on Confluence and Jira: never idempotent here.
        var idempotent = method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Delete;
        if (outcome.Exception is { } exception)
        {
            // Nothing reached the host: safe for any method. Anything else after sending: reads only.
            return NothingSent(exception) || (idempotent && exception is HttpRequestException or TimeoutRejectedException or IOException);
        }

        var response = outcome.Result!;
        var retryAfter = RetryAfter(response);
        if (retryAfter > TimeSpan.FromSeconds(options.RetryAfterCapSeconds))
        {
            return false;
        }

        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => true, // not processed, per Atlassian
            HttpStatusCode.ServiceUnavailable => retryAfter is not null || idempotent,
            HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout => idempotent,
            _ => false,
        };
    }

    internal static bool NothingSent(Exception exception) =>
        exception is HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable } };

    /// <summary>The longest wait a site's retry header is taken to mean; any longer value counts as this (so over any sensible cap).</summary>
    public static readonly TimeSpan LongestRetryAfter = TimeSpan.FromDays(1);

    /// <summary>
    /// <c>Retry-After</c> (or Atlassian's <c>Beta-Retry-After</c> when that is missing or unusable) in seconds or as an
    /// HTTP date. A value that is no wait (NaN, Infinity, negative, not a number or date) counts as none; one past
    /// <see cref="LongestRetryAfter"/> (1e308, a far-future date) counts as that; a date already past as zero.
    /// </summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response) =>
        response is null ? null : Wait(response, "Retry-After") ?? Wait(response, "Beta-Retry-After");

    private static TimeSpan? Wait(HttpResponseMessage response, string header)
    {
        if (!response.Headers.NonValidated.TryGetValues(header, out var values) || values.Count != 1)
        {
            return null;
        }

        var value = values.ToString().Trim();
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return double.IsFinite(seconds) && seconds >= 0 ? TimeSpan.FromSeconds(Math.Min(seconds, LongestRetryAfter.TotalSeconds)) : null;
        }

        if (RetryConditionHeaderValue.TryParse(value, out var parsed) && parsed.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestRetryAfter ? LongestRetryAfter : wait;
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Host call retry {Attempt}: status {StatusCode}, error {ErrorType}, waiting {DelayMs} ms.")]
    private static partial void LogRetry(ILogger logger, int attempt, int statusCode, string errorType, double delayMs);
}
