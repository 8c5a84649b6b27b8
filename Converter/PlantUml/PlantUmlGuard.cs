using System.Text;

namespace Diagrams.Converter.PlantUml;

/// <summary>
/// Refuses hostile or oversized PlantUML before any process sees it (422 naming the problem), and cuts the
/// source down to the one block the pipe will render. It checks the lines PlantUML will run
/// (<see cref="PlantUmlSource"/>) and sends exactly those. Never echoes the source beyond the offending directive.
/// </summary>
public static class PlantUmlGuard
{
    /// <returns>The first diagram block, from its <c>@start…</c> line to its <c>@end…</c> line, LF line ends.</returns>
    public static PlantUmlBlock Check(byte[] input, PlantUmlOptions limits)
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

        var lines = PlantUmlSource.Lines(text.TrimStart('\uFEFF'), limits);
        var blocks = 0;
        foreach (var line in lines)
        {
            PlantUmlRefusals.Check(line);
            CheckDiagramKind(line);
            if (line.Text.Trim().StartsWith("@start", StringComparison.OrdinalIgnoreCase) && ++blocks > limits.MaxBlocks)
            {
                throw Refuse("Too many diagrams", $"The source may contain at most {limits.MaxBlocks} @start… blocks.");
            }
        }

        return FirstBlock(lines);
    }

    internal static JobRejectedException Refuse(string title, string detail) => new(422, title, detail);

    /// <summary>Block kinds that crash this PlantUML's JVM (no script engine: every one cost a cold restart).</summary>
    private static readonly string[] RefusedKinds = ["math", "latex", "jcckit"];

    /// <summary>Special one-word diagrams that print the server's environment (host name, JVM, memory, install paths).</summary>
    private static readonly string[] RefusedCommands = ["version", "checkversion", "testdot", "stdlib"];

    private static void CheckDiagramKind(PlantUmlLine line)
    {
        var text = line.Text.Trim();
        if (text.StartsWith("@start", StringComparison.OrdinalIgnoreCase))
        {
            var kind = text[6..].Split([' ', '\t', '('], 2)[0];
            if (RefusedKinds.Any(k => kind.Equals(k, StringComparison.OrdinalIgnoreCase)))
            {
                throw Refuse("PlantUML diagram kind not supported", $"Line {line.Number} starts a @start{kind.ToLowerInvariant()} block, which this converter does not render.");
            }
        }
        else if (RefusedCommands.Any(c => text.Equals(c, StringComparison.OrdinalIgnoreCase)))
        {
            throw Refuse("PlantUML command not allowed", $"Line {line.Number} is '{text.ToLowerInvariant()}', which prints this server's environment; this converter refuses it.");
        }
    }

    /// <summary>
    /// The pipe reads up to the first line starting with <c>@end</c> (case-sensitive, at the very start) and renders
    /// it. This cut ends at the first line that merely trims to a case-insensitive <c>@end</c> and writes that line
    /// itself, so the pipe's block and this one end on the same line: one request is one image and one delimiter.
    /// </summary>
    private static PlantUmlBlock FirstBlock(List<PlantUmlLine> lines)
    {
        var start = lines.FindIndex(l => l.Text.Trim().StartsWith("@start", StringComparison.OrdinalIgnoreCase));
        var body = new StringBuilder();
        var numbers = new List<int>();
        var from = start < 0 ? 0 : start + 1;
        body.Append(start < 0 ? "@startuml" : "@start" + lines[start].Text.Trim()[6..]).Append('\n');
        numbers.Add(start < 0 ? 0 : lines[start].Number);
        for (var i = from; i < lines.Count; i++)
        {
            var line = lines[i].Text;
            numbers.Add(lines[i].Number);
            if (line.TrimStart().StartsWith("@end", StringComparison.OrdinalIgnoreCase))
            {
                return new PlantUmlBlock(body.Append("@end").Append(line.Trim()[4..]).ToString(), numbers);
            }

            body.Append(line).Append('\n');
        }

        numbers.Add(0);
        return new PlantUmlBlock(body.Append("@enduml").ToString(), numbers);
    }
}
