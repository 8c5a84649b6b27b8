using Diagrams.App.Tests.Infrastructure;

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

    /// <summary>forge/ beside Diagrams.sln.</summary>
    public static string Folder { get; } = Path.Combine(NodeTool.RepositoryRoot, "forge");

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
    public static Task<ToolRun> RunAsync(string program, TimeSpan timeout, params string[] args) => NodeTool.RunAsync(Folder, program, timeout, args);
}
