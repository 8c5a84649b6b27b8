using System.Text.Json;
using Diagrams.App.Hosting;
using Diagrams.App.Platform.HostCalls;
using Diagrams.App.Platform.Tenants;
using Microsoft.Extensions.Options;

namespace Diagrams.App.Platform.Connect;

/// <summary>installed/uninstalled (RS256, signed install) and enabled/disabled (HS256, full qsh). All idempotent.</summary>
public static class LifecycleEndpoints
{
    private const int MaxPayloadBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapLifecycle(this IEndpointRouteBuilder routes)
    {
        var lifecycle = routes.MapGroup("/lifecycle");
        lifecycle.MapPost("/installed", InstalledAsync).RequireConnectJwt(ConnectAuthKind.InstallCallback);
        lifecycle.MapPost("/uninstalled", UninstalledAsync).RequireConnectJwt(ConnectAuthKind.InstallCallback);
        lifecycle.MapPost("/enabled", (HttpContext c, CurrentTenant t, TenantStore s) => SetEnabledAsync(c, t, s, enabled: true))
            .RequireConnectJwt(ConnectAuthKind.HostRequest, isLifecycle: true);
        lifecycle.MapPost("/disabled", (HttpContext c, CurrentTenant t, TenantStore s) => SetEnabledAsync(c, t, s, enabled: false))
            .RequireConnectJwt(ConnectAuthKind.HostRequest, isLifecycle: true);
        return routes;
    }

    private static async Task<IResult> InstalledAsync(HttpContext context, TenantStore store, HostUrlPolicy hosts, IOptions<AppOptions> app)
    {
        var (payload, error) = await ReadPayloadAsync(context, "installed");
        if (payload is null)
        {
            return error!;
        }

        var productType = app.Value.Key == payload.Key ? ProductTypes.Confluence : app.Value.JiraKey == payload.Key ? ProductTypes.Jira : null;
        if (productType is null)
        {
            return Invalid($"'key' must be this app's key ('{app.Value.Key}' or '{app.Value.JiraKey}').");
        }

        if (!string.Equals(payload.ProductType, productType, StringComparison.OrdinalIgnoreCase))
        {
            return Invalid($"'productType' must be '{productType}' for app key '{payload.Key}'.");
        }

        if (payload.SharedSecret is not { Length: >= 16 and <= 512 })
        {
            return Invalid("'sharedSecret' is required (16 to 512 characters).");
        }

        if (payload.BaseUrl is not { Length: <= Tenant.BaseUrlMaxLength } || !hosts.IsAllowed(payload.BaseUrl))
        {
            return Invalid("'baseUrl' must be an https URL on an allowed Atlassian host (Connect:AllowedHosts).");
        }

        // While Connect is supported, a site that also has the Forge app names its Forge installation here: that links the two.
        var forgeInstallation = payload.InstallationId is { Length: <= 256 } id && id.StartsWith("ari:cloud:ecosystem::installation/", StringComparison.Ordinal) ? id : null;
        await store.InstallAsync(payload.ClientKey!, payload.Key!, productType, new Uri(payload.BaseUrl), payload.SharedSecret,
            payload.OauthClientId is { Length: <= 128 } oauth ? oauth : null, context.RequestAborted, forgeInstallation);
        return Results.NoContent();
    }

    private static async Task<IResult> UninstalledAsync(HttpContext context, TenantStore store)
    {
        var (payload, error) = await ReadPayloadAsync(context, "uninstalled");
        if (payload is null)
        {
            return error!;
        }

        await store.UninstallAsync(payload.ClientKey!, context.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> SetEnabledAsync(HttpContext context, CurrentTenant current, TenantStore store, bool enabled)
    {
        if (context.Features.Get<LateLifecycleCallback>() is not null)
        {
            return Results.NoContent(); // signed, but the site was uninstalled moments ago: nothing left to change
        }

        var (payload, error) = await ReadPayloadAsync(context, enabled ? "enabled" : "disabled", current.Tenant.ClientKey);
        if (payload is null)
        {
            return error!;
        }

        await store.SetEnabledAsync(current.Tenant.ClientKey, enabled, context.RequestAborted);
        return Results.NoContent();
    }

    /// <summary>Reads the payload and checks it belongs to the verified caller (REFERENCE §1 step 6: iss = clientKey).</summary>
    private static async Task<(LifecyclePayload? Payload, IResult? Error)> ReadPayloadAsync(HttpContext context, string eventType, string? verifiedClientKey = null)
    {
        var (document, error) = await BoundedJson.ReadAsync(context.Request, MaxPayloadBytes, maxDepth: 16, context.RequestAborted);
        if (document is null)
        {
            return (null, error);
        }

        LifecyclePayload? payload;
        using (document)
        {
            try
            {
                payload = document.RootElement.ValueKind == JsonValueKind.Object ? document.Deserialize<LifecyclePayload>(JsonSerializerOptions.Web) : null;
            }
            catch (JsonException)
            {
                payload = null;
            }
        }

        if (payload?.ClientKey is not { Length: > 0 and <= Tenant.ClientKeyMaxLength })
        {
            return (null, Invalid("'clientKey' is required (at most 255 characters)."));
        }

        if (payload.EventType is not null && payload.EventType != eventType)
        {
            return (null, Invalid($"'eventType' is '{payload.EventType}' but this is the '{eventType}' callback."));
        }

        var expected = verifiedClientKey ?? context.Features.Get<VerifiedInstallToken>()?.Issuer;
        if (!string.Equals(expected, payload.ClientKey, StringComparison.Ordinal))
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                detail: "The token's issuer is not the payload's clientKey."));
        }

        return (payload, null);
    }

    private static IResult Invalid(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid lifecycle payload", detail: detail);

    private sealed record LifecyclePayload(string? Key, string? ClientKey, string? SharedSecret, string? BaseUrl, string? ProductType, string? EventType, string? OauthClientId, string? InstallationId = null);
}
