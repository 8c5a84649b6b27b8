using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Diagrams.Converter.Tools;

namespace Diagrams.Converter.Visio;

/// <summary>
/// EMF images of a .vsdx (<c>visio/media/*</c>) → SVG with Debian's <c>emf2svg-conv</c>, batched like draw.io's own
/// converter: up to <see cref="ToolOptions.EmfBatchSize"/> images per sandbox start, each conversion under its own
/// <c>timeout</c> and a file-size rlimit, all in the job's private folder. emf2svg draws no background, so transparent
/// areas stay transparent (the complaint about draw.io's PNG conversion). A broken, oversized, slow or surplus image
/// only becomes a labelled placeholder; the rest of the drawing still converts. WMF is not converted: emf2svg reads
/// EMF only (it exits with an error on a WMF), and no other WMF converter is installed.
/// </summary>
internal sealed class VisioEmf(ToolRunner tools)
{
    public const string WmfProblem = "WMF is not supported, emf2svg reads EMF only";

    public static bool IsEmf(byte[] b) =>
        b.Length >= 88 && BinaryPrimitives.ReadUInt32LittleEndian(b) == 1 && b[40] == 0x20 && b[41] == 0x45 && b[42] == 0x4D && b[43] == 0x46;

    public static bool IsWmf(byte[] b) =>
        (b.Length >= 22 && BinaryPrimitives.ReadUInt32LittleEndian(b) == 0x9AC6CDD7)
        || (b.Length >= 18 && BinaryPrimitives.ReadUInt16LittleEndian(b) is 1 or 2 && BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(2)) == 9);

    /// <summary>Every EMF/WMF media part of the package → its SVG or why not.</summary>
    public async Task<Dictionary<string, MediaImage>> ConvertAsync(VisioPackage package, string jobFolder, CancellationToken ct)
    {
        var o = tools.Options;
        var result = new Dictionary<string, MediaImage>(StringComparer.OrdinalIgnoreCase);
        var pending = new List<(string Path, byte[] Bytes)>();
        foreach (var path in package.PartNames.Where(p => p.StartsWith("visio/media/", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
        {
            var bytes = package.Bytes(path)!;
            if (IsWmf(bytes))
            {
                result[path] = new MediaImage(null, WmfProblem);
            }
            else if (IsEmf(bytes))
            {
                var problem = bytes.Length > o.MaxEmfBytes ? $"the EMF is larger than {o.MaxEmfBytes} bytes (Converter:Tools:MaxEmfBytes)"
                    : pending.Count >= o.MaxEmfImages ? $"the file has more than {o.MaxEmfImages} EMF images (Converter:Tools:MaxEmfImages)"
                    : null;
                if (problem is null)
                {
                    pending.Add((path, bytes));
                }
                else
                {
                    result[path] = new MediaImage(null, problem);
                }
            }
        }

        if (pending.Count == 0)
        {
            return result;
        }

        if (await tools.SandboxFailureAsync() is { } failure)
        {
            foreach (var (path, _) in pending)
            {
                result[path] = new MediaImage(null, $"EMF conversion is unavailable on this server: {failure}");
            }

            return result;
        }

        var folder = Directory.CreateDirectory(Path.Combine(jobFolder, "emf")).FullName;
        long budget = o.MaxTotalSvgBytes;
        for (var start = 0; start < pending.Count; start += o.EmfBatchSize)
        {
            var batch = pending.Skip(start).Take(o.EmfBatchSize).ToList();
            var exitCodes = await RunBatchAsync(batch.Select(b => b.Bytes).ToList(), start, folder, jobFolder, ct);
            for (var i = 0; i < batch.Count; i++)
            {
                var image = Read(folder, start + i, exitCodes.GetValueOrDefault(start + i, -1), ref budget);
                result[batch[i].Path] = image;
            }
        }

        return result;
    }

    private async Task<Dictionary<int, int>> RunBatchAsync(List<byte[]> images, int first, string folder, string jobFolder, CancellationToken ct)
    {
        var o = tools.Options;
        for (var i = 0; i < images.Count; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, $"img{first + i}.emf"), images[i], ct);
        }

        // Only our own file names and configured paths reach the shell; none of the file's content does.
        var seconds = Math.Max(1, (int)Math.Ceiling(o.TimeoutSeconds)).ToString(CultureInfo.InvariantCulture);
        var script = new StringBuilder($"cd {tools.JobPath(jobFolder)}/emf || exit 1\n");
        for (var i = first; i < first + images.Count; i++)
        {
            script.Append(CultureInfo.InvariantCulture, $"/usr/bin/timeout -s KILL {seconds} '{o.Emf2SvgPath}' -p -i img{i}.emf -o img{i}.svg >/dev/null 2>&1; echo \"{i} $?\"\n");
        }

        var exitCodes = new Dictionary<int, int>();
        try
        {
            var run = await tools.RunAsync("/bin/sh", ["-c", script.ToString()], jobFolder, TimeSpan.FromSeconds((o.TimeoutSeconds * images.Count) + 5),
                64 * 1024, o.MaxSvgBytes + 1L, [o.Emf2SvgPath], ct);
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

    private MediaImage Read(string folder, int index, int exitCode, ref long budget)
    {
        var o = tools.Options;
        var svgPath = Path.Combine(folder, $"img{index}.svg");
        var size = File.Exists(svgPath) ? new FileInfo(svgPath).Length : 0;
        if (exitCode is 137 or 124 or -1)
        {
            return new MediaImage(null, $"emf2svg did not finish within {o.TimeoutSeconds} s (Converter:Tools:TimeoutSeconds)");
        }

        if (exitCode == 153 || size > o.MaxSvgBytes)
        {
            return new MediaImage(null, $"the SVG would be larger than {o.MaxSvgBytes} bytes (Converter:Tools:MaxSvgBytes)");
        }

        if (exitCode != 0 || size == 0)
        {
            return new MediaImage(null, "emf2svg could not read this EMF");
        }

        if (size > budget)
        {
            return new MediaImage(null, $"the images' SVG together exceed {o.MaxTotalSvgBytes} bytes (Converter:Tools:MaxTotalSvgBytes)");
        }

        var svg = VisioSvg.Parse(File.ReadAllBytes(svgPath), 256) is { } root ? VisioSvg.ToBase64(root) : null;
        if (svg is null)
        {
            return new MediaImage(null, "emf2svg produced no usable SVG");
        }

        budget -= size;
        return new MediaImage(svg, null);
    }
}
