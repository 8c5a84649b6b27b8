using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Diagrams.Converter.PlantUml;

/// <summary>The process answered something other than this turn's image and probe; it is killed and replaced.</summary>
internal sealed class PlantUmlOutOfStepException(string reason) : Exception(reason);

/// <summary>
/// One request to a warm process and the proof that the answer is this request's. PlantUML's pipe answers each
/// block it reads (up to a line starting with <c>@end</c>) with one image and the delimiter line, so a turn writes
/// the caller's block, then a probe: a tiny salt diagram showing a fresh random nonce. The turn is in step only
/// when the first answer is one image of the asked format without the nonce, and the second is the probe's, with
/// nothing after it. The probe's nonce sits before its own <c>@endsalt</c>, the last line written, so an answer
/// showing it proves the pipe has read everything this turn wrote and holds nothing back for the next caller;
/// the image before it can only come from this caller's block.
/// </summary>
internal sealed class PlantUmlTurn
{
    /// <summary>The probe's answer is about 600 bytes of SVG.</summary>
    public const int MaxProbeBytes = 16 * 1024;

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly byte[] _nonce;
    private readonly byte[] _nonceText;
    private readonly PlantUmlFormat _format;

    private PlantUmlTurn(string block, PlantUmlFormat format)
    {
        var nonce = "probe" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _format = format;
        _nonce = Encoding.ASCII.GetBytes(nonce);
        _nonceText = Encoding.ASCII.GetBytes($">{nonce}</text>");
        var name = format == PlantUmlFormat.Png ? "png" : "svg";
        Request = Encoding.UTF8.GetBytes($"@@@format {name}\n{block}\n@@@format svg\n@startsalt\n{{\n{nonce}\n}}\n@endsalt\n");
    }

    public byte[] Request { get; }

    public static PlantUmlTurn For(string block, PlantUmlFormat format) => new(block, format);

    /// <summary>
    /// The first answer: exactly one image of the asked format, or PlantUML's error for the block (<see cref="PlantUmlError"/>),
    /// and not the probe swallowed by the block.
    /// </summary>
    public void CheckImage(ReadOnlySpan<byte> answer)
    {
        if (answer.IndexOf(_nonce) >= 0)
        {
            throw new PlantUmlOutOfStepException("the diagram's answer contains the probe");
        }

        if (PlantUmlError.IsError(answer))
        {
            if (PlantUmlError.Read(answer) is null)
            {
                throw new PlantUmlOutOfStepException("the first answer is not one PlantUML error");
            }

            return;
        }

        if (!(_format == PlantUmlFormat.Png ? IsOnePng(answer) : IsOneSvg(answer)))
        {
            throw new PlantUmlOutOfStepException($"the first answer is not one {(_format == PlantUmlFormat.Png ? "PNG" : "SVG")} image");
        }
    }

    /// <summary>The second answer: the probe's SVG showing this turn's nonce and nothing else, and no output after it.</summary>
    public void CheckProbe(ReadOnlySpan<byte> answer, int bytesAfter)
    {
        if (bytesAfter > 0)
        {
            throw new PlantUmlOutOfStepException("output continued after the probe");
        }

        if (!IsOneSvg(answer) || Count(answer, _nonceText) != 1 || Count(answer, "<text"u8) != 1)
        {
            throw new PlantUmlOutOfStepException("the second answer is not this turn's probe");
        }
    }

    /// <summary>
    /// From <c>&lt;?xml</c> to <c>&lt;/svg&gt;</c>. Not "no other <c>&lt;?xml</c>": the source comment PlantUML embeds
    /// quotes the diagram's text verbatim. Two images never share a delimiter, so this and the probe are the proof.
    /// </summary>
    private static bool IsOneSvg(ReadOnlySpan<byte> answer) => answer.StartsWith("<?xml"u8) && EndsWithSvgClose(answer);

    /// <summary><c>&lt;/svg&gt;</c> at the end, allowing whitespace before the <c>&gt;</c> and after it (PlantUML's LaTeX writer).</summary>
    private static bool EndsWithSvgClose(ReadOnlySpan<byte> answer)
    {
        var end = answer.TrimEnd(" \t\r\n"u8);
        return end.EndsWith(">"u8) && end[..^1].TrimEnd(" \t\r\n"u8).EndsWith("</svg"u8);
    }

    /// <summary>The signature, then whole chunks up to an <c>IEND</c> that ends the answer exactly.</summary>
    private static bool IsOnePng(ReadOnlySpan<byte> answer)
    {
        if (!answer.StartsWith(PngSignature))
        {
            return false;
        }

        var at = PngSignature.Length;
        while (answer.Length - at >= 12)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(answer[at..]);
            if (length > (uint)(answer.Length - at - 12))
            {
                return false;
            }

            var type = answer.Slice(at + 4, 4);
            at += 12 + (int)length;
            if (type.SequenceEqual("IEND"u8))
            {
                return at == answer.Length;
            }
        }

        return false;
    }

    private static int Count(ReadOnlySpan<byte> text, ReadOnlySpan<byte> part)
    {
        var count = 0;
        int at;
        while ((at = text.IndexOf(part)) >= 0)
        {
            count++;
            text = text[(at + part.Length)..];
        }

        return count;
    }
}
