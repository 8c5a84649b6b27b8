using Diagrams.App.Tenants;
using Microsoft.AspNetCore.Authorization;

namespace Diagrams.App.Connect;

/// <summary>The issuer of a verified install/uninstall token, for the lifecycle handler's iss = clientKey check.</summary>
public sealed record VerifiedInstallToken(string Issuer);

/// <summary>
/// Runs after routing and before any body is read. Fails closed: an endpoint that declares neither a
/// Connect token kind nor [AllowAnonymous] answers 401.
/// </summary>
public sealed partial class ConnectAuthMiddleware(RequestDelegate next, ILogger<ConnectAuthMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, ConnectTokenVerifier verifier, InstallTokenVerifier installVerifier, CurrentTenant current)
    {
        var endpoint = context.GetEndpoint();
        var metadata = endpoint?.Metadata.GetMetadata<ConnectAuthMetadata>();
        if (endpoint is null || (metadata is null && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null))
        {
            await next(context);
            return;
        }

        if (metadata is null)
        {
            await RejectAsync(context, "This route has no authentication configured.");
            return;
        }

        if (metadata.Kind == ConnectAuthKind.InstallCallback)
        {
            var (issuer, failure) = await installVerifier.VerifyAsync(context.Request, context.RequestAborted);
            if (issuer is null)
            {
                await RejectAsync(context, failure!);
                return;
            }

            context.Features.Set(new VerifiedInstallToken(issuer));
            await next(context);
            return;
        }

        var check = await verifier.VerifyAsync(context.Request, metadata.Kind, metadata.IsLifecycle, context.RequestAborted);
        if (check.Succeeded)
        {
            current.Set(check.Tenant!, check.AccountId);
            await next(context);
            return;
        }

        if (check.Late)
        {
            // A signed disabled/enabled arriving after uninstalled: nothing left to change.
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        await RejectAsync(context, check.Failure!);
    }

    private async Task RejectAsync(HttpContext context, string detail)
    {
        LogRejected(logger, context.Request.Method, context.GetEndpoint()?.DisplayName ?? "?", detail);
        context.Response.Headers.WWWAuthenticate = "JWT";
        await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail).ExecuteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected {Method} {Endpoint}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string method, string endpoint, string reason);
}
