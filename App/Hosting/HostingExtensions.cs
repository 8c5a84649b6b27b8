using Diagrams.App.Data;

namespace Diagrams.App.Hosting;

public static class HostingExtensions
{
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
