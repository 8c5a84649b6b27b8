using Microsoft.AspNetCore.Http.Features;

namespace Diagrams.HostSim;

/// <summary>Where the app under test lives.</summary>
public sealed class SimOptions
{
    public string AppBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>The Forge app id FITs are minted for (the app's <c>Forge:AppId</c> must match).</summary>
    public string ForgeAppId { get; set; } = ForgeSim.DefaultAppId;

    /// <summary>The folder holding the Custom UI resource folders (default: the repository's <c>forge/static</c>).</summary>
    public string? ForgeStaticPath { get; set; }

    /// <summary>One folder per resource key, over <see cref="ForgeStaticPath"/> (tests frame a probe resource this way).</summary>
    public Dictionary<string, string> ForgeResources { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// A stand-in Atlassian host (Confluence and Jira) for tests and demos: serves its install public key by kid,
/// sends lifecycle callbacks as Atlassian does, mints iframe and context tokens, and answers the REST calls
/// the app makes after checking the app's JWT (qsh included): Confluence v1 attachments (<see cref="Confluence"/>), Jira
/// attachments and issue properties (<see cref="Jira"/>), downloads through a media service on another host name
/// (<see cref="Media"/>), and injected faults (<see cref="Faults"/>). Control endpoints live under <c>/_sim</c>
/// (<see cref="Control"/>, <see cref="ContentControl"/>, <see cref="SandboxSetup"/>). The sandbox (<see cref="SandboxPages"/>)
/// hosts the app's iframes in pages that look like Confluence and Jira, with an AP shim over postMessage, and in Forge mode
/// (<see cref="ForgePages"/>) the app's Custom UI resources from their CDN origin (<see cref="ForgeCdn"/>) with a bridge shim.
/// </summary>
public static class Program
{
    public static Task Main(string[] args) => Build(args).RunAsync();

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var options = builder.Configuration.GetSection("HostSim").Get<SimOptions>() ?? new SimOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<SimState>();
        builder.Services.AddSingleton<Lifecycle>();
        builder.Services.AddSingleton<AppDescriptors>();
        builder.Services.AddHttpClient();
        builder.Services.AddHttpClient(nameof(ForgeRemote)).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        builder.Services.AddProblemDetails();

        // Uploads up to the per-site limit (default 100 MB, tests may raise it): the site limit answers 413, not Kestrel.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
        builder.Services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = long.MaxValue);

        var app = builder.Build();
        app.Use((context, next) =>
        {
            var state = context.RequestServices.GetRequiredService<SimState>();
            var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.ToUriComponent();
            if (!target.StartsWith("/_sim/", StringComparison.Ordinal))
            {
                state.Requests.Enqueue(context.Request.Method + " " + target);
                while (state.Requests.Count > 10_000 && state.Requests.TryDequeue(out _))
                {
                }
            }

            return next(context);
        });
        app.UseForgeCdn(); // the Custom UI origin ({app}.cdn.localhost) answers its resources and nothing else
        app.UseForgeApi(); // rewrites /ex/{product}/{cloudId}/… onto the site's routes, so routing must come after it
        app.UseRouting();
        app.MapGet("/forge/jwks.json", (SimState state) => Results.Text(state.ForgeKeys.Jwks(), "application/json"));
        app.MapGet("/install-keys/{kid}", (string kid, SimState state) => kid == state.KeyId
            ? Results.Text(state.Rsa.ExportSubjectPublicKeyInfoPem(), "application/x-pem-file")
            : Results.NotFound());
        // Browsers ask every host page for one; answer with the app's kind of icon instead of a 404 in the console.
        app.MapGet("/favicon.ico", () => Results.Text(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\"><rect width=\"16\" height=\"16\" rx=\"3\" fill=\"#0c66e4\"/></svg>", "image/svg+xml"));
        app.MapControl();
        app.MapHostRest();
        app.MapSandbox();
        return app;
    }
}
