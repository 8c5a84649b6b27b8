using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Diagrams.App.Platform.Connect;

/// <summary>
/// HS256 signing and constant-time verification. Kept to the one algorithm Atlassian uses with a shared
/// secret, so no header can talk the verifier into another (<c>none</c>, RS256 with the secret as key, ...).
/// </summary>
public static class Hs256
{
    private static readonly byte[] Header = Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}""");

    public static string Sign(IReadOnlyDictionary<string, object> claims, byte[] secret)
    {
        var signingInput = Base64Url.EncodeToString(Header) + "." + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>True when the token's third part is the HMAC-SHA256 of its first two under <paramref name="secret"/>.</summary>
    public static bool HasValidSignature(string token, byte[] secret)
    {
        var lastDot = token.LastIndexOf('.');
        if (lastDot <= 0 || token.Length - lastDot - 1 > 64)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        Span<byte> actual = stackalloc byte[48];
        var signingInput = Encoding.ASCII.GetBytes(token, 0, lastDot);
        HMACSHA256.HashData(secret, signingInput, expected);
        var status = Base64Url.DecodeFromChars(token.AsSpan(lastDot + 1), actual, out _, out var written);
        return status == System.Buffers.OperationStatus.Done && written == 32 && CryptographicOperations.FixedTimeEquals(expected, actual[..32]);
    }
}
