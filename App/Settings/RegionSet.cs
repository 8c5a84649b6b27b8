using System.Text.RegularExpressions;

namespace Diagrams.App.Settings;

/// <summary>One region's Converter: where it is and the service key both sides share.</summary>
public sealed class RegionEndpoint
{
    public string? Url { get; set; }

    /// <summary>Base64 of at least 32 bytes (the Converter's <c>Converter:ServiceKey</c>).</summary>
    public string? Key { get; set; }
}

/// <summary>
/// The data-governance regions a site admin can choose: every <c>Regions:{CODE}</c> entry (<c>:Url</c>, <c>:Key</c>) of the
/// configuration, or EU and US when none is configured. New sites start in EU when it is configured, else in the first code
/// in alphabetical order. Problems are reported at start-up by <see cref="RegionSetValidation"/>.
/// </summary>
public sealed partial class RegionSet
{
    public const string Section = "Regions";
    public const string Preferred = "EU";
    public static readonly IReadOnlyList<string> DefaultCodes = [Preferred, "US"];

    /// <summary>The job proxy's own keys of the section (<c>RegionsOptions</c>), and <c>Local</c> (the sandbox's local converters): never region codes.</summary>
    public static readonly IReadOnlyList<string> OptionKeys = ["MaxJobBytes", "JobTimeoutSeconds", "JobInputTimeoutSeconds", "Local"];

    private static readonly string[] EntryKeys = [nameof(RegionEndpoint.Url), nameof(RegionEndpoint.Key)];
    private readonly SortedDictionary<string, RegionEndpoint> _endpoints = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];

    /// <summary>The configured codes, upper case, in alphabetical order.</summary>
    public IReadOnlyList<string> Codes => [.. _endpoints.Keys];

    public string Default => _endpoints.ContainsKey(Preferred) || _endpoints.Count == 0 ? Preferred : _endpoints.Keys.First();

    /// <summary>The codes as a settings error names them: <c>"EU", "US"</c>.</summary>
    public string Listed => string.Join(", ", _endpoints.Keys.Select(c => $"\"{c}\""));

    internal IReadOnlyList<string> Problems => _problems;

    public static RegionSet Read(IConfiguration configuration)
    {
        var set = new RegionSet();
        set.Load(configuration.GetSection(Section));
        return set;
    }

    public bool Contains(string code) => _endpoints.ContainsKey(code);

    /// <summary>The region's Converter; null when the code is not configured.</summary>
    public RegionEndpoint? For(string code) => _endpoints.GetValueOrDefault(code);

    /// <summary>Case-insensitive parse; null when the value names no configured region.</summary>
    public string? Parse(string? value) =>
        _endpoints.Keys.FirstOrDefault(code => string.Equals(code, value?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads every child of <c>Regions</c> as a region, except the values of <see cref="OptionKeys"/>.</summary>
    public void Load(IConfigurationSection section)
    {
        foreach (var entry in section.GetChildren())
        {
            var settings = entry.GetChildren().ToList();
            if (settings.Count == 0 && OptionKeys.Contains(entry.Key, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            if (settings.Count == 0 && entry.Value is not null)
            {
                _problems.Add($"{entry.Path} is a single value; a region is configured with {entry.Path}:Url and {entry.Path}:Key " +
                    $"(the section's other keys are {string.Join(", ", OptionKeys)}).");
            }
            else if (!CodePattern().IsMatch(entry.Key))
            {
                _problems.Add($"{entry.Path}: a region code is 2 to 8 upper-case letters or digits, such as EU, US or AU.");
            }
            else
            {
                _problems.AddRange(settings.Where(s => !EntryKeys.Contains(s.Key, StringComparer.OrdinalIgnoreCase))
                    .Select(s => $"{s.Path} is not a region setting; a region has only Url and Key."));
                _endpoints[entry.Key] = new RegionEndpoint { Url = Blank(entry[nameof(RegionEndpoint.Url)]), Key = Blank(entry[nameof(RegionEndpoint.Key)]) };
            }
        }

        if (_endpoints.Count == 0 && _problems.Count == 0)
        {
            foreach (var code in DefaultCodes)
            {
                _endpoints[code] = new RegionEndpoint();
            }
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[A-Z0-9]{2,8}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
