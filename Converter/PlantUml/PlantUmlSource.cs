namespace Diagrams.Converter.PlantUml;

/// <summary>One line as PlantUML will read it; <see cref="Number"/> is the user's line where it starts.</summary>
internal readonly record struct PlantUmlLine(int Number, string Text);

/// <summary>
/// The source cut into the lines PlantUML will run, so the guard checks exactly those. PlantUML's pipe splits on LF
/// and drops every CR; its reader strips a BOM at the start of any line; its preprocessor joins a line ending in one
/// backslash (not two) with the next. So: CRLF becomes LF, any other CR, control character (tab aside), U+2028/2029
/// or BOM is refused (422 naming the line), and continuation lines are joined here, before they are sent.
/// </summary>
internal static class PlantUmlSource
{
    public static List<PlantUmlLine> Lines(string text, PlantUmlOptions limits)
    {
        var physical = text.Split('\n');
        if (physical.Length > limits.MaxLines)
        {
            throw PlantUmlGuard.Refuse("PlantUML source too long", $"The source may have at most {limits.MaxLines} lines.");
        }

        var lines = new List<PlantUmlLine>(physical.Length);
        for (var i = 0; i < physical.Length; i++)
        {
            var line = physical[i].EndsWith('\r') ? physical[i][..^1] : physical[i];
            CheckCharacters(line, i + 1);
            if (lines.Count > 0 && Continues(lines[^1].Text))
            {
                lines[^1] = lines[^1] with { Text = lines[^1].Text[..^1] + line };
            }
            else
            {
                lines.Add(new PlantUmlLine(i + 1, line));
            }
        }

        return lines;
    }

    /// <summary>PlantUML's <c>StringUtils.endsWithBackslash</c>: one trailing backslash joins the next line, two do not.</summary>
    private static bool Continues(string line) => line.EndsWith('\\') && !line.EndsWith(@"\\", StringComparison.Ordinal);

    private static void CheckCharacters(string line, int number)
    {
        foreach (var c in line)
        {
            if (c == '\r')
            {
                throw PlantUmlGuard.Refuse("PlantUML source has a stray carriage return", $"Line {number} contains a carriage return that does not end the line; PlantUML would drop it and read the line differently. Use LF or CRLF line ends only.");
            }

            if ((c < ' ' && c != '\t') || c is >= '\u007F' and <= '\u009F' or '\u2028' or '\u2029' or '\uFEFF')
            {
                throw PlantUmlGuard.Refuse("PlantUML source is not plain text", $"Line {number} contains U+{(int)c:X4} ({Describe(c)}), which this converter does not accept in PlantUML source.");
            }
        }
    }

    private static string Describe(char c) => c switch
    {
        '\0' => "a NUL character",
        '\u2028' or '\u2029' => "a Unicode line or paragraph separator",
        '\uFEFF' => "a byte order mark, which PlantUML strips from the start of a line",
        _ => "a control character",
    };
}
