using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Diagrams.Converter.Tools;

namespace Diagrams.Converter.Visio;

/// <summary>
/// Metafile images of a .vsdx (<c>visio/media/*</c>) → SVG: EMF with Debian's <c>emf2svg-conv</c>, WMF with libwmf's
/// <c>wmf2svg</c>. Batched like draw.io's own converter: up to <see cref="ToolOptions.EmfBatchSize"/> images per
/// sandbox start, each conversion under its own <c>timeout</c> and a file-size rlimit, all in the job's private
/// folder. Neither tool draws a background (wmf2svg writes only the picture's own records, fitted to their bounding
/// box), so transparent areas stay transparent and nothing is stripped. A broken, oversized, slow or surplus image
/// only becomes a labelled placeholder; the rest of the drawing still converts.
/// </summary>
internal sealed class VisioMetafiles(ToolRunner tools)
{
    private const int MaxDepth = 256;

    /// <summary>One metafile format: its converter and how that converter's SVG is read.</summary>
    /// <param name="Command">The shell command converting <c>img{n}.{ext}</c> to <c>img{n}.svg</c> (n is formatted in).</param>
    private sealed record Format(string Name, string Tool, string Path, string Extension, string Command, Func<byte[], XElement?> Parse);

    public static bool IsEmf(byte[] b) =>
        b.Length >= 88 && BinaryPrimitives.ReadUInt32LittleEndian(b) == 1 && b[40] == 0x20 && b[41] == 0x45 && b[42] == 0x4D && b[43] == 0x46;

    public static bool IsWmf(byte[] b) =>
        (b.Length >= 22 && BinaryPrimitives.ReadUInt32LittleEndian(b) == 0x9AC6CDD7)
        || (b.Length >= 18 && BinaryPrimitives.ReadUInt16LittleEndian(b) is 1 or 2 && BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(2)) == 9);

    /// <summary>Every EMF/WMF media part of the package → its SVG or why not.</summary>
    public async Task<Dictionary<string, MediaImage>> ConvertAsync(VisioPackage package, string jobFolder, CancellationToken ct)
    {
        var o = tools.Options;
        Format emf = new("EMF", "emf2svg", o.Emf2SvgPath, "emf", "'" + o.Emf2SvgPath + "' -p -i img{0}.emf -o img{0}.svg", data => VisioSvg.Parse(data, MaxDepth));
        Format wmf = new("WMF", "wmf2svg", o.Wmf2SvgPath, "wmf", "'" + o.Wmf2SvgPath + "' --inline -o img{0}.svg img{0}.wmf", data => VisioWmfSvg.Parse(data, MaxDepth));
        var result = new Dictionary<string, MediaImage>(StringComparer.OrdinalIgnoreCase);
        var pending = new List<(string Path, byte[] Bytes, Format Format)>();
        foreach (var path in package.PartNames.Where(p => p.StartsWith("visio/media/", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
        {
            var bytes = package.Bytes(path)!;
            var format = IsWmf(bytes) ? wmf : IsEmf(bytes) ? emf : null;
            if (format is null)
            {
                continue;
            }

            var problem = bytes.Length > o.MaxEmfBytes ? $"the {format.Name} is larger than {o.MaxEmfBytes} bytes (Converter:Tools:MaxEmfBytes)"
                : pending.Count >= o.MaxEmfImages ? $"the file has more than {o.MaxEmfImages} EMF/WMF images (Converter:Tools:MaxEmfImages)"
                : null;
            if (problem is null)
            {
                pending.Add((path, bytes, format));
            }
            else
            {
                result[path] = new MediaImage(null, problem);
            }
        }

        if (pending.Count == 0)
        {
            return result;
        }

        if (await tools.SandboxFailureAsync() is { } failure)
        {
            foreach (var (path, _, format) in pending)
            {
                result[path] = new MediaImage(null, $"{format.Name} conversion is unavailable on this server: {failure}");
            }

            return result;
        }

        var folder = Directory.CreateDirectory(System.IO.Path.Combine(jobFolder, "emf")).FullName;
        long budget = o.MaxTotalSvgBytes;
        for (var start = 0; start < pending.Count; start += o.EmfBatchSize)
        {
            var batch = pending.Skip(start).Take(o.EmfBatchSize).Select(p => (p.Bytes, p.Format)).ToList();
            var exitCodes = await RunBatchAsync(batch, start, folder, jobFolder, ct);
            for (var i = 0; i < batch.Count; i++)
            {
                result[pending[start + i].Path] = Read(folder, start + i, batch[i].Format, exitCodes.GetValueOrDefault(start + i, -1), ref budget);
            }
        }

        return result;
    }

    private async Task<Dictionary<int, int>> RunBatchAsync(List<(byte[] Bytes, Format Format)> images, int first, string folder, string jobFolder, CancellationToken ct)
    {
        var o = tools.Options;
        for (var i = 0; i < images.Count; i++)
        {
            await File.WriteAllBytesAsync(System.IO.Path.Combine(folder, $"img{first + i}.{images[i].Format.Extension}"), images[i].Bytes, ct);
        }

        // Only our own file names and configured paths reach the shell; none of the file's content does.
        var seconds = Math.Max(1, (int)Math.Ceiling(o.TimeoutSeconds)).ToString(CultureInfo.InvariantCulture);
        var script = new StringBuilder($"cd {tools.JobPath(jobFolder)}/emf || exit 1\n");
        for (var i = 0; i < images.Count; i++)
        {
            var command = string.Format(CultureInfo.InvariantCulture, images[i].Format.Command, first + i);
            script.Append(CultureInfo.InvariantCulture, $"/usr/bin/timeout -s KILL {seconds} {command} >/dev/null 2>&1; echo \"{first + i} $?\"\n");
        }

        var exitCodes = new Dictionary<int, int>();
        try
        {
            var run = await tools.RunAsync("/bin/sh", ["-c", script.ToString()], jobFolder, TimeSpan.FromSeconds((o.TimeoutSeconds * images.Count) + 5),
                64 * 1024, o.MaxSvgBytes + 1L, [.. images.Select(image => image.Format.Path).Distinct(StringComparer.Ordinal)], ct);
            foreach (var line in Encoding.ASCII.GetString(run.Output).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = line.Split(' ');
                if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var n) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var code))
                {
                    exitCodes[n] = code;
                }
            }
        }
        catch (Exception ex) when (ex is ToolTimeoutException or ToolOutputTooLargeException)
        {
            // The images without an exit code become placeholders below.
        }

        return exitCodes;
    }

    private MediaImage Read(string folder, int index, Format format, int exitCode, ref long budget)
    {
        var o = tools.Options;
        var svgPath = System.IO.Path.Combine(folder, $"img{index}.svg");
        var size = File.Exists(svgPath) ? new FileInfo(svgPath).Length : 0;
        if (exitCode is 137 or 124 or -1)
        {
            return new MediaImage(null, $"{format.Tool} did not finish within {o.TimeoutSeconds} s (Converter:Tools:TimeoutSeconds)");
        }

        if (exitCode == 153 || size > o.MaxSvgBytes)
        {
            return new MediaImage(null, $"the SVG would be larger than {o.MaxSvgBytes} bytes (Converter:Tools:MaxSvgBytes)");
        }

        if (exitCode != 0 || size == 0)
        {
            return new MediaImage(null, $"{format.Tool} could not read this {format.Name}");
        }

        if (size > budget)
        {
            return new MediaImage(null, $"the images' SVG together exceed {o.MaxTotalSvgBytes} bytes (Converter:Tools:MaxTotalSvgBytes)");
        }

        var root = format.Parse(File.ReadAllBytes(svgPath));
        if ((root is null ? null : VisioSvg.ToBase64(VisioSvg.AddViewBox(root))) is not { } svg)
        {
            return new MediaImage(null, $"{format.Tool} produced no usable SVG");
        }

        budget -= size;
        return new MediaImage(svg, null);
    }
}
