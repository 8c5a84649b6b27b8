using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Web;

/// <summary>
/// The browser code's own unit tests (web/test/*.test.ts: the storage protocol against the shared vectors, the Forge
/// adapter's bridge calls) run here, so `dotnet test Diagrams.sln` covers them. web/node_modules is there: the build
/// (web/Web.csproj) installs it before App compiles.
/// </summary>
public sealed class WebUnitTests
{
    [Fact]
    public async Task WebTests_AllPass()
    {
        var web = Path.Combine(NodeTool.RepositoryRoot, "web");

        var run = await NodeTool.RunAsync(web, "node", TimeSpan.FromSeconds(120), "test.mjs", "--test-reporter=tap");

        run.ExitCode.ShouldBe(0, run.Output);
        NodeTool.TapCount(run.Output, "fail").ShouldBe(0, run.Output);
        NodeTool.TapCount(run.Output, "pass").ShouldBeGreaterThan(30, run.Output);
    }
}
