using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using static Diagrams.Converter.Gliffy.GliffyJson;

namespace Diagrams.Converter.Gliffy;

/// <summary>
/// A draw.io style string (<c>key=value;</c> pairs) built from trusted prefixes and cleaned values: a value can't
/// carry ';' or control characters, so untrusted input can't add keys. The first setting of a key wins.
/// </summary>
internal sealed class StyleBuilder
{
    private readonly List<string> _parts = [];
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    /// <summary>Adds a trusted constant such as a mapping-table prefix.</summary>
    public StyleBuilder Prefix(string trusted)
    {
        foreach (var part in trusted.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0 || _keys.Add(part[..eq]))
            {
                _parts.Add(part);
            }
        }

        return this;
    }

    public StyleBuilder Set(string key, string? value)
    {
        if (value is not null && _keys.Add(key))
        {
            _parts.Add(key + "=" + Clean(value));
        }

        return this;
    }

    public StyleBuilder Set(string key, double value) => Set(key, GliffyLimits.Format(value));

    public bool Has(string key) => _keys.Contains(key);

    public override string ToString() => _parts.Count == 0 ? "" : string.Join(';', _parts) + ";";

    private static string Clean(string value)
    {
        var output = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c != ';' && !char.IsControl(c) && !char.IsSurrogate(c))
            {
                output.Append(c);
            }
        }

        return output.ToString();
    }
}

/// <summary>Styles of vertices: shapes (via the mapping table), texts, images and embedded SVG.</summary>
internal static partial class GliffyStyle
{
    /// <summary>A uid kept in a style or attribute: [A-Za-z0-9._-], at most 200 characters.</summary>
    public static string CleanUid(string uid) =>
        new([.. uid.Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-').Take(200)]);

    /// <summary>Fill, stroke, dash, opacity, shadow and gradient of a Gliffy Shape/Mindmap/Image graphic.</summary>
    public static void Paint(StyleBuilder style, JsonElement? graphic, string? tid)
    {
        if (graphic is not { } g)
        {
            return;
        }

        var strokeWidth = Soft(g, "strokeWidth", 1);
        style.Set("fillColor", tid?.Contains("no_fill", StringComparison.Ordinal) == true ? "none" : GliffyText.SafeColor(Str(g, "fillColor")));
        style.Set("strokeColor", strokeWidth <= 0 ? "none" : GliffyText.SafeColor(Str(g, "strokeColor")));
        if (strokeWidth > 0)
        {
            style.Set("strokeWidth", Math.Min(strokeWidth, 100));
        }

        Dash(style, Str(g, "dashStyle"));
        var opacity = Soft(g, "opacity", 1);
        if (opacity is >= 0 and < 1)
        {
            style.Set("opacity", Math.Round(opacity * 100));
        }

        if (Bool(g, "dropShadow"))
        {
            style.Set("shadow", "1");
        }

        if (Bool(g, "gradient"))
        {
            style.Set("gradientColor", "#FFFFFF").Set("gradientDirection", "north");
        }
    }

    /// <summary>Gliffy <c>dashStyle</c> ("4.0,4.0") to <c>dashed=1;dashPattern=4 4</c>.</summary>
    public static void Dash(StyleBuilder style, string? dashStyle)
    {
        if (string.IsNullOrWhiteSpace(dashStyle))
        {
            return;
        }

        style.Set("dashed", "1");
        var parts = dashStyle.Split(',', StringSplitOptions.TrimEntries);
        var numbers = parts.Length <= 8
            ? parts.Select(p => double.TryParse(p, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) && d is >= 0 and <= 1000 ? d : -1).ToList()
            : [];
        if (numbers.Count > 0 && numbers.All(n => n >= 0))
        {
            style.Set("dashPattern", string.Join(' ', numbers.Select(GliffyLimits.Format)));
        }
    }

    public static void Rotation(StyleBuilder style, double rotation)
    {
        if (Math.Abs(rotation) > 0.001)
        {
            style.Set("rotation", rotation);
        }
    }

    /// <summary>Label settings for a shape whose caption is Gliffy Text (<c>valign</c> top/middle/bottom).</summary>
    public static void Label(StyleBuilder style, GliffyNode? text)
    {
        style.Set("html", "1").Set("whiteSpace", "wrap");
        if (text?.Graphic is { } g && Str(g, "valign") is "top" or "middle" or "bottom")
        {
            style.Set("verticalAlign", Str(g, "valign"));
        }
    }

    /// <summary>
    /// An image URL that draw.io may show: http(s) (never fetched here) or a base64 data URI of a raster/SVG image,
    /// written the way draw.io keeps it in a style (<c>data:image/png,BASE64</c>: no ';'). Anything else is null.
    /// </summary>
    public static string? ImageUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > 8_000_000)
        {
            return null;
        }

        url = url.Trim();
        var data = DataUri().Match(url);
        if (data.Success)
        {
            return $"data:image/{data.Groups[1].Value.ToLowerInvariant()},{data.Groups[2].Value}";
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
            ? url.Replace(";", "%3B", StringComparison.Ordinal)
            : null;
    }

    /// <summary>
    /// An embedded SVG as <c>data:image/svg+xml,BASE64</c>. draw.io draws image shapes as images (an
    /// &lt;image&gt;/&lt;img&gt; element), and browsers never run scripts or load external content of an SVG
    /// shown as an image, so a &lt;script&gt; inside the SVG stays inert; the SVG is never put in as markup.
    /// </summary>
    public static string SvgDataUri(string svg) =>
        "data:image/svg+xml," + System.Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));

    [GeneratedRegex(@"^data:image/(png|jpeg|jpg|gif|webp|svg\+xml);base64,([A-Za-z0-9+/]+={0,2})$", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 2000)]
    private static partial Regex DataUri();
}
