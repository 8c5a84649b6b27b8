using System.ComponentModel.DataAnnotations;

namespace Diagrams.App.Platform.Connect;

/// <summary><c>App:*</c>: who we are.</summary>
public sealed class AppOptions
{
    public const string Section = "App";
    public const string JiraKeySuffix = ".jira";

    /// <summary>Public base URL: the descriptor's baseUrl and the audience every install token must carry.</summary>
    [Required(ErrorMessage = "App:BaseUrl (env App__BaseUrl) is required: the public https URL Atlassian reaches the app at.")]
    [Url(ErrorMessage = "App:BaseUrl must be an absolute http(s) URL.")]
    public string? BaseUrl { get; set; }

    /// <summary>The Confluence app key; the Jira app key is this plus <c>.jira</c>.</summary>
    [Required]
    [RegularExpression("^[a-zA-Z0-9._-]{1,59}$", ErrorMessage = "App:Key may hold letters, digits, '.', '_' and '-', at most 59 characters.")]
    public string Key { get; set; } = "io.securediagrams.app";

    public string JiraKey => Key + JiraKeySuffix;

    public string NormalizedBaseUrl => (BaseUrl ?? string.Empty).TrimEnd('/');
}

/// <summary><c>Connect:*</c>: how we trust Atlassian hosts.</summary>
public sealed class ConnectOptions
{
    public const string Section = "Connect";

    /// <summary>Where install-callback public keys are fetched by <c>kid</c>.</summary>
    [Required]
    [Url]
    public string InstallKeysUrl { get; set; } = "https://connect-install-keys.atlassian.com";

    /// <summary>Host patterns a tenant baseUrl may use; <c>*.</c> matches any subdomain (not the bare domain).</summary>
    /// <remarks>Configured patterns replace the defaults (they are applied only when none are configured).</remarks>
    public string[] AllowedHosts { get; set; } = [];

    public static readonly string[] DefaultAllowedHosts = ["*.atlassian.net", "*.jira.com"];

    /// <summary>
    /// Hosts a download redirect may lead to outside the tenant's own host (Atlassian's media service).
    /// Followed without our JWT. Configured patterns replace the default.
    /// </summary>
    public string[] MediaHosts { get; set; } = [];

    public static readonly string[] DefaultMediaHosts = ["api.media.atlassian.com"];

    /// <summary>Accept http tenant baseUrls. For tests and local demos only.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// The Connect JavaScript every iframe page loads (Atlassian's CDN; the sandbox points it at HostSim's shim).
    /// Its origin is the only script origin besides our own in the pages' CSP.
    /// </summary>
    [Required]
    [Url]
    public string AllJsUrl { get; set; } = "https://connect-cdn.atl-paas.net/all.js";
}
