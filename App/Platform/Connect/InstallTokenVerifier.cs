using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Diagrams.App.Platform.Connect;

/// <summary>
/// Atlassian's signed-install algorithm (REFERENCE §1), steps 1–5: RS256 with a kid, key fetched by kid,
/// signature and lifetime, <c>aud</c> = our base URL, full qsh. Steps 6–7 (iss = body clientKey, baseUrl
/// allowed) need the body and run in the lifecycle handler.
/// </summary>
public sealed class InstallTokenVerifier(InstallKeyProvider keys, IOptions<AppOptions> app, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    /// <returns>The token's issuer (the clientKey it claims), or a failure.</returns>
    public async Task<(string? Issuer, string? Failure)> VerifyAsync(HttpRequest request, CancellationToken ct)
    {
        var token = ConnectTokenVerifier.ReadToken(request, allowQuery: false);
        if (token is null)
        {
            return (null, "Lifecycle callbacks need 'Authorization: JWT <token>' signed by Atlassian (signed install).");
        }

        if (ConnectTokenVerifier.ReadTimes(token, out var issuedAt, out _) is { } timeFailure)
        {
            return (null, timeFailure);
        }

        if (!ConnectTokenVerifier.TryParse(token, out var jwt))
        {
            return (null, "The install token is not a JWT.");
        }

        if (jwt.Alg != SecurityAlgorithms.RsaSha256 || string.IsNullOrEmpty(jwt.Kid))
        {
            return (null, "Install callbacks must be RS256 with a 'kid' header.");
        }

        if (!InstallKeyProvider.IsValidKid(jwt.Kid))
        {
            return (null, "The install token's kid must be 1 to 64 letters, digits, '-' or '_' (an Atlassian key id).");
        }

        var key = await keys.GetAsync(jwt.Kid, ct);
        if (key is null)
        {
            return (null, "No Atlassian install key exists for this token's kid.");
        }

        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = ConnectTokenVerifier.Leeway,
        });
        if (!result.IsValid)
        {
            return (null, result.Exception is SecurityTokenExpiredException ? "The install token has expired." : "The install token's signature or lifetime is invalid.");
        }

        if (issuedAt > time.GetUtcNow() + ConnectTokenVerifier.Leeway)
        {
            return (null, "The install token was issued in the future.");
        }

        if (!jwt.TryGetPayloadValue<string>("qsh", out var qsh))
        {
            return (null, "The install token lacks qsh.");
        }

        var audience = jwt.Audiences.FirstOrDefault()?.TrimEnd('/');
        if (!string.Equals(audience, app.Value.NormalizedBaseUrl, StringComparison.Ordinal))
        {
            return (null, "The install token's audience is not this app's base URL.");
        }

        var qshFailure = ConnectTokenVerifier.CheckFullQsh(qsh, request);
        return qshFailure is null ? (jwt.Issuer, null) : (null, qshFailure);
    }
}
