using System.Text.Json;

namespace Diagrams.App.Settings;

/// <summary>The settings JSON an admin pastes: <c>{"dataGovernance": "EU"|"US", "lockdown": true|false}</c>.</summary>
public sealed record SettingsDocument(string DataGovernance, bool Lockdown)
{
    public const string DataGovernanceKey = "dataGovernance";
    public const string LockdownKey = "lockdown";
    public static readonly IReadOnlyList<string> Keys = [DataGovernanceKey, LockdownKey];

    public static SettingsDocument From(TenantSettings row) => new(row.DataGovernance, row.Lockdown);

    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    /// <summary>
    /// Applies a pasted document over <paramref name="current"/>: keys it omits keep their value. Unknown
    /// keys, repeated keys and bad values are errors, each naming the key and what is allowed.
    /// </summary>
    public static (SettingsDocument? Result, Dictionary<string, string[]> Errors) Apply(SettingsDocument current, JsonElement body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["$"] = [$"The settings must be a JSON object with the keys {string.Join(", ", Keys)}."];
            return (null, errors);
        }

        var result = current;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                errors[property.Name] = ["This key appears more than once."];
                continue;
            }

            switch (property.Name)
            {
                case DataGovernanceKey when Region.Parse(property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null) is { } region:
                    result = result with { DataGovernance = region };
                    break;
                case DataGovernanceKey:
                    errors[DataGovernanceKey] = [$"Must be one of {string.Join(", ", Region.All.Select(r => $"\"{r}\""))} (case-insensitive)."];
                    break;
                case LockdownKey when property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    result = result with { Lockdown = property.Value.GetBoolean() };
                    break;
                case LockdownKey:
                    errors[LockdownKey] = ["Must be true or false (a JSON boolean, not a string)."];
                    break;
                default:
                    errors[property.Name.Length > 64 ? property.Name[..64] : property.Name] =
                        [$"Unknown setting. Allowed keys: {string.Join(", ", Keys)}."];
                    break;
            }
        }

        return (errors.Count == 0 ? result : null, errors);
    }
}

/// <summary>What <c>GET /api/settings</c> answers: the stored document and what is in force.</summary>
public sealed record SettingsView(SettingsDocument Settings, EffectiveSettings Effective, int Version)
{
    public static SettingsView From(TenantSettings row)
    {
        var settings = SettingsDocument.From(row);
        var effective = settings.Lockdown
            ? new EffectiveSettings(true, null, false, [SettingsDocument.DataGovernanceKey],
                [$"dataGovernance ({settings.DataGovernance}) is ignored while lockdown is on: nothing is sent to our servers, so no region is used."])
            : new EffectiveSettings(false, settings.DataGovernance, true, [], []);
        return new SettingsView(settings, effective, row.Version);
    }
}

public sealed record EffectiveSettings(bool Lockdown, string? DataGovernance, bool ServerFeatures, IReadOnlyList<string> Ignored, IReadOnlyList<string> Notes);

/// <summary>What <c>GET /api/capabilities</c> answers: what this site may use right now.</summary>
/// <param name="Unavailable">Features off for a reason other than lockdown, with the reason (e.g. not built in this release).</param>
public sealed record Capabilities(bool Lockdown, string? Region, IReadOnlyDictionary<string, bool> Features, string SaveVia, string? Reason,
    IReadOnlyDictionary<string, string> Unavailable)
{
    public static readonly IReadOnlyList<string> ServerFeatures = ["pdfExport", "visioImport", "gliffyImport", "plantuml", "serverSave"];

    /// <summary>Server features this release does not have yet: reported off, so no page offers them (none today).</summary>
    private static readonly Dictionary<string, string> NotBuilt = new(StringComparer.Ordinal);

    public static Capabilities From(Tenants.TenantPolicy policy) => policy.Lockdown
        ? new Capabilities(true, null, ServerFeatures.ToDictionary(f => f, _ => false), "browser",
            "Lockdown is on: features that need our servers are off and diagrams are saved by the browser straight to the site.", NotBuilt)
        : new Capabilities(false, policy.DataGovernance, ServerFeatures.ToDictionary(f => f, f => !NotBuilt.ContainsKey(f)), "browser", null, NotBuilt);
}
