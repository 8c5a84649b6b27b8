namespace Diagrams.App.Tenants;

/// <summary>An installed tenant as the hot path needs it: the decrypted secret lives only in memory.</summary>
/// <param name="Policy">The site's settings as of the snapshot; a settings change evicts the snapshot on every instance.</param>
public sealed record TenantSnapshot(string ClientKey, string AppKey, string ProductType, Uri BaseUrl, byte[] SharedSecret, bool Enabled, TenantPolicy Policy)
{
    public bool IsConfluence => ProductType == ProductTypes.Confluence;
}

/// <summary>What the settings decide for the hot path: region and lockdown.</summary>
public sealed record TenantPolicy(string DataGovernance, bool Lockdown);

public static class ProductTypes
{
    public const string Confluence = "confluence";
    public const string Jira = "jira";
}

/// <summary>The tenant the verified token names, for the current request only.</summary>
public sealed class CurrentTenant
{
    private TenantSnapshot? _tenant;

    public TenantSnapshot Tenant => _tenant ?? throw new InvalidOperationException("No verified tenant on this request: the endpoint lacks Connect authentication.");

    /// <summary>The token's <c>sub</c> (an Atlassian accountId), if any. Used within the request, never stored or logged.</summary>
    public string? AccountId { get; private set; }

    internal void Set(TenantSnapshot tenant, string? accountId)
    {
        _tenant = tenant;
        AccountId = accountId;
    }
}
