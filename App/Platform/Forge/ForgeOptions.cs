namespace Diagrams.App.Platform.Forge;

/// <summary><c>Forge:*</c>: the Forge app this backend serves as a Forge Remote. Without <c>AppId</c>, every Forge call answers 401.</summary>
public sealed class ForgeOptions
{
    public const string Section = "Forge";

    /// <summary>The app's ARI from the manifest (<c>ari:cloud:ecosystem::app/&lt;uuid&gt;</c>): the FIT's required <c>aud</c>.</summary>
    public string? AppId { get; set; }

    /// <summary>Where Forge's FIT signing keys are published (a JWKS document, not OIDC discovery).</summary>
    public string JwksUrl { get; set; } = "https://forge.cdn.prod.atlassian-dev.net/.well-known/jwks.json";

    /// <summary>Hosts a FIT's <c>app.apiBaseUrl</c> may name; product calls go only there. Configured patterns replace the default.</summary>
    public string[] ApiHosts { get; set; } = [];

    public static readonly string[] DefaultApiHosts = ["api.atlassian.com"];

    public string[] EffectiveApiHosts => ApiHosts.Length == 0 ? DefaultApiHosts : ApiHosts;

    /// <summary>An unknown <c>kid</c> re-reads the JWKS at most this often (default once a minute).</summary>
    public double JwksRefreshSeconds { get; set; } = 60;

    /// <summary>Allowed clock skew on <c>exp</c>/<c>nbf</c> (at most 30 s).</summary>
    public double LeewaySeconds { get; set; } = 30;

    /// <summary>
    /// Forge answers a UI call (<c>invokeRemote</c>) within 25 s; a job reached through <c>/forge</c> gets this budget
    /// (1 to 25 s, default 24) instead of <c>Regions:JobTimeoutSeconds</c> when it is smaller, and is cut with a 504 beyond it.
    /// </summary>
    public double UiCallTimeoutSeconds { get; set; } = 24;

    /// <summary>
    /// The most a Forge UI call (<c>invokeRemote</c>, everything under <c>/forge</c>) may carry each way: 1 MiB by default (1 KiB
    /// to 10 MiB). Forge relays these bodies through its own gateway and publishes no larger bound; diagrams go from the page
    /// to the site directly, and large jobs go by job ticket.
    /// </summary>
    public long MaxUiCallBytes { get; set; } = 1024 * 1024;

    /// <summary>Origins (<c>https://host</c> or <c>https://*.suffix</c>) whose pages may call the ticketed job route cross-origin; none by default.</summary>
    public string[] UiOrigins { get; set; } = [];

    public bool Enabled => !string.IsNullOrEmpty(AppId);
}
