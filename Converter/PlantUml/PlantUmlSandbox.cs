using System.Diagnostics;

namespace Diagrams.Converter.PlantUml;

/// <summary>
/// The command line of one PlantUML process: java with PlantUML's own limits, inside bubblewrap (no network,
/// no other namespaces shared, read-only /usr and the few /etc entries Java and fontconfig need, private /tmp).
/// <c>-pipeNoStderr</c>: a block PlantUML cannot read is answered on stdout with its error (<see cref="PlantUmlError"/>),
/// in step with the other answers, instead of an error picture.
/// </summary>
internal static class PlantUmlSandbox
{
    private static readonly string[] Environment = ["PLANTUML_SECURITY_PROFILE=SANDBOX", "HOME=/tmp", "LANG=C.UTF-8"];

    public static bool Enabled(PlantUmlOptions o) => string.Equals(o.Sandbox, "bwrap", StringComparison.Ordinal);

    public static ProcessStartInfo StartInfo(PlantUmlOptions o, string delimiter)
    {
        string[] java =
        [
            o.JavaPath, "-Djava.awt.headless=true", "-Xmx256m", "-Xss4m", "-XX:+UseSerialGC",
            "-Djava.net.useSystemProxies=false", "-DPLANTUML_LIMIT_SIZE=15000", "-DPLANTUML_SECURITY_PROFILE=SANDBOX",
            "-jar", o.JarPath, "-pipe", "-pipeNoStderr", "-pipedelimitor", delimiter, "-tsvg", "-charset", "UTF-8",
        ];
        return Create(Enabled(o) ? o.BwrapPath : java[0], Enabled(o) ? [.. BwrapArguments(), .. java] : java[1..]);
    }

    /// <summary>Runs <c>java -version</c> in the sandbox once: null when it works, else why not.</summary>
    public static async Task<string?> ProbeAsync(PlantUmlOptions o)
    {
        if (!File.Exists(o.BwrapPath))
        {
            return $"bubblewrap is not installed at {o.BwrapPath}.";
        }

        try
        {
            using var probe = Process.Start(Create(o.BwrapPath, [.. BwrapArguments(), o.JavaPath, "-version"]))!;
            probe.StandardInput.Close();
            var stderr = probe.StandardError.ReadToEndAsync();
            _ = probe.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await probe.WaitForExitAsync(timeout.Token);
            var text = await stderr;
            return probe.ExitCode == 0 ? null : $"bwrap exited with {probe.ExitCode}: {FirstLine(text)}";
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or OperationCanceledException or IOException)
        {
            return $"bwrap could not start: {ex.Message}";
        }
    }

    private static List<string> BwrapArguments() =>
        Tools.Bubblewrap.Arguments(Directory.GetDirectories("/etc", "java*").Concat(["/etc/alternatives", "/etc/fonts", "/var/cache/fontconfig"]), Environment);

    private static ProcessStartInfo Create(string file, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Without bwrap's --clearenv the child still gets only these variables (plus PATH for the JVM).
        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/bin:/bin";
        foreach (var pair in Environment)
        {
            var parts = pair.Split('=', 2);
            info.Environment[parts[0]] = parts[1];
        }

        return info;
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length > 200 ? line[..200] : line;
    }
}
