using System.Net.Http.Headers;
using System.Net.Sockets;
using Diagrams.App.Connect;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace Diagrams.App.Jobs;

/// <summary>The region's Converter is unreachable or not configured; the job is not sent anywhere else.</summary>
public sealed class RegionUnavailableException(string region, string reason)
    : Exception($"The {region} region's converter is unavailable ({reason}). Jobs run only in the region this site chose, so it was not sent elsewhere; try again later.")
{
    public string Region { get; } = region;
}

/// <summary>
/// Sends one job to exactly the given region's Converter with a fresh service token. A Polly pipeline per
/// region: overall timeout, a retry only when nothing reached the Converter (connection refused), and a
/// circuit breaker so a region that is down answers at once. The breaker counts only the Converter's own
/// failures: a call that failed because the client's input did (<see cref="JobInputStream.Fault"/>) is that client's
/// <see cref="JobInputException"/>.
/// </summary>
public sealed class ConverterClient(IHttpClientFactory httpFactory, IOptions<RegionsOptions> regions, ResiliencePipelineRegistry<string> pipelines, TimeProvider time)
{
    public const string HttpClientName = "converter";
    private static readonly ResiliencePropertyKey<JobInputStream> InputKey = new("diagrams.job-input");

    /// <param name="body">The request content; it reads <paramref name="input"/>.</param>
    public async Task<HttpResponseMessage> SendAsync(string region, string path, HttpContent body, JobInputStream input, CancellationToken ct)
    {
        var endpoint = regions.Value.For(region);
        if (endpoint?.Url is not { } url || endpoint.Key is not { } key)
        {
            throw new RegionUnavailableException(region, $"Regions:{region}:Url and Regions:{region}:Key are not configured");
        }

        var pipeline = pipelines.GetOrAddPipeline<HttpResponseMessage>("converter:" + region, builder => builder
            .AddTimeout(TimeSpan.FromSeconds(regions.Value.JobTimeoutSeconds))
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 2,
                Delay = TimeSpan.FromMilliseconds(200),
                ShouldHandle = args => ValueTask.FromResult(!ClientsFault(args.Context) && args.Outcome.Exception is { } e && HostResilience.NothingSent(e)),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(10),
                ShouldHandle = args => ValueTask.FromResult(!ClientsFault(args.Context) && args.Outcome.Exception is HttpRequestException or TimeoutRejectedException),
            }));
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(InputKey, input);
        try
        {
            return await pipeline.ExecuteAsync(async ctx =>
            {
                using var http = httpFactory.CreateClient(HttpClientName);
                var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(url.TrimEnd('/') + "/"), path.TrimStart('/'))) { Content = body };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ServiceToken(region, key));
                return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ctx.CancellationToken);
            }, context);
        }
        catch (Exception) when (input.Fault is { } fault)
        {
            throw fault;
        }
        catch (Exception ex) when (ex is HttpRequestException or BrokenCircuitException or TimeoutRejectedException or SocketException && !ct.IsCancellationRequested)
        {
            throw new RegionUnavailableException(region, ex is BrokenCircuitException ? "it failed repeatedly; calls are paused" : ex.GetType().Name);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static bool ClientsFault(ResilienceContext context) => context.Properties.TryGetValue(InputKey, out var input) && input.Fault is not null;

    private string ServiceToken(string region, string key)
    {
        var now = time.GetUtcNow();
        return Hs256.Sign(new Dictionary<string, object>
        {
            ["iss"] = "diagrams-app",
            ["aud"] = region,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddSeconds(60).ToUnixTimeSeconds(),
        }, Convert.FromBase64String(key));
    }
}
