using Diagrams.App.Data;
using Diagrams.App.Hosting;
using Diagrams.App.Platform.Connect;
using Diagrams.App.Platform.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Diagrams.App.Settings;

/// <summary><c>GET/PUT /api/settings</c> and <c>GET /api/capabilities</c>, all on context tokens; writes admin-only.</summary>
public static class SettingsModule
{
    private const int MaxBodyBytes = 16 * 1024;

    /// <summary>The settings routes' services and the configured region set (<c>Regions:{CODE}:*</c>, checked at start-up).</summary>
    public static IHostApplicationBuilder AddSettings(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RegionSet>().Configure<IConfiguration>((regions, configuration) => regions.Load(configuration.GetSection(RegionSet.Section))).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RegionSet>, RegionSetValidation>());
        services.AddScoped<AdminCheck>();
        return builder;
    }

    public static IEndpointRouteBuilder MapSettings(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").RequireConnectJwt(ConnectAuthKind.ContextToken);
        api.MapGet("/settings", GetAsync);
        api.MapPut("/settings", PutAsync);
        api.MapGet("/capabilities", (CurrentTenant current, IOptions<RegionSet> regions) => TypedResults.Ok(Capabilities.From(current.Tenant.Policy, regions.Value)));
        return routes;
    }

    private static async Task<Ok<SettingsView>> GetAsync(HttpContext context, CurrentTenant current, DiagramsDbContext db, IOptions<RegionSet> regions, CancellationToken ct)
    {
        var row = await LoadAsync(db, current, ct);
        context.Response.Headers.ETag = ETagOf(row.Version);
        return TypedResults.Ok(SettingsView.From(row, regions.Value));
    }

    private static async Task<IResult> PutAsync(HttpContext context, CurrentTenant current, AdminCheck admins, DiagramsDbContext db,
        ITenantChangeFeed feed, TenantDirectory directory, IOptions<RegionSet> regions, TimeProvider time, CancellationToken ct)
    {
        if (await admins.RefuseNonAdminAsync(current, "change these settings", ct) is { } refused)
        {
            return refused;
        }

        var ifMatch = context.Request.Headers.IfMatch.ToString().Trim();
        if (ifMatch.Length == 0)
        {
            return Problem(StatusCodes.Status428PreconditionRequired, "If-Match required",
                "Send the ETag from GET /api/settings in If-Match (or '*' to overwrite whatever is there).");
        }

        var (document, error) = await BoundedJson.ReadAsync(context.Request, MaxBodyBytes, maxDepth: 4, ct);
        if (document is null)
        {
            return error!;
        }

        var row = await db.TenantSettings.SingleAsync(s => s.ClientKey == current.Tenant.ClientKey, ct);
        if (ifMatch != "*" && ifMatch != ETagOf(row.Version))
        {
            return Problem(StatusCodes.Status412PreconditionFailed, "Settings changed meanwhile",
                $"The settings are now at version {row.Version} (ETag {ETagOf(row.Version)}); reload them and apply your change again.");
        }

        var old = SettingsDocument.From(row);
        SettingsDocument? updated;
        Dictionary<string, string[]> errors;
        using (document)
        {
            (updated, errors) = SettingsDocument.Apply(old, document.RootElement, regions.Value);
        }

        if (updated is null)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid settings",
                detail: string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        }

        if (updated != old)
        {
            var now = time.GetUtcNow().UtcDateTime;
            row.DataGovernance = updated.DataGovernance;
            row.Lockdown = updated.Lockdown;
            row.Version++;
            row.UpdatedAtUtc = now;
            db.SettingsChanges.Add(new SettingsChange { Id = Guid.NewGuid(), ClientKey = row.ClientKey, ChangedAtUtc = now, OldValue = old.ToJson(), NewValue = updated.ToJson() });
            try
            {
                // The tenant snapshot every instance caches carries the policy: tell them all, on commit.
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.SaveChangesAsync(ct);
                await feed.PublishAsync(db, row.ClientKey, ct);
                await transaction.CommitAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Problem(StatusCodes.Status412PreconditionFailed, "Settings changed meanwhile", "Another change landed first; reload the settings and apply your change again.");
            }
            finally
            {
                directory.Evict(row.ClientKey);
            }
        }

        context.Response.Headers.ETag = ETagOf(row.Version);
        return TypedResults.Ok(SettingsView.From(row, regions.Value));
    }

    /// <summary>Settings of the verified tenant only; the row exists from install on.</summary>
    internal static Task<TenantSettings> LoadAsync(DiagramsDbContext db, CurrentTenant current, CancellationToken ct) =>
        db.TenantSettings.AsNoTracking().SingleAsync(s => s.ClientKey == current.Tenant.ClientKey, ct);

    private static string ETagOf(int version) => $"\"{version}\"";

    private static ProblemHttpResult Problem(int status, string title, string detail) => TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
