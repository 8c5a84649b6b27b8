namespace Diagrams.App.Platform.Tenants;

/// <summary>An installed tenant as the hot path needs it: the decrypted secret lives only in memory.</summary>
/// <param name="Policy">The site's settings as of the snapshot; a settings change evicts the snapshot on every instance.</param>
/// <param name="Forge">Set for a caller that came through Forge: product calls then go to <c>BaseUrl</c> (the FIT's apiBaseUrl) with
/// Forge's app system token instead of a Connect JWT. Such a snapshot lives for one request only.</param>
public sealed record TenantSnapshot(string ClientKey, string AppKey, string ProductType, Uri BaseUrl, byte[] SharedSecret, bool Enabled, TenantPolicy Policy,
    ForgeCredentials? Forge = null)
{
    public bool IsConfluence => ProductType == ProductTypes.Confluence;
}

/// <summary>The app system token Forge sent with this request (<c>x-forge-oauth-system</c>): opaque, never stored, never logged.</summary>
public sealed class ForgeCredentials(string? systemToken)
{
    public string? SystemToken { get; } = systemToken;

    public override string ToString() => "ForgeCredentials(***)";
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
