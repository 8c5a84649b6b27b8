using Diagrams.Atlassian;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Diagrams.Converter;

/// <summary>
/// The service token App sends with every job: HS256 under the region's service key, iss <c>diagrams-app</c>,
/// aud = this region, iat, exp at most 60 s ahead (DESIGN, Converter contract).
/// </summary>
public sealed class ServiceToken(IOptions<ConverterOptions> options, TimeProvider time)
{
    public const string Issuer = "diagrams-app";
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Leeway = TimeSpan.FromSeconds(5);
    private readonly byte[] _key = Convert.FromBase64String(options.Value.ServiceKey!);

    /// <returns>null when valid, else why not (never echoes the token).</returns>
    public string? Check(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal) || authorization.Length > 4096)
        {
            return "A service token is required: 'Authorization: Bearer <token>'.";
        }

        var parts = authorization[7..].Split('.');
        if (parts.Length != 3)
        {
            return "The service token is malformed.";
        }

        try
        {
            var expected = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
            if (!CryptographicOperations.FixedTimeEquals(expected, System.Buffers.Text.Base64Url.DecodeFromChars(parts[2])))
            {
                return "The service token signature is invalid.";
            }

            using var header = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[0]));
            using var payload = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]));
            var claims = payload.RootElement;
            var now = time.GetUtcNow();
            if (header.RootElement.GetProperty("alg").GetString() != "HS256")
            {
                return "The service token must be HS256.";
            }

            if (claims.GetProperty("iss").GetString() != Issuer || claims.GetProperty("aud").GetString() != options.Value.Region)
            {
                return $"The service token is not for this region ({options.Value.Region}).";
            }

            var iat = default(DateTimeOffset);
            if ((NumericDate.TryRead(claims, "exp", out var exp) ?? NumericDate.TryRead(claims, "iat", out iat)) is { } timeFailure)
            {
                return timeFailure;
            }

            return exp < now - Leeway ? "The service token has expired."
                : exp - iat > MaxLifetime || iat > now + Leeway ? "The service token lives longer than 60 s or was issued in the future."
                : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "The service token is malformed.";
        }
    }
}
