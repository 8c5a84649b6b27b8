using System.Text.Json.Nodes;

namespace Diagrams.HostSim;

/// <summary>
/// What <c>view.getContext()</c> answers in each sandbox frame (@forge/bridge's <c>FullContext</c>): the site and user
/// (<c>cloudId</c>, <c>siteUrl</c>, <c>accountId</c>), the environment, the module (<c>moduleKey</c>, <c>localId</c>) and its
/// <c>extension</c> as Forge documents it per module type: a macro's page, space and saved <c>config</c>; an issue panel's
/// issue and project; only the type for the admin pages.
/// </summary>
public static class ForgeContext
{
    public static JsonObject Full(SimSite site, string accountId, ForgeModule module, string localId, JsonObject extension) => new()
    {
        ["accountId"] = accountId,
        ["cloudId"] = site.Forge.CloudId,
        ["siteUrl"] = SiteUrl(site),
        ["environmentId"] = site.Forge.EnvironmentId,
        ["environmentType"] = "PRODUCTION",
        ["localId"] = localId,
        ["locale"] = "en-US",
        ["timezone"] = "UTC",
        ["moduleKey"] = module.Key,
        ["theme"] = null,
        ["extension"] = extension,
    };

    /// <summary>The site's origin, as the FIT's <c>context.siteUrl</c> names it (<see cref="ForgeSim.Fit"/>).</summary>
    public static string SiteUrl(SimSite site) => new Uri(site.BaseUrl).GetLeftPart(UriPartial.Authority);

    /// <summary>A macro on a page: the viewer (<paramref name="configuring"/> false) or its config editor (insert when <paramref name="config"/> is null).</summary>
    public static JsonObject Macro(string pageId, IReadOnlyDictionary<string, string>? config, bool configuring)
    {
        var extension = new JsonObject
        {
            ["type"] = ForgeModules.Macro.Type,
            ["content"] = new JsonObject { ["id"] = pageId, ["type"] = "page", ["subtype"] = null },
            ["space"] = new JsonObject { ["id"] = SandboxContext.SpaceId, ["key"] = SandboxContext.SpaceKey },
            ["isEditing"] = configuring,
            ["references"] = new JsonArray(),
            ["macro"] = new JsonObject { ["isConfiguring"] = configuring, ["isInserting"] = configuring && config is null },
        };
        if (config is not null)
        {
            var values = new JsonObject();
            foreach (var (name, value) in config)
            {
                values[name] = value;
            }

            extension["config"] = values;
        }

        return extension;
    }

    public static JsonObject IssuePanel(string issueKey) => new()
    {
        ["type"] = ForgeModules.IssuePanel.Type,
        ["issue"] = new JsonObject { ["id"] = Jira.IssueId(issueKey), ["key"] = issueKey, ["type"] = "Task", ["typeId"] = "10001" },
        ["project"] = new JsonObject { ["id"] = SandboxContext.ProjectId, ["key"] = SandboxContext.ProjectKey, ["type"] = "software" },
        ["isNewToIssue"] = false,
    };

    public static JsonObject Admin(string product) => new() { ["type"] = ForgeModules.Admin(product).Type };
}
