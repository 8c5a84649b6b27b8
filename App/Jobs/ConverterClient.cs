using Diagrams.App.Hosting;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Diagrams.App.Platform.Connect;
using Diagrams.App.Platform.HostCalls;
using Diagrams.App.Settings;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Diagrams.App.Jobs;

/// <summary>The region's Converter is unreachable, or this server has no such region; the job is not sent anywhere else.</summary>
public sealed class RegionUnavailableException : Exception, IProblemAnswer
{
    private RegionUnavailableException(string region, bool configured, string message)
        : base(message + " Jobs run only in the region this site chose, so it was not sent elsewhere; " +
            (configured ? "try again later." : "a site admin must choose one of the offered regions in the app's settings."))
    {
        Region = region;
        Configured = configured;
    }

    public string Region { get; }

    /// <summary>False when the region is not among <c>Regions:{CODE}</c>: waiting does not help.</summary>
    public bool Configured { get; }

    public int Status => StatusCodes.Status503ServiceUnavailable;

    public string Title => Configured ? "Region unavailable" : "Region not configured";

    /// <summary>A region this server has but cannot reach now: try again in a few seconds.</summary>
    public TimeSpan? RetryAfter => Configured ? TimeSpan.FromSeconds(10) : null;

    /// <summary>The job audit's outcome.</summary>
    public string Outcome => Configured ? "503 region-down" : "503 region-not-configured";

    public static RegionUnavailableException Down(string region, string reason) => new(region, true, $"The {region} region's converter is unavailable ({reason}).");

    public static RegionUnavailableException NotConfigured(string region, RegionSet regions) =>
        new(region, false, $"The {region} region is not configured on this server (it offers {regions.Listed}).");
}

/// <summary>
/// Sends one job to exactly the given region's Converter with a fresh service token. The client's resilience handler
/// keeps one pipeline per region (the region is the pipeline key): overall timeout, a retry only when nothing reached
/// the Converter (connection refused), and a circuit breaker so a region that is down answers at once. The breaker
/// counts only the Converter's own failures: a call that failed because the client's input did
/// (<see cref="JobInputStream.Fault"/>) is that client's <see cref="JobInputException"/>.
/// </summary>
public sealed class ConverterClient(IHttpClientFactory httpFactory, IOptions<RegionSet> regionSet, TimeProvider time)
{
    public const string HttpClientName = "converter";

    /// <summary>The pipeline's name after the client's: <c>converter-region</c>, one instance per region.</summary>
    public const string PipelineName = "region";

    private static readonly HttpRequestOptionsKey<string> RegionOption = new("diagrams.region");
    private static readonly HttpRequestOptionsKey<JobInputStream> InputOption = new("diagrams.job-input");

    /// <param name="body">The request content; it reads <paramref name="input"/>.</param>
    public async Task<HttpResponseMessage> SendAsync(string region, string path, HttpContent body, JobInputStream input, CancellationToken ct)
    {
        var endpoint = regionSet.Value.For(region) ?? throw RegionUnavailableException.NotConfigured(region, regionSet.Value);
        if (endpoint.Url is not { } url || endpoint.Key is not { } key)
        {
            throw RegionUnavailableException.Down(region, $"Regions:{region}:Url is not configured");
        }

        using var http = httpFactory.CreateClient(HttpClientName);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(url.TrimEnd('/') + "/"), path.TrimStart('/'))) { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ServiceToken(region, key));
        request.Options.Set(RegionOption, region);
        request.Options.Set(InputOption, input);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (Exception) when (input.Fault is { } fault)
        {
            throw fault;
        }
        catch (Exception ex) when (ex is HttpRequestException or BrokenCircuitException or TimeoutRejectedException or SocketException && !ct.IsCancellationRequested)
        {
            throw RegionUnavailableException.Down(region, ex is BrokenCircuitException ? "it failed repeatedly; calls are paused" : ex.GetType().Name);
        }
    }

    /// <summary>The pipeline key: the region <see cref="SendAsync"/> named (a request without one, such as the handler's start-up probe, gets its own).</summary>
    public static string RegionOf(HttpRequestMessage request) => request.Options.TryGetValue(RegionOption, out var region) ? region : "(none)";

    /// <summary>From the outside in: the job time limit (up to the answer's headers), retry, circuit breaker.</summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, RegionsOptions options) => pipeline
        .AddTimeout(TimeSpan.FromSeconds(options.JobTimeoutSeconds))
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
        });

    private static bool ClientsFault(ResilienceContext context) =>
        context.GetRequestMessage() is { } request && request.Options.TryGetValue(InputOption, out var input) && input.Fault is not null;

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
