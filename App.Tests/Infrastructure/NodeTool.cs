using System.Diagnostics;
using System.Text;

namespace Diagrams.App.Tests.Infrastructure;

/// <summary>Runs a Node.js tool (node, npm) in one of the repository's folders, with a time limit, and returns its exit code and output.</summary>
internal static class NodeTool
{
    /// <summary>The folder holding Diagrams.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static async Task<ToolRun> RunAsync(string folder, string program, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The Forge manifest's variables take their defaults (placeholder app id and base URL) whatever this machine has set.
        start.Environment.Remove("SECURE_DIAGRAMS_APP_ID");
        start.Environment.Remove("SECURE_DIAGRAMS_BASE_URL");

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start (install Node.js and npm).");
        var output = new StringBuilder();
        var stdout = CopyAsync(process.StandardOutput, output);
        var stderr = CopyAsync(process.StandardError, output);
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within {timeout.TotalSeconds} s:\n{output}");
        }

        await Task.WhenAll(stdout, stderr);
        return new ToolRun(process.ExitCode, output.ToString());
    }

    /// <summary>The count in a TAP summary line (<c># pass 12</c>) of node --test.</summary>
    public static int TapCount(string tap, string kind) =>
        System.Text.RegularExpressions.Regex.Matches(tap, $@"^# {kind} (\d+)$", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Single();

    private static async Task CopyAsync(StreamReader reader, StringBuilder output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Diagrams.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Diagrams.sln above {AppContext.BaseDirectory}.");
    }
}

internal sealed record ToolRun(int ExitCode, string Output);
