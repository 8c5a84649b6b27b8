using System.Security.Authentication;
using Diagrams.App.Data;
using Diagrams.App.Platform.Forge;

namespace Diagrams.App.Hosting;

public static class HostingExtensions
{
    /// <summary>What every response relies on: content-safe logging, TLS 1.2+, ProblemDetails (and the one exception handler), HSTS.</summary>
    public static IHostApplicationBuilder AddHosting(this WebApplicationBuilder builder)
    {
        builder.Logging.AddContentSafeFilters();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.IncludeSubDomains = true;
            hsts.ExcludedHosts.Clear(); // outside Development every host gets HSTS, loopback included
        });
        return builder;
    }

    /// <summary>
    /// The pipeline in front of every route: errors as ProblemDetails, HSTS, the Forge path base (the manifest endpoint's
    /// <c>route.path</c>), routing, the security headers, and authorization (each route's scheme, or the fail-closed fallback).
    /// </summary>
    public static WebApplication UseHosting(this WebApplication app)
    {
        app.UseTrustedForwardedProto();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UsePathBase(ForgeAuthentication.PathBase);
        app.UseMiddleware<ForgeCallLimits>(); // Forge:MaxUiCallBytes each way, under /forge only
        app.UseRouting();
        app.UseMiddleware<SecurityHeaders>();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// Categories that would write request URLs (a jwt query parameter, an accountId in an outbound query)
    /// or SQL are held at Warning whatever the configured level.
    /// </summary>
    public static ILoggingBuilder AddContentSafeFilters(this ILoggingBuilder logging) => logging
        .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning)
        .AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning)
        .AddFilter("Microsoft.AspNetCore.HttpLogging", LogLevel.None)
        .AddFilter("System.Net.Http.HttpClient", LogLevel.Warning)
        .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);

    /// <summary>
    /// <c>App:TrustForwardedProto</c>: behind a TLS-terminating proxy, take the scheme it reports in
    /// <c>X-Forwarded-Proto</c>, so HSTS is sent. Off by default: only set it when a proxy always sets the header.
    /// </summary>
    private static WebApplication UseTrustedForwardedProto(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>("App:TrustForwardedProto"))
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            app.UseForwardedHeaders(forwarded);
        }

        return app;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous();
        routes.MapGet("/readyz", async (DiagramsDbContext db, CancellationToken ct) =>
            await db.Database.CanConnectAsync(ct)
                ? Results.Text("ready")
                : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready", detail: "The database is not reachable."))
            .AllowAnonymous();
        return routes;
    }
}
