namespace Diagrams.App.Settings;

/// <summary>What <c>GET /api/capabilities</c> answers: what this site may use right now, and the regions this server offers.</summary>
/// <param name="Unavailable">Features off for a reason other than lockdown, with the reason (not built in this release, or the site's region not offered).</param>
public sealed record Capabilities(bool Lockdown, string? Region, IReadOnlyList<string> Regions, IReadOnlyDictionary<string, bool> Features, string SaveVia,
    string? Reason, IReadOnlyDictionary<string, string> Unavailable)
{
    public static readonly IReadOnlyList<string> ServerFeatures = ["pdfExport", "visioImport", "gliffyImport", "plantuml", "serverSave"];

    /// <summary>The features that run as heavy jobs at the site's region.</summary>
    private static readonly IReadOnlyList<string> JobFeatures = ["pdfExport", "visioImport", "gliffyImport", "plantuml"];

    /// <summary>Server features this release does not have yet: reported off, so no page offers them (none today).</summary>
    private static readonly Dictionary<string, string> NotBuilt = new(StringComparer.Ordinal);

    public static Capabilities From(Platform.Tenants.TenantPolicy policy, RegionSet regions)
    {
        if (policy.Lockdown)
        {
            return new Capabilities(true, null, regions.Codes, ServerFeatures.ToDictionary(f => f, _ => false), "browser",
                "Lockdown is on: features that need our servers are off and diagrams are saved by the browser straight to the site.", NotBuilt);
        }

        var unavailable = new Dictionary<string, string>(NotBuilt, StringComparer.Ordinal);
        if (!regions.Contains(policy.DataGovernance))
        {
            foreach (var feature in JobFeatures)
            {
                unavailable[feature] = SettingsView.NotOffered(policy.DataGovernance, regions);
            }
        }

        return new Capabilities(false, policy.DataGovernance, regions.Codes, ServerFeatures.ToDictionary(f => f, f => !unavailable.ContainsKey(f)), "browser", null, unavailable);
    }
}
