namespace Diagrams.HostSim;

/// <summary>A UI module of the app's Forge manifest as the sandbox frames it: its product, type, key and Custom UI resource(s).</summary>
public sealed record ForgeModule(string Product, string Type, string Key, string Resource, string? ConfigResource = null, bool AutoResize = false);

/// <summary>
/// The UI modules and resources of <c>forge/manifest.yml</c> (checked against the manifest by App.Tests' ForgeSandboxTests, so
/// a change there fails a test until this table follows), and where each resource's files are: <c>HostSim:ForgeResources:{key}</c>,
/// else <c>{HostSim:ForgeStaticPath}/{key}</c>, else <c>forge/static/{key}</c> of the repository HostSim runs from.
/// </summary>
public static class ForgeModules
{
    public static readonly ForgeModule Macro = new("confluence", "macro", "secure-diagram", "viewer", ConfigResource: "editor", AutoResize: true);
    public static readonly ForgeModule ConfluenceSettings = new("confluence", "confluence:globalSettings", "admin", "admin");
    public static readonly ForgeModule IssuePanel = new("jira", "jira:issuePanel", "panel", "panel", AutoResize: true);
    public static readonly ForgeModule JiraAdmin = new("jira", "jira:adminPage", "jira-admin", "admin");

    public static readonly IReadOnlyList<ForgeModule> All = [Macro, ConfluenceSettings, IssuePanel, JiraAdmin];

    /// <summary>The manifest's <c>resources</c> keys.</summary>
    public static readonly IReadOnlyList<string> Resources = ["viewer", "editor", "panel", "admin", "icons"];

    public static ForgeModule? Find(string product, string? key) => All.FirstOrDefault(m => m.Product == product && m.Key == key);

    public static ForgeModule Admin(string product) => product == "jira" ? JiraAdmin : ConfluenceSettings;

    /// <summary>The folder holding a resource's files (it may not exist yet: the Custom UI is built from web/).</summary>
    public static string Folder(SimOptions options, string resource)
    {
        if (options.ForgeResources.TryGetValue(resource, out var configured) && !string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        var root = string.IsNullOrWhiteSpace(options.ForgeStaticPath) ? RepositoryStatic.Value : options.ForgeStaticPath;
        return Path.GetFullPath(Path.Combine(root ?? "forge/static", resource));
    }

    private static readonly Lazy<string?> RepositoryStatic = new(() =>
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "forge", "manifest.yml")))
                {
                    return Path.Combine(dir.FullName, "forge", "static");
                }
            }
        }

        return null;
    });
}
