using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Forge;

/// <summary>The Forge adfExport function's own Node tests (forge/test/*.test.mjs) run here, so `dotnet test Diagrams.sln` covers them.</summary>
public sealed class ExportFunctionTests
{
    [Fact]
    public async Task ExportFunction_NodeTestsAllPass()
    {
        await ForgeProject.EnsureInstalledAsync();
        var tests = Directory.GetFiles(Path.Combine(ForgeProject.Folder, "test"), "*.test.mjs").Order(StringComparer.Ordinal).ToArray();
        tests.ShouldNotBeEmpty();

        var run = await ForgeProject.RunAsync("node", TimeSpan.FromSeconds(60), ["--test", "--test-reporter=tap", .. tests]);

        run.ExitCode.ShouldBe(0, run.Output);
        NodeTool.TapCount(run.Output, "fail").ShouldBe(0, run.Output);
        NodeTool.TapCount(run.Output, "pass").ShouldBeGreaterThan(0, run.Output);
    }
}
