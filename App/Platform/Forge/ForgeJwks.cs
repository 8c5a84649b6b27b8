using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Diagrams.App.Platform.Forge;

/// <summary>
/// Forge's FIT signing keys by <c>kid</c>, from <c>Forge:JwksUrl</c>: fetched on first use and again on an unknown
/// <c>kid</c> at most once a minute (<c>Forge:JwksRefreshSeconds</c>; so a flood of made-up kids costs one fetch a minute), bounded in size and count.
/// </summary>
public sealed partial class ForgeJwks(IHttpClientFactory http, IOptions<ForgeOptions> options, TimeProvider time, ILogger<ForgeJwks> logger) : IDisposable
{
    public const string HttpClientName = "forge-jwks";
    private const int MaxDocumentBytes = 64 * 1024;
    private const int MaxKeys = 32;

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile IReadOnlyDictionary<string, RsaSecurityKey> _keys = new Dictionary<string, RsaSecurityKey>();
    private DateTimeOffset _lastFetch = DateTimeOffset.MinValue;

    public async Task<RsaSecurityKey?> FindAsync(string kid, CancellationToken ct)
    {
        if (_keys.TryGetValue(kid, out var key))
        {
            return key;
        }

        await _refresh.WaitAsync(ct);
        try
        {
            if (!_keys.TryGetValue(kid, out key) && time.GetUtcNow() - _lastFetch >= TimeSpan.FromSeconds(options.Value.JwksRefreshSeconds))
            {
                _lastFetch = time.GetUtcNow();
                _keys = await FetchAsync(ct) ?? _keys;
                _keys.TryGetValue(kid, out key);
            }

            return key;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task<IReadOnlyDictionary<string, RsaSecurityKey>?> FetchAsync(CancellationToken ct)
    {
        try
        {
            using var client = http.CreateClient(HttpClientName);
            using var response = await client.GetAsync(options.Value.JwksUrl, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > MaxDocumentBytes)
            {
                LogFetchFailed(logger, (int)response.StatusCode);
                return null;
            }

            await using var body = await response.Content.ReadAsStreamAsync(ct);
            var buffer = new byte[MaxDocumentBytes + 1];
            var read = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            if (read > MaxDocumentBytes)
            {
                LogFetchFailed(logger, 0);
                return null;
            }

            var set = new JsonWebKeySet(System.Text.Encoding.UTF8.GetString(buffer, 0, read));
            var keys = new ConcurrentDictionary<string, RsaSecurityKey>(StringComparer.Ordinal);
            foreach (var jwk in set.Keys.Where(k => k.Kty == "RSA" && !string.IsNullOrEmpty(k.Kid) && k.Kid.Length <= 128 && k.Use is null or "sig").Take(MaxKeys))
            {
                var parameters = new System.Security.Cryptography.RSAParameters { Modulus = Base64UrlEncoder.DecodeBytes(jwk.N), Exponent = Base64UrlEncoder.DecodeBytes(jwk.E) };
                if (parameters.Modulus.Length >= 256)
                {
                    keys[jwk.Kid] = new RsaSecurityKey(parameters) { KeyId = jwk.Kid };
                }
            }

            return keys;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or ArgumentException or FormatException)
        {
            LogFetchFailed(logger, 0);
            return null;
        }
    }

    public void Dispose() => _refresh.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read Forge's JWKS (HTTP {StatusCode}); FITs with unknown keys are refused.")]
    private static partial void LogFetchFailed(ILogger logger, int statusCode);
}
