using System.Text.Json;
using Diagrams.App.Hosting;
using Diagrams.App.Platform.Connect;
using Diagrams.App.Platform.Forge;
using Diagrams.App.Platform.Tenants;
using Microsoft.Extensions.Options;

namespace Diagrams.App.Jobs;

/// <summary>
/// Long jobs from a Forge UI: <c>POST /forge/api/jobs/tickets</c> (a FIT) hands out a ticket, and the browser posts the job
/// to <c>/jobs/ticketed/{kind}</c> on the app's base URL with it. That route runs the same job handler as
/// <c>/api/jobs/{kind}</c> (region, lockdown, limits, audit) under <c>Regions:JobTimeoutSeconds</c>.
/// </summary>
public static class JobTicketEndpoints
{
    public const string TicketedRoute = "/jobs/ticketed/{kind}";

    internal static IEndpointRouteBuilder MapJobTickets(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/jobs/tickets", IssueAsync).WithMetadata(new ForgeAuthMetadata()).RequireAuthorization(ForgeAuthentication.Scheme);
        routes.MapPost(TicketedRoute, JobsModule.RunAsync).WithMetadata(new JobTicketAuthMetadata()).RequireAuthorization(JobTicketAuthentication.Scheme);
        routes.MapMethods(TicketedRoute, [HttpMethods.Options], (HttpContext http, ForgeUiOrigins origins) => origins.Preflight(http))
            .WithMetadata(new JobTicketAuthMetadata(Preflight: true)).AllowAnonymous();
        return routes;
    }

    private static async Task<IResult> IssueAsync(HttpContext http, CurrentTenant current, JobTickets tickets, IOptions<AppOptions> app)
    {
        if (!ForgeAuthentication.IsForgeCall(http))
        {
            return Results.NotFound();
        }

        if (current.Tenant.Policy.Lockdown)
        {
            return Results.Problem(statusCode: 403, title: "Lockdown", detail: "This site is in lockdown: nothing is sent to the app's servers.",
                extensions: new Dictionary<string, object?> { ["code"] = "lockdown" });
        }

        var (document, error) = await BoundedJson.ReadAsync(http.Request, 1024, maxDepth: 4, http.RequestAborted);
        if (document is null)
        {
            return error!;
        }

        using (document)
        {
            var kind = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("kind", out var k)
                && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            if (kind is null || !JobsModule.Kinds.Contains(kind))
            {
                return Results.Problem(statusCode: 400, title: "Unknown job kind",
                    detail: $"Send {{\"kind\": \"...\"}} with one of: {string.Join(", ", JobsModule.Kinds)}.");
            }

            return Results.Json(new
            {
                ticket = tickets.Issue(current.Tenant.ClientKey, kind),
                url = $"{app.Value.NormalizedBaseUrl}{TicketedRoute.Replace("{kind}", kind, StringComparison.Ordinal)}",
                expiresInSeconds = JobTickets.LifetimeSeconds,
            });
        }
    }
}
