using System.Text;

using Diagrams.App.Platform.Connect;

namespace Diagrams.App.Platform.HostCalls;

/// <summary>A value that cannot be a path segment (empty, a dot segment, or too long); nothing was sent.</summary>
public sealed class UnsafePathSegmentException(string message) : Exception(message);

/// <summary>
/// Builds a host REST path from fixed parts and escaped value segments, so no value (a route parameter, or an id the
/// site itself answered) can add a segment, climb with <c>..</c> or start a query. The only way paths are made.
/// </summary>
public readonly struct RestPath
{
    private const int MaxSegmentLength = 512;
    private readonly string _value;

    private RestPath(string value) => _value = value;

    /// <summary>Jira's v3 REST API: <c>/rest/api/3/{segments}</c>.</summary>
    public static RestPath Jira(params ReadOnlySpan<string> segments) => new RestPath("/rest/api/3").Then(segments);

    /// <summary>Confluence's v1 REST API, relative to the site's <c>/wiki</c> base: <c>/rest/api/{segments}</c>.</summary>
    public static RestPath Confluence(params ReadOnlySpan<string> segments) => new RestPath("/rest/api").Then(segments);

    public RestPath Then(params ReadOnlySpan<string> segments)
    {
        var path = new StringBuilder(_value);
        foreach (var segment in segments)
        {
            if (segment.Length is 0 or > MaxSegmentLength || segment is "." or "..")
            {
                throw new UnsafePathSegmentException($"'{(segment.Length > 40 ? segment[..40] : segment)}' cannot be a path segment of a call to the site.");
            }

            path.Append('/').Append(Uri.EscapeDataString(segment));
        }

        return new RestPath(path.ToString());
    }

    /// <summary>The path with a query of escaped names and values (null values are left out).</summary>
    public string With(params ReadOnlySpan<(string Name, string? Value)> query)
    {
        var result = new StringBuilder(_value);
        var separator = '?';
        foreach (var (name, value) in query)
        {
            if (value is not null)
            {
                result.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
                separator = '&';
            }
        }

        return result.ToString();
    }

    public override string ToString() => _value;

    public static implicit operator string(RestPath path) => path._value;
}
