using System.Text.Json;

namespace Diagrams.Atlassian;

/// <summary>
/// A JWT time claim (<c>iat</c>, <c>exp</c>) read strictly from the payload JSON: present once, a whole number of seconds
/// since 1970 that <see cref="DateTimeOffset"/> can hold. Libraries round 1.5, parse "1700000000" or fail on 1e20; this
/// names the claim instead. Also compiled into the Converter for its service token.
/// </summary>
public static class NumericDate
{
    /// <summary>9999-12-31T23:59:59Z, the last second a <see cref="DateTimeOffset"/> holds.</summary>
    public const long MaxSeconds = 253_402_300_799;

    /// <returns>null when <paramref name="payload"/> holds <paramref name="claim"/> as such a number, else why not.</returns>
    public static string? TryRead(JsonElement payload, string claim, out DateTimeOffset value)
    {
        value = default;
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return "The token's payload is not a JSON object.";
        }

        JsonElement? found = null;
        try
        {
            foreach (var property in payload.EnumerateObject())
            {
                if (property.NameEquals(claim))
                {
                    if (found is not null)
                    {
                        return $"The token's '{claim}' claim appears more than once.";
                    }

                    found = property.Value;
                }
            }
        }
        catch (InvalidOperationException)
        {
            return "The token's payload names a claim with a lone surrogate escape; it is not valid Unicode text.";
        }

        if (found is not { } element)
        {
            return $"The token lacks a required claim ('{claim}').";
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var seconds) || seconds is < 0 or > MaxSeconds)
        {
            return $"The token's '{claim}' must be a NumericDate: whole seconds since 1970-01-01T00:00:00Z, from 0 to {MaxSeconds}.";
        }

        value = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return null;
    }

    /// <summary>Two time claims of a compact JWT, read from its payload before any library parses the token.</summary>
    /// <returns>null when both are valid NumericDates, else why not.</returns>
    public static string? TryReadFromToken(string token, string first, out DateTimeOffset firstValue, string second, out DateTimeOffset secondValue)
    {
        firstValue = secondValue = default;
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return "The token is not a JWT (header.payload.signature).";
        }

        try
        {
            using var payload = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]));
            return TryRead(payload.RootElement, first, out firstValue) ?? TryRead(payload.RootElement, second, out secondValue);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return "The token's payload is not base64url-encoded JSON.";
        }
    }
}
