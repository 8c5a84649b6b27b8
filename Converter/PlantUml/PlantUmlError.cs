using System.Text;

namespace Diagrams.Converter.PlantUml;

/// <summary>
/// PlantUML's answer to a block it cannot read. With <c>-pipeNoStderr</c> its pipe answers such a block, in place of
/// the error picture, with <c>ERROR</c>, the 0-based line of the block, and the message lines (e.g. <c>Syntax Error?</c>),
/// each ending in LF. An image never starts that way (SVG starts with <c>&lt;?xml</c>, PNG with its signature).
/// </summary>
internal sealed record PlantUmlError(int BlockLine, string Message)
{
    private const int MaxMessageChars = 300;
    private const int MaxBytes = 16 * 1024;

    public static bool IsError(ReadOnlySpan<byte> answer) => answer.StartsWith("ERROR\n"u8);

    /// <summary>The error in <paramref name="answer"/>, or null when it is not one PlantUML writes.</summary>
    public static PlantUmlError? Read(ReadOnlySpan<byte> answer)
    {
        if (!IsError(answer) || answer.Length > MaxBytes || !answer.EndsWith("\n"u8))
        {
            return null;
        }

        var lines = Encoding.UTF8.GetString(answer).Split('\n')[1..^1];
        if (lines.Length < 2 || !int.TryParse(lines[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var line))
        {
            return null;
        }

        var message = string.Join(' ', lines[1..].Select(l => l.Trim()).Where(l => l.Length > 0));
        message = new string([.. message.Where(c => !char.IsControl(c))]);
        return new PlantUmlError(line, message.Length > MaxMessageChars ? message[..MaxMessageChars] + "…" : message);
    }
}
