namespace Diagrams.App.Platform.Connect;

/// <summary>The kinds of Connect token a route accepts; every route but the public ones names exactly one.</summary>
public enum ConnectAuthKind
{
    /// <summary>RS256 from Atlassian, key by <c>kid</c>, full qsh, <c>aud</c> = our base URL.</summary>
    InstallCallback,

    /// <summary>HS256 with the tenant secret and the full qsh of this request (iframe loads, enabled/disabled).</summary>
    HostRequest,

    /// <summary>HS256 with the tenant secret and qsh exactly <c>context-qsh</c> (<c>AP.context.getToken()</c>).</summary>
    ContextToken,
}

/// <summary>Route metadata: which token kind the route takes (its policy is the scheme of that kind, see <see cref="ConnectAuthentication"/>).</summary>
/// <param name="IsLifecycle">enabled/disabled callbacks: a disabled tenant is accepted, and a callback for a tenant
/// that is already uninstalled is a no-op (Atlassian may deliver disabled and uninstalled in either order).</param>
public sealed record ConnectAuthMetadata(ConnectAuthKind Kind, bool IsLifecycle = false);

public static class ConnectAuthExtensions
{
    public static TBuilder RequireConnectJwt<TBuilder>(this TBuilder builder, ConnectAuthKind kind, bool isLifecycle = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ConnectAuthMetadata(kind, isLifecycle)).RequireAuthorization(ConnectAuthentication.Scheme(kind));
}

/// <summary>The outcome of a token check: a verified tenant, or why not (safe to show: never echoes the token).</summary>
/// <param name="Late">A verified enabled/disabled for a site this instance has just uninstalled: answered 204, changes nothing.</param>
public sealed record TokenCheck(Tenants.TenantSnapshot? Tenant, string? AccountId, string? Failure, bool Late = false)
{
    public static readonly TokenCheck LateLifecycle = new(null, null, null, Late: true);

    public static TokenCheck Fail(string failure) => new(null, null, failure);

    public static TokenCheck Ok(Tenants.TenantSnapshot tenant, string? accountId) => new(tenant, accountId, null);

    public bool Succeeded => Tenant is not null;
}
