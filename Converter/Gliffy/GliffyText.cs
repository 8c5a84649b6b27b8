using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Diagrams.Converter.Gliffy;

/// <summary>
/// Reduces Gliffy's label HTML to a safe subset for draw.io's <c>html=1</c> labels: tags b, i, u, strong, em, br,
/// p, div, span, font, ul, ol, li, sub, sup; attribute <c>style</c> (whitelisted CSS properties with plain values)
/// on all of them and <c>color</c>/<c>size</c>/<c>face</c> on font. Everything else is removed but its text kept,
/// except the content of script, style and other non-text elements, which goes entirely. No attribute can carry a
/// URL (no href/src, CSS values may not hold ':' or '(' except <c>rgb(...)</c>), so javascript: and data: URLs,
/// event handlers and CSS expressions cannot survive. A single forward pass in linear time; the only regexes
/// check short attribute values against anchored character classes (no backtracking).
/// </summary>
internal static partial class GliffyText
{
    /// <summary>Most tags open at once; deeper ones are dropped (keeps closing-tag matching O(1) per tag).</summary>
    private const int MaxOpenTags = 64;

    private static readonly HashSet<string> AllowedTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "b", "i", "u", "strong", "em", "br", "p", "div", "span", "font", "ul", "ol", "li", "sub", "sup",
    };

    /// <summary>Elements whose content is not text: dropped with everything inside.</summary>
    private static readonly HashSet<string> DroppedWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "iframe", "object", "embed", "applet", "noscript", "noembed", "noframes", "template",
        "title", "textarea", "select", "svg", "math", "head", "xmp", "frameset", "plaintext",
    };

    private static readonly HashSet<string> AllowedCss = new(StringComparer.OrdinalIgnoreCase)
    {
        "color", "background-color", "font-family", "font-size", "font-weight", "font-style", "text-decoration",
        "text-align", "line-height", "vertical-align", "white-space", "margin", "margin-top", "margin-bottom",
        "margin-left", "margin-right", "padding-left", "text-indent",
    };

    /// <summary>Returns the safe HTML for a Gliffy label; text is kept, markup outside the subset is dropped.</summary>
    public static string Sanitize(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return "";
        }

        var output = new StringBuilder(html.Length);
        var open = new List<string>();
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0)
            {
                AppendText(output, html.AsSpan(i));
                break;
            }

            AppendText(output, html.AsSpan(i, lt - i));
            i = ReadMarkup(html, lt, output, open);
        }

        for (var k = open.Count - 1; k >= 0; k--)
        {
            output.Append("</").Append(open[k]).Append('>');
        }

        return output.ToString();
    }

    /// <summary>Plain text for a label without markup (e.g. a uid shown on an unknown shape), HTML-encoded.</summary>
    public static string Plain(string text)
    {
        var output = new StringBuilder(text.Length);
        AppendEncoded(output, text);
        return output.ToString();
    }

    /// <summary>Handles the markup starting at <paramref name="lt"/> ('&lt;'); returns the index after it.</summary>
    private static int ReadMarkup(string html, int lt, StringBuilder output, List<string> open)
    {
        var next = lt + 1 < html.Length ? html[lt + 1] : '\0';
        if (next == '!' || next == '?')
        {
            var end = html.AsSpan(lt).StartsWith("<!--") ? IndexAfter(html, "-->", lt + 4) : IndexAfter(html, ">", lt + 1);
            return end;
        }

        var closing = next == '/';
        var nameStart = closing ? lt + 2 : lt + 1;
        var nameEnd = nameStart;
        while (nameEnd < html.Length && char.IsAsciiLetterOrDigit(html[nameEnd]))
        {
            nameEnd++;
        }

        if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
        {
            if (closing)
            {
                return IndexAfter(html, ">", lt + 1); // "</ >" and the like: ignored
            }

            output.Append("&lt;"); // a lone '<' in text
            return lt + 1;
        }

        var name = html[nameStart..nameEnd].ToLowerInvariant();
        var (attributes, after, selfClosing) = ReadAttributes(html, nameEnd);
        if (closing)
        {
            var at = open.LastIndexOf(name);
            if (at >= 0)
            {
                for (var k = open.Count - 1; k >= at; k--)
                {
                    output.Append("</").Append(open[k]).Append('>');
                }

                open.RemoveRange(at, open.Count - at);
            }

            return after;
        }

        if (DroppedWithContent.Contains(name))
        {
            return selfClosing ? after : SkipElement(html, name, after);
        }

        if (!AllowedTags.Contains(name) || open.Count >= MaxOpenTags)
        {
            return after; // not in the subset, or nested too deep to be a real label: the tag goes, its text stays
        }

        output.Append('<').Append(name);
        foreach (var (attribute, value) in attributes)
        {
            var safe = SafeAttribute(name, attribute, value);
            if (safe is not null)
            {
                output.Append(' ').Append(attribute).Append("=\"");
                AppendEncoded(output, safe);
                output.Append('"');
            }
        }

        output.Append('>');
        if (name != "br")
        {
            open.Add(name);
        }

        return after;
    }

    /// <summary>Reads attributes from just after the tag name to the closing '&gt;' (quotes respected).</summary>
    private static (List<(string Name, string Value)> Attributes, int After, bool SelfClosing) ReadAttributes(string html, int i)
    {
        var attributes = new List<(string, string)>();
        var selfClosing = false;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '>')
            {
                return (attributes, i + 1, selfClosing);
            }

            if (char.IsWhiteSpace(c) || c == '/')
            {
                selfClosing = c == '/';
                i++;
                continue;
            }

            selfClosing = false;
            var nameStart = i;
            while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] is not ('=' or '>' or '/'))
            {
                i++;
            }

            var name = html[nameStart..i].ToLowerInvariant();
            while (i < html.Length && char.IsWhiteSpace(html[i]))
            {
                i++;
            }

            var value = "";
            if (i < html.Length && html[i] == '=')
            {
                i++;
                while (i < html.Length && char.IsWhiteSpace(html[i]))
                {
                    i++;
                }

                if (i < html.Length && html[i] is '"' or '\'')
                {
                    var quote = html[i];
                    var close = html.IndexOf(quote, i + 1);
                    var end = close < 0 ? html.Length : close;
                    value = html[(i + 1)..end];
                    i = close < 0 ? html.Length : close + 1;
                }
                else
                {
                    var valueStart = i;
                    while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] != '>')
                    {
                        i++;
                    }

                    value = html[valueStart..i];
                }
            }

            attributes.Add((name, value));
        }

        return (attributes, html.Length, selfClosing);
    }

    private static string? SafeAttribute(string tag, string attribute, string raw)
    {
        var value = WebUtility.HtmlDecode(raw).Trim();
        return attribute switch
        {
            "style" => SafeCss(value) is { Length: > 0 } css ? css : null,
            "color" when tag == "font" => SafeColor(value),
            "size" when tag == "font" => FontSize().IsMatch(value) ? value : null,
            "face" when tag == "font" => FontFace().IsMatch(value) ? value : null,
            _ => null, // event handlers, href, src and everything else
        };
    }

    private static string SafeCss(string css)
    {
        var output = new StringBuilder();
        foreach (var declaration in css.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = declaration.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var property = declaration[..colon].Trim().ToLowerInvariant();
            var value = declaration[(colon + 1)..].Trim().Replace('"', '\'');
            if (AllowedCss.Contains(property) && (CssValue().IsMatch(value) || CssRgb().IsMatch(value)))
            {
                output.Append(property).Append(':').Append(value).Append(';');
            }
        }

        return output.ToString();
    }

    /// <summary>A colour usable in a draw.io style or a font tag: #rgb/#rrggbb/#rrggbbaa, a colour name, or none.</summary>
    public static string? SafeColor(string? value) =>
        value is not null && Color().IsMatch(value) ? value : null;

    /// <summary>Skips an element and its content up to its closing tag (or to the end when unclosed).</summary>
    private static int SkipElement(string html, string name, int from)
    {
        var close = html.IndexOf("</" + name, from, StringComparison.OrdinalIgnoreCase);
        return close < 0 ? html.Length : IndexAfter(html, ">", close);
    }

    private static int IndexAfter(string html, string token, int from)
    {
        var at = html.IndexOf(token, Math.Min(from, html.Length), StringComparison.Ordinal);
        return at < 0 ? html.Length : at + token.Length;
    }

    private static void AppendText(StringBuilder output, ReadOnlySpan<char> text)
    {
        if (!text.IsEmpty)
        {
            AppendEncoded(output, text.Contains('&') ? WebUtility.HtmlDecode(text.ToString()) : text);
        }
    }

    private static void AppendEncoded(StringBuilder output, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => output.Append("&amp;"),
                '<' => output.Append("&lt;"),
                '>' => output.Append("&gt;"),
                '"' => output.Append("&quot;"),
                '\u00a0' => output.Append("&nbsp;"),
                _ => output.Append(c),
            };
        }
    }

    [GeneratedRegex(@"^[#a-zA-Z0-9 ,.%'\-]{0,200}$")]
    private static partial Regex CssValue();

    [GeneratedRegex(@"^rgba?\([0-9., %]{1,40}\)$")]
    private static partial Regex CssRgb();

    [GeneratedRegex(@"^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|#[0-9a-fA-F]{8}|[a-zA-Z]{1,30})$")]
    private static partial Regex Color();

    [GeneratedRegex(@"^[+-]?[1-7]$")]
    private static partial Regex FontSize();

    [GeneratedRegex(@"^[a-zA-Z0-9 ,'\-]{1,100}$")]
    private static partial Regex FontFace();
}
