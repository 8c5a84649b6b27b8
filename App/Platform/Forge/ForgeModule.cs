using System.Text.Json;
using Diagrams.App.Hosting;
using Diagrams.App.Platform.Connect;
using Microsoft.Extensions.Options;

namespace Diagrams.App.Platform.Forge;

/// <summary>
/// Forge Remote: the FIT scheme, the tenant model, and the lifecycle trigger. The features' own routes serve Forge under
/// <c>/forge</c> through the same handlers (their context-token policy accepts a FIT there, see <see cref="ConnectAuthentication"/>).
/// </summary>
public static partial class ForgeModule
{
    private static readonly string[] LifecycleEvents = ["avi:forge:installed:app", "avi:forge:upgraded:app"];

    public static IHostApplicationBuilder AddForge(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ForgeOptions>().BindConfiguration(ForgeOptions.Section)
            .Validate(o => o.AppId is null || System.Text.RegularExpressions.Regex.IsMatch(o.AppId, "^ari:cloud:ecosystem::app/[0-9a-fA-F-]{36}$"),
                "Forge:AppId must be the app's ARI from the manifest, ari:cloud:ecosystem::app/<uuid>.")
            .Validate(o => Uri.TryCreate(o.JwksUrl, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.IsLoopback),
                "Forge:JwksUrl must be an https URL.")
            .Validate(o => o.LeewaySeconds is >= 0 and <= 30, "Forge:LeewaySeconds must be 0 to 30.")
            .Validate(o => o.UiCallTimeoutSeconds is >= 1 and <= 25, "Forge:UiCallTimeoutSeconds must be 1 to 25 (Forge answers a UI call within 25 s).")
            .Validate(o => o.UiOrigins.All(ForgeUiOrigins.IsValidPattern), "Forge:UiOrigins entries must be https://host or https://*.suffix (http:// only for localhost names), with an optional port and no path.")
            .Validate(o => o.JwksRefreshSeconds is >= 1 and <= 3600, "Forge:JwksRefreshSeconds must be 1 to 3600.")
            .Validate(o => o.MaxUiCallBytes is >= 1024 and <= 10 * 1024 * 1024, "Forge:MaxUiCallBytes must be 1024 to 10485760 (1 KiB to 10 MiB).")
            .ValidateOnStart();
        builder.Services.AddHttpClient(ForgeJwks.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(5))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(3) });
        builder.Services.AddSingleton<ForgeJwks>();
        builder.Services.AddSingleton<ForgeTokenVerifier>();
        builder.Services.AddScoped<ForgeTenants>();
        builder.Services.AddSingleton<ForgeInstallationCache>();
        builder.Services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ForgeAuthenticationHandler>(ForgeAuthentication.Scheme, _ => { });
        builder.Services.AddAuthorization(o => o.AddPolicy(ForgeAuthentication.Scheme, p => p.AddAuthenticationSchemes(ForgeAuthentication.Scheme).RequireAuthenticatedUser()));

        // Job tickets: issued to a FIT caller, redeemed by the Forge UI in the browser (App/Jobs/JobTicketEndpoints).
        builder.Services.AddSingleton<JobTickets>();
        builder.Services.AddSingleton<ForgeUiOrigins>();
        builder.Services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, JobTicketAuthenticationHandler>(JobTicketAuthentication.Scheme, _ => { });
        builder.Services.AddAuthorization(o => o.AddPolicy(JobTicketAuthentication.Scheme, p => p.AddAuthenticationSchemes(JobTicketAuthentication.Scheme).RequireAuthenticatedUser()));
        return builder;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^avi:forge:[a-z-]{1,32}:app$")]
    private static partial System.Text.RegularExpressions.Regex AppEvent();

    /// <summary>Forge posts lifecycle events to the endpoint itself (<c>/forge</c>); verifying the FIT already recorded the installation.</summary>
    public static IEndpointRouteBuilder MapForge(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/", async (HttpContext http) =>
        {
            if (!ForgeAuthentication.IsForgeCall(http))
            {
                return Results.NotFound();
            }

            var (document, error) = await BoundedJson.ReadAsync(http.Request, 64 * 1024, maxDepth: 16, http.RequestAborted);
            if (document is null)
            {
                return error!;
            }

            using (document)
            {
                var eventType = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("eventType", out var e)
                    && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
                // installed/upgraded: verifying the FIT recorded the installation. Other app events (the best-effort pre-uninstall
                // call) are acknowledged and change nothing: settings are kept for a reinstall (forge/README.md).
                return eventType is not null && (LifecycleEvents.Contains(eventType) || AppEvent().IsMatch(eventType))
                    ? Results.Json(new { received = eventType })
                    : Results.Problem(statusCode: 400, title: "Unknown event", detail: $"This endpoint takes Forge app events ({string.Join(", ", LifecycleEvents)}).");
            }
        }).WithMetadata(new ForgeAuthMetadata()).RequireAuthorization(ForgeAuthentication.Scheme);
        return routes;
    }
}
