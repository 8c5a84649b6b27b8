using Microsoft.Extensions.Options;

using Diagrams.App.Platform.Connect;

namespace Diagrams.App.Platform.HostCalls;

/// <summary>
/// The one SSRF gate: a tenant base URL (and any URL we call on a tenant's behalf) must be https
/// (http only when <c>Connect:AllowHttp</c>) on a host matching <c>Connect:AllowedHosts</c>.
/// </summary>
public sealed class HostUrlPolicy(IOptions<ConnectOptions> options)
{
    public bool IsAllowed(Uri? url) => IsAllowed(url, options.Value.AllowedHosts);

    /// <summary>Where a download redirect may go without our JWT: the configured media hosts only.</summary>
    public bool IsMediaHost(Uri? url) => IsAllowed(url, options.Value.MediaHosts);

    /// <summary>Whether <paramref name="url"/> is https (http only with <c>Connect:AllowHttp</c>) on a host one of <paramref name="patterns"/> matches.</summary>
    public bool IsAllowed(Uri? url, string[] patterns)
    {
        if (url is not { IsAbsoluteUri: true } || url.UserInfo.Length > 0 || !string.IsNullOrEmpty(url.Fragment))
        {
            return false;
        }

        var schemeOk = url.Scheme == Uri.UriSchemeHttps || (options.Value.AllowHttp && url.Scheme == Uri.UriSchemeHttp);
        return schemeOk && patterns.Any(pattern => HostMatches(url.IdnHost, pattern));
    }

    public bool IsAllowed(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var parsed) && IsAllowed(parsed);

    /// <summary>Origins for the CSP <c>frame-ancestors</c> directive of our iframe pages.</summary>
    public string FrameAncestors()
    {
        var sources = new List<string>();
        foreach (var host in options.Value.AllowedHosts)
        {
            sources.Add($"https://{host}");
            if (options.Value.AllowHttp)
            {
                // Development hosts (HostSim) listen on arbitrary local ports.
                sources.Add($"http://{host}:*");
                sources.Add($"https://{host}:*");
            }
        }

        return string.Join(' ', sources);
    }

    internal static bool HostMatches(string host, string pattern)
    {
        pattern = pattern.Trim().ToLowerInvariant();
        host = host.ToLowerInvariant().TrimEnd('.');
        if (pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            var suffix = pattern[1..];
            return host.Length > suffix.Length && host.EndsWith(suffix, StringComparison.Ordinal);
        }

        return host == pattern;
    }
}
