using Microsoft.Extensions.Caching.Memory;

namespace Diagrams.App.Platform.Tenants;

/// <summary>
/// The shared secrets of sites this instance uninstalled in the last few minutes, in memory only: the database copy is erased at
/// uninstall. Atlassian may deliver <c>disabled</c> after <c>uninstalled</c>; such a late callback still verifies against
/// the secret and is a no-op, while a forged one gets the same 401 as for a site that never installed.
/// </summary>
public sealed class RecentlyUninstalled : IDisposable
{
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(5);

    private readonly MemoryCache _secrets = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public void Add(string clientKey, byte[] sharedSecret) =>
        _secrets.Set(clientKey, sharedSecret, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Retention });

    public void Remove(string clientKey) => _secrets.Remove(clientKey);

    public byte[]? Find(string clientKey) => _secrets.TryGetValue(clientKey, out byte[]? secret) ? secret : null;

    public void Dispose() => _secrets.Dispose();
}
