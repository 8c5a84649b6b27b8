using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace Diagrams.Atlassian;

/// <summary>
/// Atlassian Connect query string hash: lowercase hex SHA-256 of UTF-8 "METHOD&amp;PATH&amp;QUERY", bit-compatible with
/// npm atlassian-jwt 2.0.3 (fromMethodAndUrl + createQueryStringHash on Node 20; vectors from tools/qsh-vectors).
/// Where the library differs from Atlassian's prose, the library is followed:
/// - PATH is the RAW percent-encoded path, never decoded or re-cased ("/%7e" stays). Node's url.parse turns '\' into
///   '/' and, on its slow path ('@' or whitespace in the path, whitespace in the query, no leading '/', a leading
///   "///", always for absolute URLs), escapes TAB LF CR space " ' &lt; &gt; ^ ` { | }. The base path is cut as a plain
///   string prefix ("/wiki" turns "/wikipedia" into "/pedia") before the "/", "&amp;"-&gt;"%26" and trailing-"/" rules.
/// - Pairs are sorted by DECODED name (UTF-16 ordinal = JS sort), not encoded name: "~" sorts before "%C3%A9".
///   Repeated values are sorted decoded too, then encoded and joined with ",".
/// - "jwt" and "__proto__" are dropped after decoding ("%6Awt" too, "JWT" kept). An empty name ("=x") is kept, empty
///   segments ("&amp;&amp;") are skipped, a bare "a" is "a=", '+' is a space in names and values.
/// - Decoding is Node querystring's: a part without a valid %XX is literal; else decodeURIComponent, and if that fails
///   (bad escape, invalid UTF-8) a lenient byte unescape (bad '%' kept) decoded with U+FFFD: "%zz"-&gt;"%25zz",
///   "%C3"-&gt;"%EF%BF%BD".
/// - A request target (<see cref="CanonicalRequestForTarget"/>) is split as url.parse splits it: the path is never
///   dot-normalised ("/a/../b" stays), and an absolute-form "http://h/p" target counts from its path.
/// Not replicated (a conforming sender cannot produce them): url.parse trimming, schemes other than http(s) in a
/// target, '#', raw (unescaped) non-ASCII in the query next to a bad escape, lone surrogates (JS throws; here U+FFFD).
/// </summary>
public static class Qsh
{
    public const string ContextQsh = "context-qsh";
    public const int MaxQueryLength = 16 * 1024;
    public const int MaxParameters = 500;
    private static readonly SearchValues<char> AutoEscaped = SearchValues.Create("\t\n\r \"'<>^`{|}");

    /// <param name="path">Raw request path as received, e.g. the part of IHttpRequestFeature.RawTarget before '?'
    /// (HttpRequest.Path is decoded and must not be used; PathBase + Path.ToUriComponent() only matches for
    /// canonically-encoded paths).</param>
    /// <param name="rawQuery">Raw query (HttpRequest.QueryString.Value), with or without the leading '?'.</param>
    /// <param name="basePath">Path of the base URL the host signed against (app baseUrl path); "" for none.</param>
    public static string CanonicalRequest(string method, string path, string rawQuery, string basePath = "")
        => Canonical(method, path, rawQuery, basePath, forceAutoEscape: false);

    public static string Compute(string method, string path, string rawQuery, string basePath = "")
        => Hash(CanonicalRequest(method, path, rawQuery, basePath));

    /// <summary>
    /// The canonical request for a request target exactly as received (IHttpRequestFeature.RawTarget), split as the reference
    /// splits it (url.parse(target).pathname): the origin form "/a/../%76?q" keeps its path verbatim, never decoded or
    /// dot-normalised (System.Uri would do both, and on Linux reads "/x" as file:///x and "//h/x" as a UNC host); the absolute
    /// form "http://h/p?q" keeps the part after the authority, auto-escaped as url.parse does for absolute URLs.
    /// </summary>
    public static string CanonicalRequestForTarget(string method, string rawTarget, string basePath = "")
    {
        ArgumentNullException.ThrowIfNull(rawTarget);
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var query = queryStart < 0 ? "" : rawTarget[(queryStart + 1)..];
        var absolute = path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        if (absolute)
        {
            var pathStart = path.Replace('\\', '/').IndexOf('/', path.IndexOf("//", StringComparison.Ordinal) + 2);
            path = pathStart < 0 ? "" : path[pathStart..];
        }

        return Canonical(method, path, query, basePath, forceAutoEscape: absolute);
    }

    /// <summary>Constant-time comparison of the claim's qsh with the one computed for this raw request target.</summary>
    public static bool MatchesTarget(string? expectedQsh, string method, string rawTarget, string basePath = "") =>
        expectedQsh is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(expectedQsh), Encoding.ASCII.GetBytes(Hash(CanonicalRequestForTarget(method, rawTarget, basePath))));

    /// <summary>Constant-time comparison of the claim's qsh with the one computed for this request.</summary>
    public static bool Matches(string? expectedQsh, string method, string path, string rawQuery, string basePath = "") =>
        expectedQsh is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(expectedQsh), Encoding.ASCII.GetBytes(Compute(method, path, rawQuery, basePath)));

    /// <summary>qsh for a request the app sends to the tenant; the path is taken relative to the tenant base URL's
    /// path (Confluence: https://x.atlassian.net/wiki). Uses the URI's escaped form, i.e. what HttpClient sends.</summary>
    public static string ForOutbound(string method, Uri requestUri, Uri tenantBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(requestUri);
        ArgumentNullException.ThrowIfNull(tenantBaseUrl);
        if (!requestUri.IsAbsoluteUri || !tenantBaseUrl.IsAbsoluteUri) throw new ArgumentException("Absolute URIs are required.");
        var basePath = tenantBaseUrl.AbsolutePath == "/" ? "" : tenantBaseUrl.AbsolutePath; // jsuri: no path => ""
        return Hash(Canonical(method, requestUri.AbsolutePath, requestUri.Query, basePath, forceAutoEscape: true));
    }

    private static string Hash(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    private static string Canonical(string method, string path, string rawQuery, string basePath, bool forceAutoEscape)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(basePath);
        var query = (rawQuery ?? "").AsSpan();
        if (query.StartsWith('?')) query = query[1..];
        if (query.Length > MaxQueryLength) throw new ArgumentException($"Query longer than {MaxQueryLength} characters.", nameof(rawQuery));

        var sb = new StringBuilder(method.Length + path.Length + query.Length + 16);
        sb.Append(method.ToUpperInvariant()).Append('&');
        var p = path.Replace('\\', '/');
        if (forceAutoEscape || p.Length == 0 || p[0] != '/' || p.StartsWith("///", StringComparison.Ordinal)
            || p.Contains('@', StringComparison.Ordinal) || HasJsWhitespace(p) || HasJsWhitespace(query))
            p = AutoEscape(p);
        if (basePath.Length > 0 && p.StartsWith(basePath, StringComparison.Ordinal)) p = p[basePath.Length..];
        int start = sb.Length;
        if (p.Length == 0 || p[0] != '/') sb.Append('/');
        sb.Append(p).Replace("&", "%26", start, sb.Length - start);
        if (sb.Length - start > 1 && sb[^1] == '/') sb.Length--;
        sb.Append('&');
        AppendQuery(sb, query);
        return sb.ToString();
    }

    private static void AppendQuery(StringBuilder sb, ReadOnlySpan<char> query)
    {
        if (query.IsEmpty) return;
        var pairs = new List<KeyValuePair<string, string>>();
        int segments = 0;
        foreach (var range in query.Split('&'))
        {
            if (++segments > MaxParameters) throw new ArgumentException($"More than {MaxParameters} query parameters.", nameof(query));
            var seg = query[range];
            if (seg.IsEmpty) continue;
            int eq = seg.IndexOf('=');
            var name = Decode(eq < 0 ? seg : seg[..eq]);
            if (name is "jwt" or "__proto__") continue;
            pairs.Add(new(name, eq < 0 ? "" : Decode(seg[(eq + 1)..])));
        }
        pairs.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key) is var c and not 0 ? c : string.CompareOrdinal(a.Value, b.Value));
        for (int i = 0; i < pairs.Count; i++)
        {
            if (i > 0 && string.Equals(pairs[i].Key, pairs[i - 1].Key, StringComparison.Ordinal)) sb.Append(',');
            else Encode(i > 0 ? sb.Append('&') : sb, pairs[i].Key).Append('=');
            Encode(sb, pairs[i].Value);
        }
    }

    private static string Decode(ReadOnlySpan<char> s)
    {
        bool escaped = false;
        for (int i = 0; i < s.Length && !escaped; i++) escaped = IsEscape(s, i);
        if (!escaped) return s.ToString().Replace('+', ' ');
        Span<byte> buf = s.Length <= 256 ? stackalloc byte[s.Length * 3] : new byte[s.Length * 3];
        int n = Unescape(s, buf, lenient: false);
        if (n < 0 || !Utf8.IsValid(buf[..n])) n = Unescape(s, buf, lenient: true);
        return Encoding.UTF8.GetString(buf[..n]); // invalid sequences become U+FFFD, as Node's Buffer.toString()
    }

    // Strict = decodeURIComponent (returns -1 on a malformed escape); lenient = Node's querystring.unescapeBuffer.
    private static int Unescape(ReadOnlySpan<char> s, Span<byte> buf, bool lenient)
    {
        int n = 0;
        for (int i = 0; i < s.Length;)
        {
            char c = s[i];
            if (IsEscape(s, i)) { buf[n++] = (byte)((HexValue(s[i + 1]) << 4) | HexValue(s[i + 2])); i += 3; }
            else if (c == '%' && !lenient) return -1;
            else if (lenient || c < 0x80) { buf[n++] = (byte)(c == '+' ? ' ' : c); i++; } // lenient: Node truncates to a byte
            else { Rune.DecodeFromUtf16(s[i..], out var rune, out int used); n += rune.EncodeToUtf8(buf[n..]); i += used; }
        }
        return n;
    }

    private static bool IsEscape(ReadOnlySpan<char> s, int i) =>
        s[i] == '%' && i + 2 < s.Length && char.IsAsciiHexDigit(s[i + 1]) && char.IsAsciiHexDigit(s[i + 2]);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    // encodeURIComponent + escaping of !'()* : everything but RFC 3986 unreserved is %XX (upper case).
    private static StringBuilder Encode(StringBuilder sb, string s)
    {
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in s.EnumerateRunes())
        {
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value is '-' or '.' or '_' or '~'))
                sb.Append((char)rune.Value);
            else
                for (int k = 0, len = rune.EncodeToUtf8(utf8); k < len; k++) AppendPercent(sb, utf8[k]);
        }
        return sb;
    }

    private static string AutoEscape(string p)
    {
        if (!p.AsSpan().ContainsAny(AutoEscaped)) return p;
        var sb = new StringBuilder(p.Length + 8);
        foreach (char c in p) _ = AutoEscaped.Contains(c) ? AppendPercent(sb, c) : sb.Append(c);
        return sb.ToString();
    }

    private static StringBuilder AppendPercent(StringBuilder sb, int b) => sb.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 0xF]);

    private static bool HasJsWhitespace(ReadOnlySpan<char> s)
    {
        foreach (char c in s) if ((char.IsWhiteSpace(c) && c != '\u0085') || c == '\uFEFF') return true;
        return false;
    }
}
