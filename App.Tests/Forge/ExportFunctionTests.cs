using System.Text.RegularExpressions;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Forge;

/// <summary>The Forge adfExport function's own Node tests (forge/test/*.test.mjs) run here, so `dotnet test Diagrams.sln` covers them.</summary>
public sealed partial class ExportFunctionTests
{
    [Fact]
    public async Task ExportFunction_NodeTestsAllPass()
    {
        await ForgeProject.EnsureInstalledAsync();
        var tests = Directory.GetFiles(Path.Combine(ForgeProject.Folder, "test"), "*.test.mjs").Order(StringComparer.Ordinal).ToArray();
        tests.ShouldNotBeEmpty();

        var run = await ForgeProject.RunAsync("node", TimeSpan.FromSeconds(60), ["--test", "--test-reporter=tap", .. tests]);

        run.ExitCode.ShouldBe(0, run.Output);
        Count(run.Output, "fail").ShouldBe(0, run.Output);
        Count(run.Output, "pass").ShouldBeGreaterThan(0, run.Output);
    }

    private static int Count(string tap, string kind) =>
        Summary().Matches(tap).Where(m => m.Groups[1].Value == kind).Select(m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)).Single();

    [GeneratedRegex(@"^# (pass|fail) (\d+)$", RegexOptions.Multiline)]
    private static partial Regex Summary();
}
