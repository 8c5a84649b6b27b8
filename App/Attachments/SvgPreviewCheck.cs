using System.Text.RegularExpressions;
using System.Xml;

namespace Diagrams.App.Attachments;

/// <summary>
/// An SVG preview is stored on the site, where anyone can open it directly as a document: it may hold drawing only.
/// Refused: script and embedding elements (in any namespace, so also inside <c>foreignObject</c>), event attributes,
/// links other than <c>#fragment</c> or <c>data:image/…</c>, animations that set a link or handler, and CSS that
/// imports, runs script or loads anything but <c>url(#…)</c> or <c>url(data:…)</c>.
/// </summary>
public static partial class SvgPreviewCheck
{
    private static readonly HashSet<string> RefusedElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "handler", "listener", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
        "button", "textarea", "select", "meta", "link", "base", "portal",
    };

    private static readonly HashSet<string> LinkAttributes = new(StringComparer.OrdinalIgnoreCase) { "href", "src", "action", "formaction", "data", "srcset" };

    /// <returns>Why the SVG is refused, or null when it holds drawing only.</returns>
    public static string? Problem(byte[] svg)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersFromEntities = 0, IgnoreComments = true, IgnoreProcessingInstructions = true };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(svg), settings);
            var inStyle = false;
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        if (RefusedElements.Contains(reader.LocalName))
                        {
                            return $"it contains a <{reader.LocalName}> element";
                        }

                        if (ElementProblem(reader) is { } problem)
                        {
                            return problem;
                        }

                        inStyle = reader.LocalName.Equals("style", StringComparison.OrdinalIgnoreCase) && !reader.IsEmptyElement;
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA when inStyle && CssProblem(reader.Value) is { } css:
                        return css;
                    case XmlNodeType.EndElement:
                        inStyle = false;
                        break;
                }
            }

            return null;
        }
        catch (XmlException)
        {
            return "it is not well-formed XML";
        }
    }

    private static string? ElementProblem(XmlReader reader)
    {
        var animates = reader.LocalName is "set" or "animate" or "animateTransform" or "animateMotion";
        for (var more = reader.MoveToFirstAttribute(); more; more = reader.MoveToNextAttribute())
        {
            var name = reader.LocalName;
            var value = reader.Value;
            if (name.StartsWith("on", StringComparison.OrdinalIgnoreCase) && reader.Prefix != "xmlns")
            {
                return $"it has an event attribute '{name}'";
            }

            if (LinkAttributes.Contains(name) && !SafeLink(value))
            {
                return $"a '{name}' attribute links to something other than '#…' or an inline data:image";
            }

            if (name.Equals("style", StringComparison.OrdinalIgnoreCase) && CssProblem(value) is { } css)
            {
                return css;
            }

            if (animates && name is "attributeName" && (LinkAttributes.Contains(value.Split(':')[^1]) || value.StartsWith("on", StringComparison.OrdinalIgnoreCase)))
            {
                return $"an animation sets '{value}'";
            }
        }

        reader.MoveToElement();
        return null;
    }

    private static bool SafeLink(string value)
    {
        var link = value.Trim();
        return link.StartsWith('#') || SafeDataImage().IsMatch(link);
    }

    private static string? CssProblem(string css)
    {
        if (css.Contains("@import", StringComparison.OrdinalIgnoreCase) || css.Contains("javascript:", StringComparison.OrdinalIgnoreCase)
            || css.Contains("expression(", StringComparison.OrdinalIgnoreCase) || css.Contains("behavior:", StringComparison.OrdinalIgnoreCase))
        {
            return "its CSS imports, or runs script";
        }

        return CssUrl().Matches(css).Any(m => !m.Groups["target"].Value.StartsWith('#') && !m.Groups["target"].Value.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            ? "its CSS loads a url() other than '#…' or data:"
            : null;
    }

    [GeneratedRegex(@"^data:image/(png|jpeg|gif|webp)[;,]", RegexOptions.IgnoreCase)]
    private static partial Regex SafeDataImage();

    [GeneratedRegex(@"url\(\s*['""]?(?<target>[^'"")\s]*)", RegexOptions.IgnoreCase)]
    private static partial Regex CssUrl();
}
