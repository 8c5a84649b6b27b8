using System.Text;
using System.Xml;
using Diagrams.Converter.Tools;
using Microsoft.Extensions.Options;

namespace Diagrams.Converter.Visio;

/// <summary>What an import answers: the XML and its media type (a drawing or a shape library).</summary>
public sealed record VisioResult(string Xml, string MediaType);

/// <summary>
/// <c>POST /v1/import/visio</c>: picks the reader by content (zip → native .vsdx/.vssx; OLE2 → binary .vsd/.vss and
/// XML → .vdx/.vsx, both through libvisio in the sandbox) and the output by the file name: a stencil
/// (<c>.vssx</c>/<c>.vss</c>/<c>.vsx</c>, or a nameless package whose content type says stencil) becomes a shape
/// library (<see cref="LibraryMediaType"/>), anything else a diagram (<see cref="DrawingMediaType"/>). Every refusal is
/// a <see cref="JobRejectedException"/> naming the limit.
/// </summary>
public sealed class VisioImportService(ToolRunner tools, IOptions<ConverterOptions> converter)
{
    public const string DrawingMediaType = "application/vnd.jgraph.mxfile";
    public const string LibraryMediaType = "application/vnd.jgraph.mxlibrary+xml";
    private static readonly string[] Stencils = [".vssx", ".vssm", ".vss", ".vsx"];
    private static readonly string[] Known = [".vsdx", ".vsdm", ".vsd", ".vdx", ".vssx", ".vssm", ".vss", ".vsx", ".vstx", ".vst", ".vtx"];

    /// <param name="fileName">The client's file name (X-File-Name), only its extension is used; may be empty.</param>
    public async Task<VisioResult> ImportAsync(byte[] input, string? fileName, string jobFolder, CancellationToken ct)
    {
        var extension = Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant();
        if (extension.Length > 0 && !Known.Contains(extension))
        {
            throw new JobRejectedException(415, "Not a Visio file", $"Files named {extension} are not Visio files; send .vsdx, .vssx, .vsd, .vss, .vdx or .vsx.");
        }

        var limits = new VisioLimits(MaxBytes: converter.Value.MaxRequestBytes);
        try
        {
            if (input.AsSpan().StartsWith("PK\u0003\u0004"u8))
            {
                var package = VisioPackage.Read(new MemoryStream(input, writable: false), limits);
                var library = Stencils.Contains(extension) || (extension.Length == 0 && package.IsStencil);
                var media = await new VisioMetafiles(tools).ConvertAsync(package, jobFolder, ct);
                return new VisioResult(VisioImporter.Write(package, limits, media, library), library ? LibraryMediaType : DrawingMediaType);
            }

            var binary = input.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
            if (!binary && !LooksLikeXml(input))
            {
                throw new VisioImportException("format", "the file is neither a .vsdx/.vssx zip, a binary .vsd/.vss (OLE2) nor Visio XML (.vdx/.vsx)");
            }

            if (!binary)
            {
                CheckXml(input, limits);
            }

            var stencil = Stencils.Contains(extension);
            var xml = await LegacyAsync(input, binary ? (stencil ? ".vss" : ".vsd") : (stencil ? ".vsx" : ".vdx"), stencil, jobFolder, limits, ct);
            return new VisioResult(xml, stencil ? LibraryMediaType : DrawingMediaType);
        }
        catch (VisioImportException ex)
        {
            throw new JobRejectedException(ex.Limit == "size" ? 413 : 422, "Cannot import this Visio file", ex.Message);
        }
    }

    private async Task<string> LegacyAsync(byte[] input, string extension, bool stencil, string jobFolder, VisioLimits limits, CancellationToken ct)
    {
        if (await tools.SandboxFailureAsync() is { } failure)
        {
            throw new JobRejectedException(503, "Visio converter sandbox unavailable", $"libvisio must run in bubblewrap (Converter:Tools:Sandbox=bwrap) and bubblewrap cannot run here: {failure}");
        }

        var o = tools.Options;
        await File.WriteAllBytesAsync(Path.Combine(jobFolder, "input" + extension), input, ct);
        var file = $"{tools.JobPath(jobFolder)}/input{extension}";
        var prefix = stencil ? "vss2" : "vsd2";
        var xhtml = await RunAsync(Path.Combine(o.LibVisioToolsPath, prefix + "xhtml"), file, jobFolder, ct);
        var raw = await RunAsync(Path.Combine(o.LibVisioToolsPath, prefix + "raw"), file, jobFolder, ct);
        var pages = VisioLegacy.ParseRaw(Encoding.UTF8.GetString(raw), limits);
        return VisioLegacy.Build(VisioLegacy.ParseXhtml(xhtml, limits), pages, stencil);
    }

    private async Task<byte[]> RunAsync(string tool, string file, string jobFolder, CancellationToken ct)
    {
        var o = tools.Options;
        try
        {
            var run = await tools.RunAsync(tool, [file], jobFolder, TimeSpan.FromSeconds(o.TimeoutSeconds), o.MaxOutputBytes, 1024 * 1024, null, ct);
            return run.ExitCode == 0 && run.Output.Length > 0
                ? run.Output
                : throw new VisioImportException("format", "libvisio could not read this file (damaged, encrypted or not a Visio drawing)");
        }
        catch (ToolTimeoutException)
        {
            throw new JobRejectedException(422, "Visio file took too long", $"libvisio did not finish within {o.TimeoutSeconds} s (Converter:Tools:TimeoutSeconds).");
        }
        catch (ToolOutputTooLargeException)
        {
            throw new JobRejectedException(422, "Visio file too large", $"libvisio's output exceeds {o.MaxOutputBytes} bytes (Converter:Tools:MaxOutputBytes).");
        }
    }

    private static bool LooksLikeXml(byte[] input)
    {
        var head = input.AsSpan(0, Math.Min(input.Length, 64));
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        head = head.TrimStart(" \t\r\n"u8);
        return head.Length > 0 && head[0] == (byte)'<';
    }

    /// <summary>
    /// A .vdx/.vsx is read by us first with DTDs prohibited, no resolver and a depth bound, so an entity bomb or
    /// external entity is refused here (422 <c>dtd</c>) before libvisio (libxml2) ever sees the file.
    /// </summary>
    private static void CheckXml(byte[] input, VisioLimits limits)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersFromEntities = 0, MaxCharactersInDocument = limits.MaxUncompressedBytes };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(input, writable: false), settings);
            var root = true;
            while (reader.Read())
            {
                if (reader.Depth > limits.MaxXmlDepth)
                {
                    throw new VisioImportException("xml-depth", $"the XML nests deeper than {limits.MaxXmlDepth} levels");
                }

                if (root && reader.NodeType == XmlNodeType.Element)
                {
                    root = false;
                    if (reader.LocalName != "VisioDocument")
                    {
                        throw new VisioImportException("format", "the XML is not a Visio 2003 document (root element VisioDocument)");
                    }
                }
            }
        }
        catch (XmlException ex)
        {
            var text = Encoding.UTF8.GetString(input, 0, Math.Min(input.Length, 64 * 1024));
            throw text.Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase)
                ? new VisioImportException("dtd", "the XML declares a DOCTYPE, which is refused", ex)
                : new VisioImportException("xml", "the file is not well-formed XML", ex);
        }
    }
}
