extern alias hostsim;

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
    private static readonly NodeProject Project = new(NodeProject.InRepository("App.Tests", "HostSim", "ForgeBridgeProbe"));
    private static readonly SemaphoreSlim BuildLock = new(1, 1);
    private static string? s_built;

    public static async Task<string> BuildAsync()
    {
        await BuildLock.WaitAsync();
        try
        {
            if (s_built is null)
            {
                await Project.EnsureInstalledAsync();
                var output = Directory.CreateTempSubdirectory("forge-probe-").FullName;
                var run = await Project.RunAsync("node", TimeSpan.FromMinutes(2), "build.mjs", output);
                if (run.ExitCode != 0)
                {
                    throw new InvalidOperationException($"Building the Forge probe failed ({run.ExitCode}):\n{run.Output}");
                }

                s_built = output;
            }

            return s_built;
        }
        finally
        {
            BuildLock.Release();
        }
    }

    /// <summary>HostSim, serving the probe as every UI resource, and one App configured for HostSim's Forge.</summary>
    public static async Task<TestSystem> StartSystemAsync()
    {
        var probe = await BuildAsync();
        string[] simArgs = [.. ForgeModules.Resources.Where(r => r != "icons").Select(r => $"--HostSim:ForgeResources:{r}={probe}")];
        return await TestSystem.StartWithHostSimArgsAsync(simArgs, 1, ForgeRequests.AppArgs);
    }
}

/// <summary>One <see cref="ForgeProbe.StartSystemAsync"/> system for a test class; each test opens its own sandbox in it.</summary>
public sealed class ForgeProbeSystem : IAsyncLifetime
{
    public TestSystem System { get; private set; } = null!;

    public async Task InitializeAsync() => System = await ForgeProbe.StartSystemAsync();

    public async Task DisposeAsync() => await System.DisposeAsync();
}
