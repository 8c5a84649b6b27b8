using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Forge;

/// <summary>forge/manifest.yml passes Atlassian's own validator (@forge/manifest, full validation, offline), and that validator really rejects a broken copy.</summary>
public sealed class ManifestTests
{
    private static readonly TimeSpan ValidateTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Manifest_PassesAtlassiansFullValidation()
    {
        await ForgeProject.EnsureInstalledAsync();

        var run = await ValidateAsync(Path.Combine(ForgeProject.Folder, "manifest.yml"));

        run.Output.ShouldNotContain("error:", Case.Sensitive, run.Output);
        run.ExitCode.ShouldBe(0, run.Output);
        run.Output.ShouldContain("manifest.yml: valid, 8 modules (@forge/manifest 13.7.0, full validation)", Case.Sensitive, run.Output);
    }

    [Theory]
    [InlineData("adfExport bound to an endpoint", "      adfExport:\n        function: export", "      adfExport:\n        endpoint: backend", "macro property adfExport should NOT have additional property 'endpoint'")]
    [InlineData("an unknown scope", "    - write:jira-work ", "    - write:everything ", "Invalid 'scopes' permission in the manifest.yml file - 'write:everything'")]
    [InlineData("a trigger to no endpoint", "    - key: lifecycle\n      endpoint: backend", "    - key: lifecycle\n      endpoint: nowhere", "trigger references undefined endpoint module with key 'nowhere'")]
    [InlineData("a handler without its file", "handler: index.handler", "handler: missing.handler", "function handler property 'missing.handler' cannot find associated file")]
    public async Task BrokenManifest_IsRejectedWithTheReason(string breakage, string original, string replacement, string reason)
    {
        await ForgeProject.EnsureInstalledAsync();
        var manifest = await File.ReadAllTextAsync(Path.Combine(ForgeProject.Folder, "manifest.yml"));
        manifest.ShouldContain(original, Case.Sensitive, $"the manifest no longer has the text this case breaks ({breakage})");
        var copy = Directory.CreateTempSubdirectory("forge-broken-manifest-");
        try
        {
            CopyFolder(Path.Combine(ForgeProject.Folder, "src"), Path.Combine(copy.FullName, "src"));
            CopyFolder(Path.Combine(ForgeProject.Folder, "static"), Path.Combine(copy.FullName, "static"));
            var broken = Path.Combine(copy.FullName, "manifest.yml");
            await File.WriteAllTextAsync(broken, manifest.Replace(original, replacement, StringComparison.Ordinal));

            var run = await ValidateAsync(broken);

            run.ExitCode.ShouldBe(1, run.Output);
            run.Output.ShouldContain("error: manifest.yml:", Case.Sensitive, run.Output);
            run.Output.ShouldContain(reason, Case.Sensitive, run.Output);
            run.Output.ShouldContain("INVALID", Case.Sensitive, run.Output);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    private static Task<ToolRun> ValidateAsync(string manifest) =>
        ForgeProject.RunAsync("node", ValidateTimeout, "validate.mjs", manifest, "--stand-in-missing-resources");

    private static void CopyFolder(string from, string to)
    {
        if (!Directory.Exists(from))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
