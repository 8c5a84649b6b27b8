extern alias hostsim;

using System.Diagnostics;
using Diagrams.App.Tests.Forge;
using Diagrams.App.Tests.Infrastructure;
using Xunit;
using ForgeModules = hostsim::Diagrams.HostSim.ForgeModules;

namespace Diagrams.App.Tests.HostSim;

/// <summary>
/// The test Custom UI resource (<c>ForgeBridgeProbe/</c>: the real @forge/bridge bundled by esbuild, exposed as
/// <c>window.forgeBridge</c>), built once per test run, and a system whose HostSim serves it as every resource of the
/// manifest and whose App takes Forge calls from HostSim (<see cref="ForgeRequests.AppArgs"/>).
/// </summary>
internal static class ForgeProbe
{
    private static readonly Lazy<Task<string>> Built = new(BuildOnceAsync);

    /// <summary>App.Tests/HostSim/ForgeBridgeProbe, beside the sources of these tests.</summary>
    public static string Folder { get; } = Path.Combine(Path.GetDirectoryName(Forge.ForgeProject.Folder)!, "App.Tests", "HostSim", "ForgeBridgeProbe");

    /// <summary>The probe's folder (index.html, probe.js): npm ci when node_modules is older than the package files, then esbuild.</summary>
    public static Task<string> BuildAsync() => Built.Value;

    /// <summary>HostSim, serving the probe as every UI resource, and one App configured for HostSim's Forge.</summary>
    public static async Task<TestSystem> StartSystemAsync()
    {
        var probe = await BuildAsync();
        string[] simArgs = [.. ForgeModules.Resources.Where(r => r != "icons").Select(r => $"--HostSim:ForgeResources:{r}={probe}")];
        return await TestSystem.StartWithHostSimArgsAsync(simArgs, 1, ForgeRequests.AppArgs);
    }

    private static async Task<string> BuildOnceAsync()
    {
        var stamp = Path.Combine(Folder, "node_modules", ".install-stamp");
        var stampTime = File.Exists(stamp) ? File.GetLastWriteTimeUtc(stamp) : DateTime.MinValue;
        if (stampTime < File.GetLastWriteTimeUtc(Path.Combine(Folder, "package.json")) || stampTime < File.GetLastWriteTimeUtc(Path.Combine(Folder, "package-lock.json")))
        {
            await RunAsync("npm", TimeSpan.FromMinutes(5), "ci", "--no-audit", "--no-fund", "--loglevel=error");
            await File.WriteAllTextAsync(stamp, string.Empty);
        }

        var output = Directory.CreateTempSubdirectory("forge-probe-").FullName;
        await RunAsync("node", TimeSpan.FromMinutes(2), "build.mjs", output);
        return output;
    }

    private static async Task RunAsync(string program, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start (install Node.js and npm).");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} in {Folder} did not finish within {timeout.TotalSeconds} s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} in {Folder} failed ({process.ExitCode}):\n{await stdout}{await stderr}");
        }
    }
}

/// <summary>One <see cref="ForgeProbe.StartSystemAsync"/> system for a test class; each test opens its own sandbox in it.</summary>
public sealed class ForgeProbeSystem : IAsyncLifetime
{
    public TestSystem System { get; private set; } = null!;

    public async Task InitializeAsync() => System = await ForgeProbe.StartSystemAsync();

    public async Task DisposeAsync() => await System.DisposeAsync();
}
