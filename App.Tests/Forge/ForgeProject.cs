using Diagrams.App.Tests.Infrastructure;

namespace Diagrams.App.Tests.Forge;

/// <summary>The repository's forge/ folder and its tools (<see cref="NodeProject"/>: npm ci once, node with a time limit).</summary>
internal static class ForgeProject
{
    private static readonly NodeProject Project = new(NodeProject.InRepository("forge"));

    public static string Folder => Project.Folder;

    public static Task EnsureInstalledAsync() => Project.EnsureInstalledAsync();

    /// <summary>Runs a program in forge/ and returns its exit code and its stdout and stderr together.</summary>
    public static Task<ToolRun> RunAsync(string program, TimeSpan timeout, params string[] args) => Project.RunAsync(program, timeout, args);
}
