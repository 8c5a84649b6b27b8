using System.Diagnostics;
using System.Text;

namespace Diagrams.App.Tests.Forge;

/// <summary>
/// The repository's forge/ folder and its tools: <c>npm ci</c> once per machine when node_modules is missing or older
/// than package.json/package-lock.json (the same rule as web/Web.csproj), and node runs with a time limit.
/// </summary>
internal static class ForgeProject
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static bool _installed;

    /// <summary>forge/ beside Diagrams.sln, found by walking up from the test binaries.</summary>
    public static string Folder { get; } = Find();

    public static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (_installed)
            {
                return;
            }

            var stamp = Path.Combine(Folder, "node_modules", ".install-stamp");
            var manifestOfPackages = File.GetLastWriteTimeUtc(Path.Combine(Folder, "package.json"));
            var lockFile = File.GetLastWriteTimeUtc(Path.Combine(Folder, "package-lock.json"));
            var stampTime = File.Exists(stamp) ? File.GetLastWriteTimeUtc(stamp) : DateTime.MinValue;
            if (stampTime < manifestOfPackages || stampTime < lockFile)
            {
                var install = await RunAsync("npm", InstallTimeout, "ci", "--no-audit", "--no-fund", "--loglevel=error");
                if (install.ExitCode != 0)
                {
                    throw new InvalidOperationException($"npm ci in {Folder} failed ({install.ExitCode}):\n{install.Output}");
                }

                await File.WriteAllTextAsync(stamp, string.Empty);
            }

            _installed = true;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    /// <summary>Runs a program in forge/ and returns its exit code and its stdout and stderr together.</summary>
    public static async Task<ToolRun> RunAsync(string program, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The manifest's variables take their defaults (placeholder app id and base URL) whatever this machine has set.
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

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Diagrams.sln")))
            {
                return Path.Combine(dir.FullName, "forge");
            }
        }

        throw new DirectoryNotFoundException($"No Diagrams.sln above {AppContext.BaseDirectory}.");
    }
}

internal sealed record ToolRun(int ExitCode, string Output);
