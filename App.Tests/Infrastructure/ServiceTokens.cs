using System.Net.Http.Headers;
using Diagrams.App.Platform.Connect;

namespace Diagrams.App.Tests.Infrastructure;

/// <summary>A Converter service token as App sends it (DESIGN: HS256, iss diagrams-app, aud the region, exp ≤ 60 s), for calling a Converter directly.</summary>
public static class ServiceTokens
{
    /// <param name="claims">Claims to replace with these raw JSON values, e.g. <c>["exp"] = "1e20"</c>.</param>
    public static string Sign(string base64Key, string region = "EU", IReadOnlyDictionary<string, string>? claims = null)
    {
        var now = DateTimeOffset.UtcNow;
        var payload = new Dictionary<string, object>
        {
            ["iss"] = Diagrams.Converter.ServiceToken.Issuer,
            ["aud"] = region,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddSeconds(60).ToUnixTimeSeconds(),
        };
        foreach (var (name, value) in SimClient.RawJson(claims) ?? [])
        {
            payload[name] = value;
        }

        return Hs256.Sign(payload, Convert.FromBase64String(base64Key));
    }

    public static AuthenticationHeaderValue Bearer(string base64Key, string region = "EU") => new("Bearer", Sign(base64Key, region));
}
