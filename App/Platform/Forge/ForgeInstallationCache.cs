using Microsoft.Extensions.Caching.Memory;

namespace Diagrams.App.Platform.Forge;

/// <summary>
/// Which tenant an installation uses, per (cloudId, environment, product, installationId): the mapping never changes once
/// made (a reinstall is a new installationId, so a new entry), so entries are safe to keep. Bounded in number and time.
/// First lookups of one installation on this instance go to the database one at a time, so concurrent first calls do not
/// race to insert the same row.
/// </summary>
public sealed class ForgeInstallationCache : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private readonly MemoryCache _tenants = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private readonly SemaphoreSlim _creating = new(1, 1);

    public string? Find(ForgeInvocation fit) => _tenants.TryGetValue(Key(fit), out string? tenantKey) ? tenantKey : null;

    public async Task<string> CreateOnceAsync(ForgeInvocation fit, Func<Task<string>> findOrCreate, CancellationToken ct)
    {
        await _creating.WaitAsync(ct);
        try
        {
            if (Find(fit) is { } known)
            {
                return known;
            }

            var tenantKey = await findOrCreate();
            _tenants.Set(Key(fit), tenantKey, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
            return tenantKey;
        }
        finally
        {
            _creating.Release();
        }
    }

    public void Dispose()
    {
        _tenants.Dispose();
        _creating.Dispose();
    }

    private static string Key(ForgeInvocation fit) => string.Join('\n', fit.CloudId, fit.EnvironmentId, fit.Product, fit.InstallationId);
}
