using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Diagrams.App.Connect;

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

    public async Task<RsaSecurityKey?> GetAsync(string kid, CancellationToken ct)
    {
        if (!KidPattern().IsMatch(kid))
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
        var url = new Uri(options.Value.InstallKeysUrl.TrimEnd('/') + "/" + Uri.EscapeDataString(kid));
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

    [GeneratedRegex("^[A-Za-z0-9._-]{1,128}$")]
    private static partial Regex KidPattern();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Install key server answered {StatusCode} for a key id.")]
    private static partial void LogKeyUnavailable(ILogger logger, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Install key fetch failed: {ErrorType}.")]
    private static partial void LogKeyFetchFailed(ILogger logger, string errorType);
}
