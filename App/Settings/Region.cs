namespace Diagrams.App.Settings;

/// <summary>The data-governance regions a site admin can choose.</summary>
public static class Region
{
    public const string Eu = "EU";
    public const string Us = "US";
    public const string Default = Eu;

    public static readonly IReadOnlyList<string> All = [Eu, Us];

    /// <summary>Case-insensitive parse; null when the value names no region.</summary>
    public static string? Parse(string? value) =>
        All.FirstOrDefault(r => string.Equals(r, value?.Trim(), StringComparison.OrdinalIgnoreCase));
}
