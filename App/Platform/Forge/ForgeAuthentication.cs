using System.Security.Claims;
using System.Text.Encodings.Web;
using Diagrams.App.Platform.Connect;
using Diagrams.App.Platform.Tenants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Diagrams.App.Platform.Forge;

/// <summary>Route metadata: the route serves Forge calls only (under <see cref="ForgeAuthentication.PathBase"/>).</summary>
public sealed record ForgeAuthMetadata;

/// <summary>The Forge Invocation Token scheme. Forge calls arrive under <c>/forge</c> (the manifest endpoint's <c>route.path</c>).</summary>
public static class ForgeAuthentication
{
    public const string Scheme = "forge-invocation";
    public const string PathBase = "/forge";
    public const string SystemTokenHeader = "x-forge-oauth-system";

    public static bool IsForgeCall(HttpContext context) => context.Request.PathBase.Equals(PathBase, StringComparison.Ordinal);
}

/// <summary>Verifies the FIT, finds the tenant (<see cref="ForgeTenants"/>) and makes it the request's <see cref="CurrentTenant"/>.</summary>
public sealed class ForgeAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ForgeTokenVerifier verifier)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!ForgeAuthentication.IsForgeCall(Context))
        {
            return AuthenticateResult.Fail($"Forge calls are served under {ForgeAuthentication.PathBase} only.");
        }

        var (invocation, failure) = await verifier.VerifyAsync(Request, Context.RequestAborted);
        if (invocation is null)
        {
            return AuthenticateResult.Fail(failure!);
        }

        var systemToken = Request.Headers[ForgeAuthentication.SystemTokenHeader] is { Count: 1 } header && header[0] is { Length: > 0 and <= 16 * 1024 } token ? token : null;
        var tenant = await Context.RequestServices.GetRequiredService<ForgeTenants>().ResolveAsync(invocation, systemToken, Context.RequestAborted);
        Context.RequestServices.GetRequiredService<CurrentTenant>().Set(tenant, invocation.AccountId);
        var claims = new List<Claim> { new("clientKey", tenant.ClientKey), new("installationId", invocation.InstallationId) };
        if (invocation.AccountId is not null)
        {
            claims.Add(new Claim("sub", invocation.AccountId));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await Reject.WriteAsync(Context, Logger, result.Failure?.Message ?? "A Forge Invocation Token is required.", "Bearer");
    }
}
