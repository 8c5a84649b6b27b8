using System.Security.Claims;
using System.Text.Encodings.Web;
using Diagrams.App.Data;
using Diagrams.App.Platform.Connect;
using Diagrams.App.Platform.Tenants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Diagrams.App.Platform.Forge;

/// <summary>Route metadata: the route takes a job ticket (<see cref="JobTicketAuthentication"/>); <paramref name="Preflight"/> marks its CORS preflight.</summary>
public sealed record JobTicketAuthMetadata(bool Preflight = false);

/// <summary><c>Authorization: Ticket &lt;ticket&gt;</c> on <c>/jobs/ticketed/{kind}</c>, called by the Forge Custom UI in the browser.</summary>
public static class JobTicketAuthentication
{
    public const string Scheme = "job-ticket";
    public const string AuthorizationPrefix = "Ticket ";
}

/// <summary>
/// Redeems the ticket for the route's job kind (once), then loads the ticket's tenant as it is now, so the job sees the
/// site's current region and lockdown. Served on the app's own base URL, never under <c>/forge</c>.
/// </summary>
public sealed class JobTicketAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    JobTickets tickets, ForgeUiOrigins origins, TenantDirectory directory, IOptions<Settings.RegionSet> regions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        origins.AllowResponse(Context); // so the Custom UI can read the answer, refusals included
        if (ForgeAuthentication.IsForgeCall(Context))
        {
            return AuthenticateResult.Fail("Ticketed jobs are served on the app's base URL, not under /forge.");
        }

        var header = Request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith(JobTicketAuthentication.AuthorizationPrefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.Fail("A job ticket is required: Authorization: Ticket <ticket> (from POST /forge/api/jobs/tickets).");
        }

        var kind = Request.RouteValues["kind"] as string ?? string.Empty;
        var db = Context.RequestServices.GetRequiredService<DiagramsDbContext>();
        var (grant, failure) = await tickets.RedeemAsync(value[JobTicketAuthentication.AuthorizationPrefix.Length..].Trim(), kind, db, Context.RequestAborted);
        if (grant is null)
        {
            return AuthenticateResult.Fail(failure!);
        }

        var row = await db.Tenants.AsNoTracking().Where(t => t.ClientKey == grant.TenantKey && t.Installed && t.Enabled)
            .Select(t => new { t.ClientKey, t.AppKey, t.ProductType, t.BaseUrl }).SingleOrDefaultAsync(Context.RequestAborted);
        if (row is null)
        {
            return AuthenticateResult.Fail("The job ticket's site is no longer installed or is disabled.");
        }

        var policy = await directory.PolicyAsync(row.ClientKey, new TenantPolicy(regions.Value.Default, false), Context.RequestAborted);
        var tenant = new TenantSnapshot(row.ClientKey, row.AppKey, row.ProductType, new Uri(row.BaseUrl), [], true, policy, new ForgeCredentials(null));
        Context.RequestServices.GetRequiredService<CurrentTenant>().Set(tenant, null);
        var identity = new ClaimsIdentity([new Claim("clientKey", row.ClientKey)], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await Reject.WriteAsync(Context, Logger, result.Failure?.Message ?? "A job ticket is required.", "Ticket");
    }
}
