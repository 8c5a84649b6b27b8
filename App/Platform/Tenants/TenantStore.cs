using Diagrams.App.Data;
using Diagrams.App.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Diagrams.App.Platform.Tenants;

/// <summary>The lifecycle writes. Each is an idempotent upsert in one transaction that also tells other instances.</summary>
public sealed class TenantStore(DiagramsDbContext db, SecretProtector protector, ITenantChangeFeed feed, TenantDirectory directory,
    RecentlyUninstalled recentlyUninstalled, IOptions<RegionSet> regions, TimeProvider time)
{
    public async Task InstallAsync(string clientKey, string appKey, string productType, Uri baseUrl, string sharedSecret, string? oauthClientId, CancellationToken ct,
        string? forgeInstallationId = null)
    {
        recentlyUninstalled.Remove(clientKey);
        await WriteAsync(clientKey, tenant =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            if (tenant is null)
            {
                tenant = new Tenant { ClientKey = clientKey, AppKey = appKey, ProductType = productType, BaseUrl = baseUrl.ToString().TrimEnd('/'), InstalledAtUtc = now };
                db.Tenants.Add(tenant);
            }

            if (!tenant.Installed)
            {
                tenant.InstalledAtUtc = now;
            }

            tenant.AppKey = appKey;
            tenant.ProductType = productType;
            tenant.BaseUrl = baseUrl.ToString().TrimEnd('/');
            tenant.SharedSecretCipher = protector.Protect(sharedSecret, clientKey);
            tenant.OauthClientId = oauthClientId;
            tenant.ForgeInstallationId = forgeInstallationId ?? tenant.ForgeInstallationId;
            tenant.Installed = true;
            tenant.Enabled = true;
            tenant.UpdatedAtUtc = now;
            return tenant;
        }, ct);
    }

    /// <summary>
    /// Marks the tenant uninstalled and erases its secret; its settings stay for a reinstall. The secret stays in this
    /// instance's memory for a few minutes (<see cref="RecentlyUninstalled"/>) to verify a late disabled/enabled.
    /// </summary>
    public async Task UninstallAsync(string clientKey, CancellationToken ct)
    {
        string? erased = null;
        await WriteAsync(clientKey, tenant =>
        {
            if (tenant is not null)
            {
                erased = tenant.SharedSecretCipher ?? erased;
                tenant.Installed = false;
                tenant.Enabled = false;
                tenant.SharedSecretCipher = null;
                tenant.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
            }

            return tenant;
        }, ct);
        if (erased is not null)
        {
            recentlyUninstalled.Add(clientKey, System.Text.Encoding.UTF8.GetBytes(protector.Unprotect(erased, clientKey)));
        }
    }

    public Task SetEnabledAsync(string clientKey, bool enabled, CancellationToken ct) =>
        WriteAsync(clientKey, tenant =>
        {
            if (tenant is { Installed: true } && tenant.Enabled != enabled)
            {
                tenant.Enabled = enabled;
                tenant.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
            }

            return tenant;
        }, ct);

    private async Task WriteAsync(string clientKey, Func<Tenant?, Tenant?> change, CancellationToken ct)
    {
        // Two callbacks for one new site can race on the insert; the loser retries as an update.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var tenant = change(await db.Tenants.SingleOrDefaultAsync(t => t.ClientKey == clientKey, ct));
                if (tenant is { Installed: true } && !await db.TenantSettings.AnyAsync(s => s.ClientKey == clientKey, ct))
                {
                    db.TenantSettings.Add(new TenantSettings { ClientKey = clientKey, DataGovernance = regions.Value.Default, UpdatedAtUtc = time.GetUtcNow().UtcDateTime });
                }

                await db.SaveChangesAsync(ct);
                await feed.PublishAsync(db, clientKey, ct);
                await transaction.CommitAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                db.ChangeTracker.Clear();
            }
            finally
            {
                directory.Evict(clientKey);
            }
        }
    }
}
