using System.Security;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Diagrams.Converter.Visio;

/// <summary>
/// Reads the SVG libwmf's <c>wmf2svg</c> writes, which is not quite XML: no encoding declaration but the WMF's own
/// ANSI bytes in text, text written unescaped between <c>\n\t&gt;</c> and <c>&lt;/text&gt;\n</c>, a DOCTYPE, and
/// neither the SVG nor the xlink namespace declared. Text is decoded as Windows-1252 and escaped, so labels such as
/// "R&amp;D" or "café" survive; a text that breaks out of its element is left as it is and then either fails to parse
/// (placeholder) or is cleaned like any tool's SVG by <see cref="VisioSvg"/>.
/// </summary>
internal static class VisioWmfSvg
{
    private const string TextOpen = "\n\t>";
    private const string TextClose = "</text>\n";
    private static readonly Encoding Ansi = CodePagesEncodingProvider.Instance.GetEncoding(1252) ?? Encoding.Latin1;

    public static XElement? Parse(byte[] data, int maxDepth)
    {
        var svg = Ansi.GetString(data);
        var fixedUp = new StringBuilder(svg.Length + 64);
        var at = 0;
        for (int open, close; (open = svg.IndexOf(TextOpen, at, StringComparison.Ordinal)) >= 0
            && (close = svg.IndexOf(TextClose, open + TextOpen.Length, StringComparison.Ordinal)) >= 0; at = close)
        {
            var start = open + TextOpen.Length;
            fixedUp.Append(svg, at, start - at).Append(SecurityElement.Escape(svg[start..close]));
        }

        fixedUp.Append(svg, at, svg.Length - at);
        return VisioSvg.Parse(Encoding.UTF8.GetBytes(fixedUp.ToString()), maxDepth, DtdProcessing.Ignore, undeclaredSvg: true);
    }
}
