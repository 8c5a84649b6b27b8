using Diagrams.App.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Diagrams.App.Platform.Tenants;

/// <summary>
/// Finds installed tenants for the authenticated hot path without a database round trip in the steady
/// state. Entries are bounded in number and time; other instances' changes arrive through
/// <see cref="ITenantChangeFeed"/>, and a signature failure re-reads once (<see cref="ReloadAsync"/>).
/// </summary>
public sealed class TenantDirectory(IServiceScopeFactory scopes, SecretProtector protector, IOptions<Settings.RegionSet> regions) : IDisposable
{
    private static readonly TimeSpan FoundTtl = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan UnwatchedTtl = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MissingTtl = TimeSpan.FromSeconds(30);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private long _generation;
    private volatile bool _watched = true;

    /// <summary>
    /// False while the cross-instance change feed is not listening: entries then live only seconds, since
    /// a change made elsewhere would not reach us.
    /// </summary>
    public bool Watched
    {
        get => _watched;
        set
        {
            _watched = value;
            Clear();
        }
    }

    public ValueTask<TenantSnapshot?> FindAsync(string clientKey, CancellationToken ct) =>
        _cache.TryGetValue(clientKey, out TenantSnapshot? cached) || _cache.TryGetValue(Missing(clientKey), out _)
            ? ValueTask.FromResult(cached)
            : new ValueTask<TenantSnapshot?>(ReloadAsync(clientKey, ct));

    /// <summary>Reads the tenant from the database and refreshes the cache entry.</summary>
    public async Task<TenantSnapshot?> ReloadAsync(string clientKey, CancellationToken ct)
    {
        var generation = Interlocked.Read(ref _generation);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DiagramsDbContext>();
        var row = await db.Tenants.AsNoTracking()
            .Where(t => t.ClientKey == clientKey && t.Installed && t.SharedSecretCipher != null)
            .SingleOrDefaultAsync(ct);
        var policy = row is null ? null : await db.TenantSettings.AsNoTracking()
            .Where(s => s.ClientKey == clientKey)
            .Select(s => new TenantPolicy(s.DataGovernance, s.Lockdown))
            .SingleOrDefaultAsync(ct);
        var tenant = row is null ? null : ToSnapshot(row, policy ?? new TenantPolicy(regions.Value.Default, false));
        if (Interlocked.Read(ref _generation) == generation)
        {
            var options = new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = !_watched ? UnwatchedTtl : tenant is null ? MissingTtl : FoundTtl };
            _cache.Remove(tenant is null ? clientKey : Missing(clientKey));
            _cache.Set(tenant is null ? Missing(clientKey) : clientKey, tenant, options);
        }

        return tenant;
    }

    /// <summary>
    /// The site policy alone, for tenants that have no shared secret (Forge installations): cached and evicted exactly like
    /// a snapshot, so a settings change reaches every instance the same way.
    /// </summary>
    public async ValueTask<TenantPolicy> PolicyAsync(string clientKey, TenantPolicy fallback, CancellationToken ct)
    {
        if (_cache.TryGetValue(PolicyOnly(clientKey), out TenantPolicy? cached))
        {
            return cached!;
        }

        var generation = Interlocked.Read(ref _generation);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DiagramsDbContext>();
        var policy = await db.TenantSettings.AsNoTracking().Where(s => s.ClientKey == clientKey)
            .Select(s => new TenantPolicy(s.DataGovernance, s.Lockdown)).SingleOrDefaultAsync(ct) ?? fallback;
        if (Interlocked.Read(ref _generation) == generation)
        {
            _cache.Set(PolicyOnly(clientKey), policy, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _watched ? FoundTtl : UnwatchedTtl });
        }

        return policy;
    }

    public void Evict(string clientKey)
    {
        Interlocked.Increment(ref _generation);
        _cache.Remove(clientKey);
        _cache.Remove(Missing(clientKey));
        _cache.Remove(PolicyOnly(clientKey));
    }

    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _cache.Clear();
    }

    public void Dispose() => _cache.Dispose();

    private TenantSnapshot ToSnapshot(Tenant row, TenantPolicy policy) => new(
        row.ClientKey,
        row.AppKey,
        row.ProductType,
        new Uri(row.BaseUrl),
        System.Text.Encoding.UTF8.GetBytes(protector.Unprotect(row.SharedSecretCipher!, row.ClientKey)),
        row.Enabled,
        policy);

    private static string Missing(string clientKey) => "\0missing:" + clientKey;

    private static string PolicyOnly(string clientKey) => "\0policy:" + clientKey;
}
