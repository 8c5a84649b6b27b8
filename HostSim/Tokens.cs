using Diagrams.Atlassian;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Diagrams.HostSim;

/// <summary>Mints tokens the way Atlassian does, with IdentityModel (independently of App's own HS256 code).</summary>
public static class Tokens
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>HS256 with the site secret: iframe loads and lifecycle callbacks (full qsh) or context tokens.</summary>
    /// <param name="claims">Claims to set to these raw JSON values (e.g. an <c>exp</c> of 1e20), after the defaults.</param>
    public static string Hs256(SimSite site, string qsh, string? sub = null, TimeSpan? lifetime = null, DateTimeOffset? now = null, string? secret = null, string[]? omit = null,
        IReadOnlyDictionary<string, JsonElement>? claims = null)
    {
        var issued = now ?? DateTimeOffset.UtcNow;
        var payload = new Dictionary<string, object>
        {
            ["iss"] = site.ClientKey,
            ["iat"] = issued.ToUnixTimeSeconds(),
            ["exp"] = (issued + (lifetime ?? TimeSpan.FromMinutes(3))).ToUnixTimeSeconds(),
            ["qsh"] = qsh,
        };
        if (sub is not null)
        {
            payload["sub"] = sub;
        }

        Override(payload, claims);
        foreach (var claim in omit ?? [])
        {
            payload.Remove(claim);
        }

        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret ?? site.SharedSecret));
        return Handler.CreateToken(new SecurityTokenDescriptor { Claims = payload, SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256) });
    }

    /// <summary>RS256 signed-install token, as Atlassian's install service signs it.</summary>
    public static string Install(SimState state, string issuer, string audience, string qsh, TimeSpan lifetime, RsaSecurityKey? signingKey = null,
        IReadOnlyDictionary<string, JsonElement>? overrides = null)
    {
        var now = DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["iat"] = Math.Min(now.ToUnixTimeSeconds(), (now + lifetime).ToUnixTimeSeconds() - 1),
            ["exp"] = (now + lifetime).ToUnixTimeSeconds(),
            ["qsh"] = qsh,
        };
        Override(claims, overrides);
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(signingKey ?? state.SigningKey, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>Raw JSON values are written as they are (IdentityModel copies a JsonElement verbatim).</summary>
    private static void Override(Dictionary<string, object> claims, IReadOnlyDictionary<string, JsonElement>? overrides)
    {
        foreach (var (name, value) in overrides ?? new Dictionary<string, JsonElement>())
        {
            claims[name] = value;
        }
    }

    /// <summary>Full qsh of a request to the app, relative to the app's base URL.</summary>
    public static string QshFor(string method, Uri url, Uri appBaseUrl)
    {
        var basePath = appBaseUrl.AbsolutePath == "/" ? string.Empty : appBaseUrl.AbsolutePath.TrimEnd('/');
        return Qsh.Compute(method, url.AbsolutePath, url.Query, basePath);
    }

    /// <summary>Checks an app -> host token as Atlassian does: HS256 with the site secret, iss = app key, exp, qsh.</summary>
    public static async Task<string?> VerifyAppTokenAsync(SimSite site, HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("JWT ", StringComparison.Ordinal))
        {
            return "missing 'Authorization: JWT'";
        }

        var result = await Handler.ValidateTokenAsync(header[4..], new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(site.SharedSecret)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidIssuer = site.AppKey,
            ValidateAudience = false,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        });
        if (!result.IsValid)
        {
            return "invalid token: " + result.Exception?.GetType().Name;
        }

        var qsh = ((JsonWebToken)result.SecurityToken).TryGetPayloadValue<string>("qsh", out var value) ? value : null;
        var expected = Qsh.Compute(request.Method, RawPath(request), request.QueryString.Value ?? string.Empty, site.BasePath);
        return qsh == expected ? null : "qsh mismatch";
    }

    /// <summary>The path exactly as the client sent it (HttpRequest.Path is decoded: "%28" would come back as "(").</summary>
    private static string RawPath(HttpRequest request)
    {
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            return request.PathBase.Add(request.Path).ToUriComponent();
        }

        var query = raw.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? raw : raw[..query];
    }
}
