using System.Text;

namespace Diagrams.Converter.PlantUml;

/// <summary>
/// Refuses hostile or oversized PlantUML before any process sees it (422 naming the problem), and cuts the
/// source down to the one block the pipe will render. Never echoes the source beyond the offending directive.
/// </summary>
public static class PlantUmlGuard
{
    /// <summary>Preprocessor directives that read files, URLs or change PlantUML's own behaviour.</summary>
    private static readonly string[] RefusedDirectives = ["!include", "!import", "!pragma", "!theme", "@@@"];

    /// <summary>Preprocessor functions that read files, the environment, or call functions by computed name.</summary>
    private static readonly string[] RefusedFunctions =
    [
        "%getenv", "%load_json", "%file_exists", "%dirpath", "%filename", "%call_user_func", "%invoke_procedure",
    ];

    /// <returns>The first diagram block, from its <c>@start…</c> line to its <c>@end…</c> line.</returns>
    public static string Check(byte[] input, PlantUmlOptions limits)
    {
        if (input.Length > limits.MaxSourceBytes)
        {
            throw Refuse("PlantUML source too large", $"The source may be at most {limits.MaxSourceBytes / 1024} KB.");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(input);
        }
        catch (DecoderFallbackException)
        {
            throw Refuse("PlantUML source is not UTF-8", "The request body must be PlantUML source text in UTF-8.");
        }

        var lines = text.TrimStart('\uFEFF').Split('\n');
        if (lines.Length > limits.MaxLines)
        {
            throw Refuse("PlantUML source too long", $"The source may have at most {limits.MaxLines} lines.");
        }

        var blocks = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r').Trim();
            if (line.Contains('\0', StringComparison.Ordinal))
            {
                throw Refuse("PlantUML source is not text", $"Line {i + 1} contains a NUL character.");
            }

            CheckLine(line, i + 1);
            if (line.StartsWith("@start", StringComparison.OrdinalIgnoreCase) && ++blocks > limits.MaxBlocks)
            {
                throw Refuse("Too many diagrams", $"The source may contain at most {limits.MaxBlocks} @start… blocks.");
            }
        }

        return FirstBlock(lines);
    }

    private static void CheckLine(string line, int number)
    {
        foreach (var directive in RefusedDirectives)
        {
            if (line.StartsWith(directive, StringComparison.OrdinalIgnoreCase))
            {
                var name = line.Split([' ', '\t', '(', '<', '"'], 2)[0].ToLowerInvariant();
                name = name.Length > 40 ? name[..40] : name;
                throw Refuse("PlantUML directive not allowed", $"Line {number} uses '{name}', which can read files or URLs or change the renderer; this converter refuses it.");
            }
        }

        foreach (var function in RefusedFunctions)
        {
            if (line.Contains(function, StringComparison.OrdinalIgnoreCase))
            {
                throw Refuse("PlantUML function not allowed", $"Line {number} calls '{function}', which can read files or the environment; this converter refuses it.");
            }
        }

        var img = line.IndexOf("<img", StringComparison.OrdinalIgnoreCase);
        while (img >= 0)
        {
            var rest = line.AsSpan(img + 4).TrimStart();
            if (!rest.StartsWith(":data:", StringComparison.OrdinalIgnoreCase))
            {
                throw Refuse("PlantUML image reference not allowed", $"Line {number} uses '<img' with a file path or URL; only inline data: images are accepted.");
            }

            img = line.IndexOf("<img", img + 4, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>
    /// The pipe reads up to the first line starting with <c>@end</c> and renders it: sending exactly one such
    /// block keeps one request = one image + one delimiter, so nothing is left behind for the next request.
    /// </summary>
    private static string FirstBlock(string[] lines)
    {
        var start = Array.FindIndex(lines, l => l.Trim().StartsWith("@start", StringComparison.OrdinalIgnoreCase));
        var body = new StringBuilder();
        var from = start < 0 ? 0 : start + 1;
        body.Append(start < 0 ? "@startuml" : "@start" + lines[start].Trim()[6..]).Append('\n');
        for (var i = from; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.TrimStart().StartsWith("@end", StringComparison.OrdinalIgnoreCase))
            {
                // The pipe's own test is a case-sensitive "@end" prefix on the raw line.
                return body.Append("@end").Append(line.Trim()[4..]).ToString();
            }

            body.Append(line).Append('\n');
        }

        return body.Append("@enduml").ToString();
    }

    private static JobRejectedException Refuse(string title, string detail) => new(422, title, detail);
}
