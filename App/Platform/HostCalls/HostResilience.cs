using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Diagrams.App.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

using Diagrams.App.Platform.Connect;

namespace Diagrams.App.Platform.HostCalls;

/// <summary>
/// The resilience handler (<c>Microsoft.Extensions.Http.Resilience</c>) around every call to a tenant host, one pipeline
/// per site authority (so one site's circuit breaker never trips another's). Reads are retried on 429/5xx/transport
/// faults; writes only when the host cannot have processed them (429, 503 with Retry-After, connection refused). A write
/// that failed ambiguously (timeout, reset after sending) propagates: the caller checks the host's state first.
/// </summary>
public static partial class HostResilience
{
    /// <summary>The pipeline's name after the client's: <c>atlassian-host-site</c>, one instance per <c>scheme://host:port</c>.</summary>
    public const string PipelineName = "site";

    public static IHttpClientBuilder AddHostResilience(this IHttpClientBuilder client)
    {
        client.AddResilienceHandler(PipelineName, static (pipeline, context) =>
            {
                var services = context.ServiceProvider;
                Configure(pipeline, services.GetRequiredService<IOptions<HostCallOptions>>().Value, services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HostResilience).FullName!));
                pipeline.WithoutPollyLogs(context);
            })
            .SelectPipelineByAuthority();
        return client;
    }

    /// <summary>From the outside in: total timeout, retry (none when <c>MaxRetries</c> is 0), circuit breaker, attempt timeout.</summary>
    internal static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, HostCallOptions options, ILogger logger)
    {
        pipeline.AddTimeout(TimeSpan.FromSeconds(options.TotalTimeoutSeconds));
        if (options.MaxRetries > 0) // Polly refuses MaxRetryAttempts = 0
        {
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(options.BaseDelaySeconds),
                MaxDelay = TimeSpan.FromSeconds(8),
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.GetRequestMessage()?.Method ?? HttpMethod.Get, options)),
                // Honour the host's wait; "Retry-After: 0" (or none) falls back to exponential backoff with jitter.
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result) is { } wait && wait > TimeSpan.Zero ? wait : (TimeSpan?)null),
                OnRetry = args =>
                {
                    LogRetry(logger, args.AttemptNumber + 1, (int?)args.Outcome.Result?.StatusCode ?? 0, args.Outcome.Exception?.GetType().Name ?? "-", args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }

        pipeline
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

    /// <summary>The connection never reached the remote (refused, host or network unreachable): safe to send again, whatever the method.</summary>
    public static bool NothingSent(Exception exception) =>
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
