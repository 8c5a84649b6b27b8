using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Diagrams.App.Platform.Connect;
using Diagrams.App.Hosting;
using Diagrams.App.Platform.HostCalls;
using Diagrams.App.Platform.Tenants;

namespace Diagrams.App.Settings;

/// <summary>The host could not answer the admin check; the change was not made.</summary>
public sealed class HostCheckFailedException(string message) : Exception(message), IProblemAnswer
{
    public int Status => StatusCodes.Status502BadGateway;

    public string Title => "Admin check failed";
}

/// <summary>
/// Asks the tenant's own site whether an account is a site admin, signed as the app. The accountId is
/// used for this call only: never stored, never logged.
/// </summary>
public sealed class AdminCheck(HostClient host)
{
    private static readonly string[] AdministerPermission = ["ADMINISTER"];

    /// <summary>403 unless the token's user is a site admin; null to proceed.</summary>
    /// <exception cref="HostCheckFailedException">The site cannot say (502).</exception>
    public async Task<IResult?> RefuseNonAdminAsync(CurrentTenant current, string action, CancellationToken ct)
    {
        if (current.AccountId is not { Length: > 0 and <= 128 } accountId)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Admins only", detail: $"The token names no user; only a site admin may {action}.");
        }

        return await IsAdminAsync(current.Tenant, accountId, ct)
            ? null
            : Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Admins only", detail: $"Only a site admin may {action}.");
    }

    public async Task<bool> IsAdminAsync(TenantSnapshot tenant, string accountId, CancellationToken ct)
    {
        try
        {
            return tenant.IsConfluence ? await IsConfluenceAdminAsync(tenant, accountId, ct) : await IsJiraAdminAsync(tenant, accountId, ct);
        }
        catch (HostNotAllowedException ex)
        {
            throw new HostCheckFailedException(ex.Message);
        }
        catch (Exception ex) when ((ex is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException
            or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException) && !ct.IsCancellationRequested)
        {
            throw new HostCheckFailedException($"The site did not answer the admin check ({ex.GetType().Name}); try again.");
        }
    }

    // Confluence: GET /wiki/rest/api/user?accountId=&expand=operations lists what the user may do;
    // site administration shows as {"operation":"administer","targetType":"application"}.
    private async Task<bool> IsConfluenceAdminAsync(TenantSnapshot tenant, string accountId, CancellationToken ct)
    {
        using var response = await host.SendAsync(tenant, HttpMethod.Get, RestPath.Confluence("user").With(("accountId", accountId), ("expand", "operations")), null, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        EnsureAnswered(response);
        using var body = await host.ReadJsonAsync(response, ct);
        return body.RootElement.TryGetProperty("operations", out var operations) && operations.ValueKind == JsonValueKind.Array
            && operations.EnumerateArray().Any(o => o.ValueKind == JsonValueKind.Object
                && o.TryGetProperty("operation", out var op) && op.ValueKind == JsonValueKind.String && op.GetString() == "administer"
                && o.TryGetProperty("targetType", out var target) && target.ValueKind == JsonValueKind.String && target.GetString() == "application");
    }

    // Jira: POST /rest/api/3/permissions/check answers with the global permissions the account holds.
    private async Task<bool> IsJiraAdminAsync(TenantSnapshot tenant, string accountId, CancellationToken ct)
    {
        var request = JsonContent.Create(new { accountId, globalPermissions = AdministerPermission });
        using var response = await host.SendAsync(tenant, HttpMethod.Post, RestPath.Jira("permissions", "check"), request, ct);
        EnsureAnswered(response);
        using var body = await host.ReadJsonAsync(response, ct);
        return body.RootElement.TryGetProperty("globalPermissions", out var granted) && granted.ValueKind == JsonValueKind.Array
            && granted.EnumerateArray().Any(p => p.ValueKind == JsonValueKind.String && p.GetString() == "ADMINISTER");
    }

    private static void EnsureAnswered(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HostCheckFailedException($"The site answered the admin check with HTTP {(int)response.StatusCode}; try again.");
        }
    }
}
