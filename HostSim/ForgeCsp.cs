namespace Diagrams.HostSim;

/// <summary>
/// The Content-Security-Policy Forge puts on Custom UI: scripts from the resource itself only (no inline script, no
/// eval), styles from it plus what <c>permissions.content.styles</c> allows, no fetches or images from outside it but
/// what <c>permissions.external</c> lists, framed only by the product page. The manifest's permissions are mirrored here
/// (<see cref="ContentStyles"/>, <see cref="ContentScripts"/>, <see cref="ExternalFetchClient"/>, <see cref="ExternalFetchRemotes"/>);
/// App.Tests' ForgeSandboxTests checks they agree.
/// </summary>
public static class ForgeCsp
{
    /// <summary>forge/manifest.yml <c>permissions.content.styles</c>.</summary>
    public static readonly IReadOnlyList<string> ContentStyles = ["unsafe-inline"];

    /// <summary>forge/manifest.yml <c>permissions.content.scripts</c> (none: no inline script, no eval).</summary>
    public static readonly IReadOnlyList<string> ContentScripts = [];

    /// <summary>forge/manifest.yml <c>permissions.external.fetch.client</c> URLs (none: the pages reach only Forge and the site, through the bridge).</summary>
    public static readonly IReadOnlyList<string> ExternalFetchClient = [];

    /// <summary>forge/manifest.yml <c>permissions.external.fetch.client</c> entries <c>{remote: key}</c>: the remote's base URL (App's, <c>HostSim:AppBaseUrl</c>).</summary>
    public static readonly IReadOnlyList<string> ExternalFetchRemotes = ["diagrams"];

    /// <param name="appOrigin">The origin of the manifest's one remote, <c>diagrams</c>.</param>
    public static string Policy(IEnumerable<string> frameAncestors, string appOrigin)
    {
        var connect = ExternalFetchClient.Concat(ExternalFetchRemotes.Select(_ => appOrigin)).Distinct(StringComparer.Ordinal);
        static string Keywords(IEnumerable<string> values) => string.Concat(values.Select(v => $" '{v}'"));
        return $"default-src 'none'; script-src 'self'{Keywords(ContentScripts)}; style-src 'self'{Keywords(ContentStyles)}; " +
            $"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'{string.Concat(connect.Select(u => " " + u))}; " +
            $"frame-ancestors {string.Join(' ', frameAncestors)}; base-uri 'self'; form-action 'self'; object-src 'none'";
    }
}
