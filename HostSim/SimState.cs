using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Diagrams.HostSim;

/// <summary>One simulated Confluence or Jira site that installed the app.</summary>
public sealed class SimSite
{
    public required string Id { get; init; }

    public required string ClientKey { get; init; }

    public required string Product { get; init; }

    /// <summary>The site's base URL as sent in the install payload (Confluence ends in /wiki).</summary>
    public required string BaseUrl { get; set; }

    public required string SharedSecret { get; set; }

    /// <summary>The app key from the descriptor the site installed.</summary>
    public string AppKey { get; set; } = string.Empty;

    public ConcurrentDictionary<string, bool> Admins { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, bool> Users { get; } = new(StringComparer.Ordinal);

    public string BasePath => new Uri(BaseUrl).AbsolutePath.TrimEnd('/');
}

/// <summary>A REST call the simulated host received, with the outcome of its JWT check.</summary>
public sealed record ReceivedCall(string SiteId, string Method, string Path, int Status, string? JwtFailure);

/// <summary>The host's state: its install signing key and its sites. In memory only.</summary>
public sealed class SimState : IDisposable
{
    private int _nextSite;

    public SimState()
    {
        Rsa = RSA.Create(2048);
        KeyId = "hostsim-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        SigningKey = new RsaSecurityKey(Rsa) { KeyId = KeyId };
    }

    public RSA Rsa { get; }

    public string KeyId { get; }

    public RsaSecurityKey SigningKey { get; }

    public ConcurrentDictionary<string, SimSite> Sites { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<ReceivedCall> Calls { get; } = new();

    public string NextSiteId() => "s" + Interlocked.Increment(ref _nextSite);

    public SimSite? FindByClientKey(string clientKey) => Sites.Values.FirstOrDefault(s => s.ClientKey == clientKey);

    public static string NewSecret() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(48));

    public void Dispose() => Rsa.Dispose();
}
