using System.Text;
using System.Xml.Linq;
using Diagrams.Converter;
using Diagrams.Converter.Tools;
using Diagrams.Converter.Visio;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Shouldly;

namespace Diagrams.App.Tests.Converter;

/// <summary>A <see cref="VisioImportService"/> over the real tools (bwrap sandbox by default) and a private job folder per call.</summary>
internal static class VisioTools
{
    public static VisioImportService Service(Action<ToolOptions>? configure = null)
    {
        var tools = new ToolOptions();
        configure?.Invoke(tools);
        return new VisioImportService(new ToolRunner(Options.Create(tools), NullLogger<ToolRunner>.Instance), Options.Create(new ConverterOptions()));
    }

    public static async Task<VisioResult> ImportAsync(byte[] input, string fileName, Action<ToolOptions>? configure = null)
    {
        var folder = Directory.CreateTempSubdirectory("diagrams-visio-test-");
        try
        {
            return await Service(configure).ImportAsync(input, fileName, folder.FullName, CancellationToken.None);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Imports a <see cref="VisioTestFiles.FixtureWithImages"/> file and returns its image cells (ids v1-9…), checking the rest still converted.</summary>
    public static async Task<List<XElement>> ImageCellsAsync(byte[] vsdx, Action<ToolOptions>? configure = null)
    {
        var result = await ImportAsync(vsdx, "drawing.vsdx", configure);
        var doc = XDocument.Parse(result.Xml);
        doc.Descendants("mxCell").Select(c => c.Attribute("value")?.Value).ShouldContain("Hiring need reported"); // the rest still converts
        return [.. doc.Descendants("mxCell").Where(c => c.Attribute("id")!.Value.StartsWith("v1-9", StringComparison.Ordinal))];
    }

    /// <summary>The SVG of an image cell's data URI (draw.io's style form, no ";base64").</summary>
    public static XElement SvgOf(XElement cell)
    {
        var style = cell.Attribute("style")!.Value;
        const string marker = "image=data:image/svg+xml,";
        var start = style.IndexOf(marker, StringComparison.Ordinal);
        start.ShouldBeGreaterThan(-1, style.Length > 200 ? style[..200] : style);
        var base64 = style[(start + marker.Length)..].Split(';')[0];
        return XElement.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64)));
    }

    /// <summary>An executable shell script in a fresh temp folder (a stand-in tool that misbehaves); the folder is returned.</summary>
    public static string FakeTool(string name, string body)
    {
        var folder = Directory.CreateTempSubdirectory("diagrams-fake-tool-").FullName;
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The Visio tool tests need Linux (bubblewrap, emf2svg, wmf2svg, libvisio).");
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return folder;
    }
}
