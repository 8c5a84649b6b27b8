using System.Text.Json;

namespace Diagrams.App.Settings;

/// <summary>The settings JSON an admin pastes: <c>{"dataGovernance": one of the configured regions, "lockdown": true|false}</c>.</summary>
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
    public static (SettingsDocument? Result, Dictionary<string, string[]> Errors) Apply(SettingsDocument current, JsonElement body, RegionSet regions)
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
                case DataGovernanceKey when regions.Parse(property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null) is { } region:
                    result = result with { DataGovernance = region };
                    break;
                case DataGovernanceKey:
                    errors[DataGovernanceKey] = [$"Must be one of the regions this server offers: {regions.Listed} (case-insensitive)."];
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

/// <summary>What <c>GET /api/settings</c> answers: the stored document, what is in force, and the regions an admin can choose.</summary>
public sealed record SettingsView(SettingsDocument Settings, EffectiveSettings Effective, IReadOnlyList<string> Regions, int Version)
{
    public static SettingsView From(TenantSettings row, RegionSet regions)
    {
        var settings = SettingsDocument.From(row);
        var effective = settings.Lockdown
            ? new EffectiveSettings(true, null, false, [SettingsDocument.DataGovernanceKey],
                [$"dataGovernance ({settings.DataGovernance}) is ignored while lockdown is on: nothing is sent to our servers, so no region is used."])
            : new EffectiveSettings(false, settings.DataGovernance, true, [], regions.Contains(settings.DataGovernance) ? [] : [NotOffered(settings.DataGovernance, regions)]);
        return new SettingsView(settings, effective, regions.Codes, row.Version);
    }

    /// <summary>A stored region that configuration no longer has: its jobs are refused, never sent to another region.</summary>
    public static string NotOffered(string region, RegionSet regions) =>
        $"dataGovernance ({region}) is not a region this server offers ({regions.Listed}): heavy jobs are refused with 503 until a site admin chooses one of those.";
}

public sealed record EffectiveSettings(bool Lockdown, string? DataGovernance, bool ServerFeatures, IReadOnlyList<string> Ignored, IReadOnlyList<string> Notes);
