using System.Net.Http.Headers;
using System.Text.Json;
using Diagrams.App.Platform.Tenants;
using Diagrams.Atlassian;
using Microsoft.Extensions.Options;
using Polly.Timeout;

using Diagrams.App.Platform.Connect;

namespace Diagrams.App.Platform.HostCalls;

/// <summary>The tenant's base URL is not on the allowlist; nothing was sent.</summary>
public sealed class HostNotAllowedException(string message = "The tenant's base URL is not on Connect:AllowedHosts (Forge: Forge:ApiHosts); the call was not made.") : Exception(message);

/// <summary>The site redirected a download somewhere we do not go (not the site itself, not a media host).</summary>
public sealed class HostRedirectRefusedException() : Exception("The site redirected the download to a host outside the allowlist; it was not followed.");

/// <summary>The site's answer was too large or not JSON. A transport failure like any other (so a write whose answer this was is checked on the site before any retry).</summary>
public sealed class HostAnswerRejectedException(string message, Exception? inner = null) : HttpRequestException(message, inner);

/// <summary>
/// Calls a tenant's own Confluence or Jira REST API as the app: an outbound JWT per request (qsh relative
/// to the tenant base URL, so Confluence paths start after <c>/wiki</c>), the allowlist re-checked before
/// every call, redirects only through <see cref="GetFollowingRedirectsAsync"/>, a User-Agent naming the app.
/// </summary>
public sealed class HostClient(HttpClient http, IHttpClientFactory httpFactory, HostUrlPolicy hosts, IOptions<AppOptions> app, IOptions<HostCallOptions> calls,
    IOptions<Forge.ForgeOptions> forge, TimeProvider time)
{
    public const string HttpClientName = "atlassian-host";
    public const string MediaClientName = "atlassian-media";
    private const int MaxRedirects = 3;
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(3);

    /// <param name="pathAndQuery">Relative to the tenant base URL, e.g. <c>/rest/api/user?accountId=...</c>; query values already escaped.</param>
    public Task<HttpResponseMessage> SendAsync(TenantSnapshot tenant, HttpMethod method, string pathAndQuery, HttpContent? content, CancellationToken ct)
    {
        RefuseDotSegments(pathAndQuery);
        var uri = new Uri(tenant.BaseUrl.ToString().TrimEnd('/') + pathAndQuery);
        var allowed = tenant.Forge is null ? hosts.IsAllowed(tenant.BaseUrl) && hosts.IsAllowed(uri) : hosts.IsAllowed(tenant.BaseUrl, forge.Value.EffectiveApiHosts) && hosts.IsAllowed(uri, forge.Value.EffectiveApiHosts);
        if (!allowed || uri.Host != tenant.BaseUrl.Host)
        {
            throw new HostNotAllowedException();
        }

        var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.Authorization = tenant.Forge is { } credentials
            ? new AuthenticationHeaderValue("Bearer", credentials.SystemToken ?? throw new HostNotAllowedException("Forge sent no app system token with this call (the manifest endpoint's auth.appSystemToken); nothing was sent."))
            : new AuthenticationHeaderValue("JWT", CreateToken(tenant, method, uri));
        request.Headers.UserAgent.ParseAdd($"SecureDiagrams/1.0 (+{app.Value.NormalizedBaseUrl})");
        request.Headers.Accept.ParseAdd("application/json");
        if (method != HttpMethod.Get)
        {
            request.Headers.Add("X-Atlassian-Token", "no-check"); // uploads are refused as XSRF without it
        }

        return http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
    }

    /// <summary>
    /// Paths come from <see cref="RestPath"/>; this second check keeps any other path from climbing out of the API it names
    /// (<c>..</c>, also escaped, or a backslash), which <see cref="Uri"/> would otherwise resolve before sending.
    /// </summary>
    private static void RefuseDotSegments(string pathAndQuery)
    {
        var path = pathAndQuery.AsSpan(0, pathAndQuery.IndexOfAny(['?', '#']) is var end and >= 0 ? end : pathAndQuery.Length);
        if (!path.StartsWith("/") || path.Contains('\\'))
        {
            throw new UnsafePathSegmentException("A call to the site must use an absolute API path.");
        }

        foreach (var segment in path.ToString().Split('/'))
        {
            if (Uri.UnescapeDataString(segment).Split('/').Any(s => s is "." or ".."))
            {
                throw new UnsafePathSegmentException("A call to the site may not contain '.' or '..' path segments.");
            }
        }
    }

    /// <summary>
    /// GET that follows redirects itself: within the tenant host (signed anew for the new path), or to a
    /// configured media host without our JWT; anything else throws <see cref="HostRedirectRefusedException"/>.
    /// </summary>
    public async Task<HttpResponseMessage> GetFollowingRedirectsAsync(TenantSnapshot tenant, string pathAndQuery, CancellationToken ct)
    {
        var response = await SendAsync(tenant, HttpMethod.Get, pathAndQuery, null, ct);
        for (var hop = 0; IsRedirect(response.StatusCode); hop++)
        {
            var location = response.Headers.Location is { } target ? new Uri(response.RequestMessage!.RequestUri!, target) : null;
            response.Dispose();
            if (hop == MaxRedirects || location is null)
            {
                throw new HostRedirectRefusedException();
            }

            var basePath = tenant.BaseUrl.AbsolutePath.TrimEnd('/');
            if (location.Scheme == tenant.BaseUrl.Scheme && location.Authority == tenant.BaseUrl.Authority
                && location.AbsolutePath.StartsWith(basePath + "/", StringComparison.Ordinal))
            {
                response = await SendAsync(tenant, HttpMethod.Get, location.PathAndQuery[basePath.Length..], null, ct);
            }
            else if (hosts.IsMediaHost(location))
            {
                using var media = httpFactory.CreateClient(MediaClientName);
                using var request = new HttpRequestMessage(HttpMethod.Get, location);
                request.Headers.UserAgent.ParseAdd($"SecureDiagrams/1.0 (+{app.Value.NormalizedBaseUrl})");
                response = await media.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            }
            else
            {
                throw new HostRedirectRefusedException();
            }
        }

        return response;
    }

    /// <summary>
    /// A site's JSON answer, read within <c>Connect:HostCalls:AnswerTimeoutSeconds</c> and up to
    /// <c>Connect:HostCalls:MaxAnswerBytes</c>. A stall is a <see cref="TimeoutRejectedException"/>, an oversize or
    /// malformed answer a <see cref="HostAnswerRejectedException"/> (an <see cref="HttpRequestException"/>): callers treat both like any other transport failure
    /// (a write whose answer broke off is checked on the site before anything is retried).
    /// </summary>
    public async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var answer = await ReadAnswerAsync(response, ct);
        try
        {
            return JsonDocument.Parse(answer, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new HostAnswerRejectedException("The site answered malformed JSON.", ex);
        }
    }

    /// <inheritdoc cref="ReadJsonAsync(HttpResponseMessage, CancellationToken)"/>
    public async Task<T?> ReadJsonAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        var answer = await ReadAnswerAsync(response, ct);
        try
        {
            return JsonSerializer.Deserialize<T>(answer, JsonSerializerOptions.Web);
        }
        catch (JsonException ex)
        {
            throw new HostAnswerRejectedException("The site answered malformed JSON.", ex);
        }
    }

    /// <summary>
    /// Whether a response body is exactly <paramref name="expected"/>, reading at most one byte more than it and
    /// within <c>Connect:HostCalls:AnswerTimeoutSeconds</c> (a stall is a <see cref="TimeoutRejectedException"/>).
    /// </summary>
    public async Task<bool> ContentEqualsAsync(HttpResponseMessage response, byte[] expected, CancellationToken ct)
    {
        if (response.Content.Headers.ContentLength is { } length && length != expected.Length)
        {
            return false;
        }

        return await WithinAnswerTimeAsync(async deadline =>
        {
            await using var stream = await response.Content.ReadAsStreamAsync(deadline);
            var actual = new byte[expected.Length + 1];
            var read = await stream.ReadAtLeastAsync(actual, actual.Length, throwOnEndOfStream: false, deadline);
            return read == expected.Length && actual.AsSpan(0, read).SequenceEqual(expected);
        }, ct);
    }

    private async Task<byte[]> ReadAnswerAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var max = calls.Value.MaxAnswerBytes;
        if (response.Content.Headers.ContentLength > max)
        {
            throw TooLarge(max);
        }

        return await WithinAnswerTimeAsync(async deadline =>
        {
            await using var body = await response.Content.ReadAsStreamAsync(deadline);
            using var answer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            for (int read; (read = await body.ReadAsync(chunk, deadline)) > 0;)
            {
                if (answer.Length + read > max)
                {
                    throw TooLarge(max);
                }

                answer.Write(chunk, 0, read);
            }

            return answer.ToArray();
        }, ct);
    }

    private static HostAnswerRejectedException TooLarge(int max) =>
        new($"The site's answer is larger than {max} bytes (Connect:HostCalls:MaxAnswerBytes).");

    /// <summary>Runs a body read under the answer time limit; running out is a <see cref="TimeoutRejectedException"/>, as for the pipeline's own timeouts.</summary>
    private async Task<T> WithinAnswerTimeAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(calls.Value.AnswerTimeoutSeconds));
        try
        {
            return await read(deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new TimeoutRejectedException($"The site stopped sending its answer (Connect:HostCalls:AnswerTimeoutSeconds = {calls.Value.AnswerTimeoutSeconds} s).");
        }
    }

    private static bool IsRedirect(System.Net.HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

    internal string CreateToken(TenantSnapshot tenant, HttpMethod method, Uri uri)
    {
        var now = time.GetUtcNow();
        return Hs256.Sign(new Dictionary<string, object>
        {
            ["iss"] = tenant.AppKey,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + TokenLifetime).ToUnixTimeSeconds(),
            ["qsh"] = Qsh.ForOutbound(method.Method, uri, tenant.BaseUrl),
            ["aud"] = new[] { tenant.ClientKey },
        }, tenant.SharedSecret);
    }
}
