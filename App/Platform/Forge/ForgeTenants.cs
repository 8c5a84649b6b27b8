using Diagrams.App.Data;
using Diagrams.App.Platform.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Diagrams.App.Platform.Forge;

/// <summary>
/// One tenant model for both ways in: a verified FIT finds its installation by (cloudId, environment, product) and uses
/// that installation's tenant, so settings, lockdown, region and audit are the same rows a Connect tenant has. A new
/// installation is linked to the Connect tenant whose install named it (<c>installationId</c> in the Connect payload),
/// otherwise it gets a tenant of its own; a reinstall only records the new installation id.
/// </summary>
public sealed class ForgeTenants(DiagramsDbContext db, ForgeInstallationCache cache, TenantDirectory directory, IOptions<ForgeOptions> options,
    IOptions<Settings.RegionSet> regions, TimeProvider time)
{
    public const string KeyPrefix = "forge:";

    /// <summary>
    /// In the steady state no database round trip: the installation's tenant key is cached per (cloudId, environment,
    /// product, installationId) and the policy comes from <see cref="TenantDirectory"/>, evicted on every settings change.
    /// </summary>
    public async Task<TenantSnapshot> ResolveAsync(ForgeInvocation fit, string? systemToken, CancellationToken ct)
    {
        var tenantKey = cache.Find(fit) ?? await cache.CreateOnceAsync(fit, async () => (await FindOrCreateAsync(fit, ct)).TenantKey, ct);
        var policy = await directory.PolicyAsync(tenantKey, new TenantPolicy(regions.Value.Default, false), ct);
        var baseUrl = fit.Product == ProductTypes.Confluence ? new Uri(fit.ApiBaseUrl.ToString().TrimEnd('/') + "/wiki") : fit.ApiBaseUrl;
        return new TenantSnapshot(tenantKey, options.Value.AppId!, fit.Product, baseUrl, [], true, policy, new ForgeCredentials(systemToken));
    }

    private async Task<ForgeInstallation> FindOrCreateAsync(ForgeInvocation fit, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var row = await db.ForgeInstallations.SingleOrDefaultAsync(f => f.CloudId == fit.CloudId && f.EnvironmentId == fit.EnvironmentId && f.Product == fit.Product, ct);
            try
            {
                if (row is null)
                {
                    row = new ForgeInstallation
                    {
                        CloudId = fit.CloudId, EnvironmentId = fit.EnvironmentId, Product = fit.Product, InstallationId = fit.InstallationId,
                        TenantKey = await LinkedConnectTenantAsync(fit, ct) ?? await NewTenantAsync(fit, ct), UpdatedAtUtc = time.GetUtcNow().UtcDateTime,
                    };
                    db.ForgeInstallations.Add(row);
                    await db.SaveChangesAsync(ct);
                }
                else if (row.InstallationId != fit.InstallationId)
                {
                    row.InstallationId = fit.InstallationId; // reinstalled: same site and environment, same settings
                    row.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
                    await db.SaveChangesAsync(ct);
                }

                return row;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear(); // another request created it at the same moment
            }
        }
    }

    private Task<string?> LinkedConnectTenantAsync(ForgeInvocation fit, CancellationToken ct) =>
        db.Tenants.Where(t => t.ForgeInstallationId == fit.InstallationId && t.ProductType == fit.Product)
            .Select(t => (string?)t.ClientKey).FirstOrDefaultAsync(ct);

    private async Task<string> NewTenantAsync(ForgeInvocation fit, CancellationToken ct)
    {
        var key = $"{KeyPrefix}{fit.Product}:{fit.CloudId}:{fit.EnvironmentId}";
        key = key.Length <= Tenant.ClientKeyMaxLength ? key : key[..Tenant.ClientKeyMaxLength];
        if (!await db.Tenants.AnyAsync(t => t.ClientKey == key, ct))
        {
            var now = time.GetUtcNow().UtcDateTime;
            db.Tenants.Add(new Tenant
            {
                ClientKey = key, AppKey = options.Value.AppId!, ProductType = fit.Product, BaseUrl = fit.ApiBaseUrl.ToString().TrimEnd('/'),
                Installed = true, Enabled = true, InstalledAtUtc = now, UpdatedAtUtc = now,
            });
        }

        if (!await db.TenantSettings.AnyAsync(s => s.ClientKey == key, ct))
        {
            db.TenantSettings.Add(new Settings.TenantSettings { ClientKey = key, DataGovernance = regions.Value.Default, UpdatedAtUtc = time.GetUtcNow().UtcDateTime }); // no lockdown
        }

        return key;
    }
}
