using System.Buffers.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Diagrams.App.Platform.Connect;
using Diagrams.App.Platform.HostCalls;
using Diagrams.Atlassian;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Diagrams.App.Platform.Forge;

/// <summary>What a verified Forge Invocation Token says about the caller. The product token is opaque, never stored or logged.</summary>
/// <param name="Product">"confluence" or "jira", from <c>app.apiBaseUrl</c> (<c>…/ex/{product}/{cloudId}</c>).</param>
public sealed record ForgeInvocation(string InstallationId, string EnvironmentId, string CloudId, string Product, Uri ApiBaseUrl, string? AccountId);

/// <summary>
/// Verifies a FIT (REFERENCE §10): <c>Authorization: Bearer</c>, RS256 only with a key from Forge's JWKS by <c>kid</c>,
/// <c>iss</c> = <c>forge/invocation-token</c>, <c>aud</c> = <c>Forge:AppId</c>, <c>exp</c> and <c>nbf</c> required
/// (leeway at most 30 s), and the claims the tenant model needs: <c>app.installationId</c>, <c>app.environment.id</c>,
/// <c>app.apiBaseUrl</c> on a configured Atlassian API host, and the site's cloudId (which must agree with the base URL).
/// </summary>
public sealed partial class ForgeTokenVerifier(ForgeJwks jwks, IOptions<ForgeOptions> options, HostUrlPolicy hosts, TimeProvider time)
{
    public const string Issuer = "forge/invocation-token";
    private const int MaxTokenLength = 16 * 1024;
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    public async Task<(ForgeInvocation? Invocation, string? Failure)> VerifyAsync(HttpRequest request, CancellationToken ct)
    {
        var forge = options.Value;
        if (!forge.Enabled)
        {
            return (null, "This backend is not configured for Forge (Forge:AppId).");
        }

        var header = request.Headers.Authorization.ToString();
        if (request.Headers.Authorization.Count != 1 || !header.StartsWith("Bearer ", StringComparison.Ordinal) || header.Length > MaxTokenLength)
        {
            return (null, "A Forge Invocation Token is required as 'Authorization: Bearer <FIT>'.");
        }

        var token = header["Bearer ".Length..].Trim();
        if (ReadTimes(token) is { } timeFailure)
        {
            return (null, timeFailure);
        }

        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return (null, "The FIT is not a JWT.");
        }

        if (jwt.Alg != SecurityAlgorithms.RsaSha256 || jwt.Kid is not { Length: > 0 and <= 128 } kid)
        {
            return (null, "The FIT must be RS256 with a 'kid'.");
        }

        var key = await jwks.FindAsync(kid, ct);
        if (key is null)
        {
            return (null, "The FIT's signing key is not among Forge's published keys.");
        }

        var result = await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = forge.AppId,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromSeconds(Math.Clamp(forge.LeewaySeconds, 0, 30)),
            TryAllIssuerSigningKeys = false,
            LifetimeValidator = (notBefore, expires, _, _) => Lifetime(notBefore, expires, forge.LeewaySeconds),
        });
        if (!result.IsValid)
        {
            return (null, result.Exception switch
            {
                SecurityTokenInvalidAudienceException => "The FIT is for another app (aud is not Forge:AppId).",
                SecurityTokenInvalidIssuerException => $"The FIT's issuer is not '{Issuer}'.",
                SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException or SecurityTokenNotYetValidException => "The FIT has expired or is not valid yet.",
                _ => "The FIT's signature or claims did not verify.",
            });
        }

        return Claims((JsonWebToken)result.SecurityToken);
    }

    private bool Lifetime(DateTime? notBefore, DateTime? expires, double leewaySeconds)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var leeway = TimeSpan.FromSeconds(Math.Clamp(leewaySeconds, 0, 30));
        return notBefore is { } nbf && expires is { } exp && nbf - leeway <= now && now <= exp + leeway;
    }

    private (ForgeInvocation?, string?) Claims(JsonWebToken jwt)
    {
        if (!jwt.TryGetPayloadValue<JsonElement>("app", out var app) || app.ValueKind != JsonValueKind.Object
            || Text(app, "installationId") is not { } installationId
            || (app.TryGetProperty("environment", out var env) ? Text(env, "id") : null) is not { } environmentId
            || Text(app, "apiBaseUrl") is not { } apiBaseUrl)
        {
            return (null, "The FIT lacks a required claim (app.installationId, app.environment.id, app.apiBaseUrl).");
        }

        var match = ApiBase().Match(apiBaseUrl);
        if (!match.Success || !Uri.TryCreate(apiBaseUrl, UriKind.Absolute, out var baseUrl) || !hosts.IsAllowed(baseUrl, options.Value.EffectiveApiHosts))
        {
            return (null, "The FIT's app.apiBaseUrl is not an Atlassian API base URL (Forge:ApiHosts, …/ex/{confluence|jira}/{cloudId}).");
        }

        var cloudId = match.Groups["cloud"].Value;
        var claimed = jwt.TryGetPayloadValue<JsonElement>("context", out var context) && context.ValueKind == JsonValueKind.Object ? Text(context, "cloudId") : null;
        if (claimed is not null && claimed != cloudId)
        {
            return (null, "The FIT's context.cloudId does not match its app.apiBaseUrl.");
        }

        var principal = jwt.TryGetPayloadValue<string>("principal", out var p) ? p : null;
        return (new ForgeInvocation(installationId, environmentId, cloudId, match.Groups["product"].Value, baseUrl,
            principal is { Length: > 0 and <= 128 } ? principal : null), null);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && value.GetString() is { Length: > 0 and <= 256 } text ? text : null;

    /// <summary>exp and nbf read strictly (whole seconds a date can hold), before the library sees them.</summary>
    private static string? ReadTimes(string token) => NumericDate.TryReadFromToken(token, "exp", out _, "nbf", out _);

    [GeneratedRegex("^https?://[^/]+/ex/(?<product>confluence|jira)/(?<cloud>[0-9a-fA-F-]{8,64})$")]
    private static partial Regex ApiBase();
}
