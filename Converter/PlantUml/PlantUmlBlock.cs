namespace Diagrams.Converter.PlantUml;

/// <summary>
/// The one diagram block sent to PlantUML (from its <c>@start…</c> line to its <c>@end…</c> line, LF line ends) and,
/// for each of its lines, the user's line where it starts (0 for a line the guard wrote, such as a missing
/// <c>@startuml</c>), so PlantUML's error line can be given back in the user's own numbering.
/// </summary>
public sealed record PlantUmlBlock(string Text, IReadOnlyList<int> LineNumbers)
{
    /// <summary>A block taken as it is: its lines are the user's lines 1, 2, 3…</summary>
    public static PlantUmlBlock Of(string text) => new(text, [.. Enumerable.Range(1, text.Split('\n').Length)]);

    /// <summary>The user's line of PlantUML's 0-based <paramref name="blockLine"/> (nearest written line when it has none).</summary>
    public int UserLine(int blockLine)
    {
        var at = Math.Clamp(blockLine, 0, LineNumbers.Count - 1);
        for (var i = at; i >= 0; i--)
        {
            if (LineNumbers[i] > 0)
            {
                return LineNumbers[i];
            }
        }

        return LineNumbers.FirstOrDefault(n => n > 0, 1);
    }
}
