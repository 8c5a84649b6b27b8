using Diagrams.Converter;
using Diagrams.Converter.Tools;
using Diagrams.Converter.Visio;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

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

    /// <summary>An executable shell script in a fresh temp folder (a stand-in tool that misbehaves); the folder is returned.</summary>
    public static string FakeTool(string name, string body)
    {
        var folder = Directory.CreateTempSubdirectory("diagrams-fake-tool-").FullName;
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The Visio tool tests need Linux (bubblewrap, emf2svg, libvisio).");
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return folder;
    }
}
