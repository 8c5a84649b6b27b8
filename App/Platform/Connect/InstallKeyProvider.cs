using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Diagrams.App.Platform.Connect;

/// <summary>
/// Atlassian's install-callback public keys, fetched by <c>kid</c>. A key never changes under one kid, so
/// found keys are cached (bounded); misses are cached briefly so a flood of made-up kids cannot turn
/// into a flood of outbound fetches.
/// </summary>
public sealed partial class InstallKeyProvider(IHttpClientFactory httpFactory, IOptions<ConnectOptions> options, ILogger<InstallKeyProvider> logger) : IDisposable
{
    public const string HttpClientName = "install-keys";
    private const int MaxPemBytes = 16 * 1024;
    private static readonly TimeSpan MissTtl = TimeSpan.FromMinutes(1);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 1024 });

    /// <summary>
    /// A kid is one path segment of the key URL: Atlassian's are UUIDs, so letters, digits, '-' and '_' only, at most 64.
    /// No '.', so never a dot segment ("." or "..") that would turn the URL into the key server's root or parent.
    /// </summary>
    public static bool IsValidKid(string? kid) => kid is not null && KidPattern().IsMatch(kid);

    public async Task<RsaSecurityKey?> GetAsync(string kid, CancellationToken ct)
    {
        if (!IsValidKid(kid))
        {
            return null;
        }

        if (_cache.TryGetValue(kid, out RsaSecurityKey? cached))
        {
            return cached;
        }

        var key = await FetchAsync(kid, ct);
        _cache.Set(kid, key, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = key is null ? MissTtl : null });
        return key;
    }

    public void Dispose() => _cache.Dispose();

    private async Task<RsaSecurityKey?> FetchAsync(string kid, CancellationToken ct)
    {
        var keyServer = new Uri(options.Value.InstallKeysUrl.TrimEnd('/') + "/");
        var url = new Uri(keyServer, Uri.EscapeDataString(kid));
        if (url.AbsoluteUri != keyServer.AbsoluteUri + kid)
        {
            return null; // the kid must stay one segment under the key server, whatever Uri makes of it
        }

        try
        {
            using var http = httpFactory.CreateClient(HttpClientName);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct); // the client's timeout ends at the headers
            limit.CancelAfter(http.Timeout);
            ct = limit.Token;
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
            {
                LogKeyUnavailable(logger, (int)response.StatusCode);
                return null;
            }

            if (response.Content.Headers.ContentLength > MaxPemBytes)
            {
                return null;
            }

            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            var buffer = new byte[MaxPemBytes + 1];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            if (read > MaxPemBytes)
            {
                return null;
            }

            var rsa = RSA.Create();
            rsa.ImportFromPem(System.Text.Encoding.ASCII.GetString(buffer, 0, read));
            return new RsaSecurityKey(rsa) { KeyId = kid };
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or ArgumentException or CryptographicException)
        {
            LogKeyFetchFailed(logger, ex.GetType().Name);
            return null;
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex KidPattern();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Install key server answered {StatusCode} for a key id.")]
    private static partial void LogKeyUnavailable(ILogger logger, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Install key fetch failed: {ErrorType}.")]
    private static partial void LogKeyFetchFailed(ILogger logger, string errorType);
}
