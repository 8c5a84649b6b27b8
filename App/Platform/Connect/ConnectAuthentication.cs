using System.Security.Claims;
using System.Text.Encodings.Web;
using Diagrams.App.Platform.Tenants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Diagrams.App.Platform.Connect;

/// <summary>The issuer of a verified install/uninstall token, for the lifecycle handler's iss = clientKey check.</summary>
public sealed record VerifiedInstallToken(string Issuer);

/// <summary>A correctly signed enabled/disabled callback for a site uninstalled moments ago: nothing left to change (204).</summary>
public sealed record LateLifecycleCallback;

/// <summary>Which Connect token kind a scheme verifies.</summary>
public sealed class ConnectSchemeOptions : AuthenticationSchemeOptions
{
    public ConnectAuthKind Kind { get; set; }
}

/// <summary>
/// One authentication scheme per Connect token kind, a policy per scheme, and a fallback policy that keeps the
/// fail-closed rule: a route that names no policy and is not [AllowAnonymous] answers 401.
/// </summary>
public static class ConnectAuthentication
{
    public const string Unconfigured = "unconfigured";

    public static string Scheme(ConnectAuthKind kind) => "connect-" + kind switch
    {
        ConnectAuthKind.InstallCallback => "install",
        ConnectAuthKind.HostRequest => "request",
        _ => "context",
    };

    /// <summary>The Connect context-token handler itself; <see cref="Scheme"/> of <c>ContextToken</c> picks it or the FIT scheme.</summary>
    private const string ContextJwt = "connect-context-jwt";

    public static IServiceCollection AddConnectAuthentication(this IServiceCollection services)
    {
        var authentication = services.AddAuthentication();
        foreach (var kind in Enum.GetValues<ConnectAuthKind>())
        {
            authentication.AddScheme<ConnectSchemeOptions, ConnectAuthenticationHandler>(kind == ConnectAuthKind.ContextToken ? ContextJwt : Scheme(kind), o => o.Kind = kind);
        }

        // The app's API (settings, capabilities, jobs, diagrams) serves both ways in through the same handlers: a context
        // token on its own paths, a Forge Invocation Token under /forge (and only there).
        authentication.AddPolicyScheme(Scheme(ConnectAuthKind.ContextToken), "Connect context token or Forge Invocation Token",
            o => o.ForwardDefaultSelector = context => Forge.ForgeAuthentication.IsForgeCall(context) ? Forge.ForgeAuthentication.Scheme : ContextJwt);

        authentication.AddScheme<AuthenticationSchemeOptions, UnconfiguredRouteHandler>(Unconfigured, _ => { });
        services.AddAuthorization(options =>
        {
            foreach (var kind in Enum.GetValues<ConnectAuthKind>())
            {
                options.AddPolicy(Scheme(kind), p => p.AddAuthenticationSchemes(Scheme(kind)).RequireAuthenticatedUser());
            }

            options.FallbackPolicy = options.DefaultPolicy = new AuthorizationPolicyBuilder(Unconfigured).RequireAuthenticatedUser().Build();
        });
        return services;
    }
}

/// <summary>Verifies the request's Connect token of the scheme's kind; the verified tenant becomes the request's <see cref="CurrentTenant"/>.</summary>
public sealed partial class ConnectAuthenticationHandler(IOptionsMonitor<ConnectSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ConnectTokenVerifier verifier, InstallTokenVerifier installVerifier)
    : AuthenticationHandler<ConnectSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var kind = Options.Kind;
        if (kind == ConnectAuthKind.InstallCallback)
        {
            var (issuer, failure) = await installVerifier.VerifyAsync(Request, Context.RequestAborted);
            if (issuer is null)
            {
                return AuthenticateResult.Fail(failure!);
            }

            Context.Features.Set(new VerifiedInstallToken(issuer));
            return Success(issuer, null);
        }

        var lifecycle = Context.GetEndpoint()?.Metadata.GetMetadata<ConnectAuthMetadata>()?.IsLifecycle == true;
        var check = await verifier.VerifyAsync(Request, kind, lifecycle, Context.RequestAborted);
        if (check.Succeeded)
        {
            Context.RequestServices.GetRequiredService<CurrentTenant>().Set(check.Tenant!, check.AccountId);
            return Success(check.Tenant!.ClientKey, check.AccountId);
        }

        if (check.Late)
        {
            Context.Features.Set(new LateLifecycleCallback());
            return Success(string.Empty, null);
        }

        return AuthenticateResult.Fail(check.Failure!);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await Reject.WriteAsync(Context, Logger, result.Failure?.Message ?? "No valid token.", "JWT");
    }

    private AuthenticateResult Success(string clientKey, string? accountId)
    {
        var claims = new List<Claim> { new("clientKey", clientKey) };
        if (accountId is not null)
        {
            claims.Add(new Claim("sub", accountId));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));
    }
}

/// <summary>The fallback policy's scheme: never authenticates, so a route without a declared policy answers 401.</summary>
public sealed class UnconfiguredRouteHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Reject.WriteAsync(Context, Logger, "This route has no authentication configured.", "JWT");
}

public static partial class Reject
{
    /// <summary>401 ProblemDetails naming why; never echoes the token.</summary>
    public static async Task WriteAsync(HttpContext context, ILogger logger, string detail, string challenge)
    {
        LogRejected(logger, context.Request.Method, context.GetEndpoint()?.DisplayName ?? "?", detail);
        context.Response.Headers.WWWAuthenticate = challenge;
        await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail).ExecuteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected {Method} {Endpoint}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string method, string endpoint, string reason);
}
