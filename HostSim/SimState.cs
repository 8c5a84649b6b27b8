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

    /// <summary>The site as Forge sees it: cloudId, installation, environment, app system token.</summary>
    public SimForgeInstallation Forge { get; } = new();

    public ConcurrentDictionary<string, bool> Users { get; } = new(StringComparer.Ordinal);

    public string BasePath => new Uri(BaseUrl).AbsolutePath.TrimEnd('/');

    /// <summary>The sandbox user the sandbox pages act as (see <see cref="Sandbox"/>); null on sites tests create.</summary>
    public string? SandboxUser { get; set; }

    /// <summary>Confluence pages by id (control plane: <c>PUT /_sim/sites/{id}/pages/{pageId}</c>).</summary>
    public ConcurrentDictionary<string, SimPage> Pages { get; } = new(StringComparer.Ordinal);

    /// <summary>Jira issues by key (control plane: <c>PUT /_sim/sites/{id}/issues/{issueKey}</c>).</summary>
    public ConcurrentDictionary<string, SimIssue> Issues { get; } = new(StringComparer.Ordinal);

    /// <summary>Jira issue properties: (issue key, property key) -> raw JSON value.</summary>
    public ConcurrentDictionary<(string Issue, string Key), string> IssueProperties { get; } = new();

    /// <summary>Uploads larger than this answer 413 (default 100 MB).</summary>
    public long MaxAttachmentBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Where download redirects point; null = this HostSim under another host name (see <see cref="Media"/>).</summary>
    public string? MediaBase { get; set; }

    /// <summary>Guards <see cref="Attachments"/> and the id counter.</summary>
    public Lock Sync { get; } = new();

    /// <summary>Every stored attachment of the site, Confluence and Jira, in creation order. Guarded by <see cref="Sync"/>.</summary>
    public List<SimAttachment> Attachments { get; } = [];

    /// <summary>Last attachment number handed out: "att{n}" on Confluence, "{n}" on Jira (first Jira id is 10001). Guarded by <see cref="Sync"/>.</summary>
    public long LastAttachmentNumber { get; set; } = 10000;

    public SimAttachment? FindAttachment(string attachmentId)
    {
        lock (Sync)
        {
            return Attachments.Find(a => a.Id == attachmentId);
        }
    }
}

/// <summary>A REST call the simulated host received, with the outcome of its JWT check.</summary>
/// <remarks><c>Status</c> is the JWT outcome (200 accepted, 401 refused), not the final status; <c>Fault</c> names the
/// fault that fired on the call, if any.
/// <c>Caller</c> is "app" (the app's JWT) or "user" (a sandbox page's session, as AP.request runs).</remarks>
public sealed record ReceivedCall(string SiteId, string Method, string Path, int Status, string? JwtFailure, string? Query = null, string? Fault = null, string Caller = "app");

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

    /// <summary>Every request this host received outside the control plane, as "METHOD raw-target" (the newest 10,000).</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public FaultBook Faults { get; } = new();

    /// <summary>Opaque media ids minted by download redirects.</summary>
    public ConcurrentDictionary<string, MediaLink> MediaLinks { get; } = new(StringComparer.Ordinal);

    /// <summary>Every request the media service received.</summary>
    public ConcurrentQueue<MediaRequest> MediaRequests { get; } = new();

    /// <summary>Sandbox page sessions by cookie value (see <see cref="SandboxSessions"/>).</summary>
    public ConcurrentDictionary<string, SandboxSession> Sessions { get; } = new(StringComparer.Ordinal);

    /// <summary>Every UI call the sandbox's Forge bridge proxied to the app (<c>invokeRemote</c>).</summary>
    public ConcurrentQueue<ForgeInvocationRecord> ForgeInvocations { get; } = new();

    /// <summary>Forge's FIT signing keys (the JWKS publishes the published ones).</summary>
    public ForgeKeys ForgeKeys { get; } = new();

    public string NextSiteId() => "s" + Interlocked.Increment(ref _nextSite);

    public SimSite? FindByClientKey(string clientKey) => Sites.Values.FirstOrDefault(s => s.ClientKey == clientKey);

    public static string NewSecret() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(48));

    public void Dispose() => Rsa.Dispose();
}
