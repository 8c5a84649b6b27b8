namespace Diagrams.HostSim;

/// <summary>
/// The context of the sandbox pages: the URL context variables Atlassian substitutes into module URLs, and the
/// objects <c>AP.context.getContext()</c> answers (host.js adds the macro of a macro frame).
/// </summary>
public static class SandboxContext
{
    public const string SpaceKey = "SBX";
    public const string SpaceId = "65538";
    public const string ProjectKey = "SBX";
    public const string ProjectId = "10000";

    /// <summary>Variables of a macro's view or editor URL: page, space, macro and the macro's own parameters.</summary>
    public static Dictionary<string, string?> MacroVariables(string pageId, int pageVersion, SimMacro? macro)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in macro?.Params ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        variables["page.id"] = pageId;
        variables["page.version"] = pageVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        variables["page.type"] = "page";
        variables["space.key"] = SpaceKey;
        variables["space.id"] = SpaceId;
        variables["macro.id"] = macro?.MacroId;
        variables["output.type"] = "display";
        return variables;
    }

    public static Dictionary<string, string?> IssueVariables(string issueKey) => new(StringComparer.Ordinal)
    {
        ["issue.key"] = issueKey,
        ["issue.id"] = Diagrams.HostSim.Jira.IssueId(issueKey),
        ["issuetype.id"] = "10001",
        ["project.key"] = ProjectKey,
        ["project.id"] = ProjectId,
    };

    public static object Confluence(string pageId, int version) => new
    {
        confluence = new
        {
            content = new { id = pageId, type = "page", version = version.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            space = new { id = SpaceId, key = SpaceKey },
        },
    };

    public static object ConfluenceAdmin() => new { confluence = new { } };

    public static object Jira(string issueKey) => new
    {
        jira = new
        {
            issue = new { key = issueKey, id = Diagrams.HostSim.Jira.IssueId(issueKey), issuetype = new { id = "10001" } },
            project = new { key = ProjectKey, id = ProjectId },
        },
    };

    public static object JiraAdmin() => new { jira = new { } };
}
