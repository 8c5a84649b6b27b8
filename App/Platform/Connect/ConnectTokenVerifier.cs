using System.Buffers.Text;
using System.Text.Json;
using Diagrams.App.Platform.Tenants;
using Diagrams.Atlassian;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Diagrams.App.Platform.Connect;

/// <summary>Verifies HS256 tokens from a tenant: iframe loads, enabled/disabled callbacks and context tokens.</summary>
public sealed class ConnectTokenVerifier(TenantDirectory directory, RecentlyUninstalled recentlyUninstalled, TimeProvider time)
{
    public const int MaxTokenLength = 8 * 1024;
    public static readonly TimeSpan Leeway = TimeSpan.FromSeconds(30);

    /// <summary>
    /// One answer for an issuer that is unknown, uninstalled or signed with another secret, so a forged token cannot tell
    /// which clientKeys are or were installed.
    /// </summary>
    private const string NotVerified = "The token names no installed tenant, or is not signed with that tenant's shared secret.";

    /// <param name="lifecycle">enabled/disabled: a disabled site is accepted, and a site this instance uninstalled moments ago
    /// verifies as <see cref="TokenCheck.LateLifecycle"/> (a no-op) when the token is signed with its former secret.</param>
    public async Task<TokenCheck> VerifyAsync(HttpRequest request, ConnectAuthKind kind, bool lifecycle, CancellationToken ct)
    {
        var token = ReadToken(request, allowQuery: kind == ConnectAuthKind.HostRequest);
        if (token is null)
        {
            return TokenCheck.Fail(kind == ConnectAuthKind.ContextToken
                ? "Send the context token from AP.context.getToken() as 'Authorization: JWT <token>'."
                : "A Connect JWT is required (the 'jwt' query parameter or 'Authorization: JWT <token>').");
        }

        if (ReadTimes(token, out var issuedAt, out var expires) is { } timeFailure)
        {
            return TokenCheck.Fail(timeFailure);
        }

        if (!TryParse(token, out var jwt) || jwt.Alg != "HS256")
        {
            return TokenCheck.Fail("The token is not an HS256 JWT.");
        }

        if (!jwt.TryGetPayloadValue<string>("qsh", out var qsh) || string.IsNullOrEmpty(jwt.Issuer))
        {
            return TokenCheck.Fail("The token lacks a required claim (iss, iat, exp, qsh).");
        }

        var tenant = await directory.FindAsync(jwt.Issuer, ct);
        if (tenant is not null && !Hs256.HasValidSignature(token, tenant.SharedSecret))
        {
            // The secret may have been rotated by a reinstall that another instance handled.
            tenant = await directory.ReloadAsync(jwt.Issuer, ct);
            if (tenant is not null && !Hs256.HasValidSignature(token, tenant.SharedSecret))
            {
                return TokenCheck.Fail(NotVerified);
            }
        }

        var late = tenant is null && lifecycle && recentlyUninstalled.Find(jwt.Issuer) is { } formerSecret && Hs256.HasValidSignature(token, formerSecret);
        if (tenant is null && !late)
        {
            return TokenCheck.Fail(NotVerified);
        }

        var now = time.GetUtcNow();
        if (now - Leeway > expires)
        {
            return TokenCheck.Fail("The token has expired.");
        }

        if (issuedAt > now + Leeway)
        {
            return TokenCheck.Fail("The token was issued in the future.");
        }

        var qshFailure = kind == ConnectAuthKind.ContextToken ? CheckContextQsh(qsh) : CheckFullQsh(qsh, request);
        if (qshFailure is not null)
        {
            return TokenCheck.Fail(qshFailure);
        }

        if (late)
        {
            return TokenCheck.LateLifecycle;
        }

        if (!lifecycle && !tenant!.Enabled)
        {
            return TokenCheck.Fail("The app is disabled on this site.");
        }

        jwt.TryGetPayloadValue<string>("sub", out var sub);
        return TokenCheck.Ok(tenant!, sub);
    }

    internal static string? ReadToken(HttpRequest request, bool allowQuery)
    {
        var authorization = request.Headers.Authorization;
        string? token = null;
        if (authorization.Count == 1 && authorization[0] is { } header && header.StartsWith("JWT ", StringComparison.Ordinal))
        {
            token = header[4..].Trim();
        }
        else if (allowQuery && request.Query["jwt"] is { Count: 1 } query)
        {
            token = query[0];
        }

        return string.IsNullOrEmpty(token) || token.Length > MaxTokenLength ? null : token;
    }

    /// <summary>iat and exp, read strictly before any library parses the token (<see cref="NumericDate"/>).</summary>
    /// <returns>null when both are valid, else why not.</returns>
    internal static string? ReadTimes(string token, out DateTimeOffset issuedAt, out DateTimeOffset expires) =>
        NumericDate.TryReadFromToken(token, "exp", out expires, "iat", out issuedAt);

    internal static bool TryParse(string token, out JsonWebToken jwt)
    {
        try
        {
            jwt = new JsonWebToken(token);
            return true;
        }
        catch (ArgumentException)
        {
            jwt = null!;
            return false;
        }
    }

    internal static string? CheckFullQsh(string qsh, HttpRequest request)
    {
        if (qsh == Qsh.ContextQsh)
        {
            return "A context token cannot be used here: this route needs a token bound to the request (full qsh).";
        }

        try
        {
            return Qsh.MatchesTarget(qsh, request.Method, RawTarget(request), request.PathBase.ToUriComponent())
                ? null
                : "The token's qsh does not match this request.";
        }
        catch (ArgumentException)
        {
            return $"The query string is too large to verify (at most {Qsh.MaxParameters} parameters and {Qsh.MaxQueryLength} characters).";
        }
    }

    /// <summary>The request target as the client sent it, still percent-encoded and not dot-normalised: what the host hashed.</summary>
    private static string RawTarget(HttpRequest request)
    {
        var target = request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget;
        return string.IsNullOrEmpty(target) ? (request.PathBase + request.Path).ToUriComponent() + request.QueryString.Value : target;
    }

    private static string? CheckContextQsh(string qsh) =>
        qsh == Qsh.ContextQsh ? null : "Only a context token (qsh 'context-qsh') is accepted on /api routes.";
}
