namespace Diagrams.App.Jobs;

/// <summary>
/// The job proxy's own keys of the <c>Regions</c> section. The regions themselves (<c>Regions:{CODE}:Url</c>, <c>:Key</c>)
/// are <see cref="Settings.RegionSet"/>; a region without a Url refuses its jobs with 503, and none falls back to another.
/// </summary>
public sealed class RegionsOptions
{
    public const string Section = Settings.RegionSet.Section;

    /// <summary>Largest job input App forwards.</summary>
    public long MaxJobBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>All of one job, connect to last byte.</summary>
    public double JobTimeoutSeconds { get; set; } = 120;

    /// <summary>How long App waits for a client's job input, all reads together (408 beyond it).</summary>
    public double JobInputTimeoutSeconds { get; set; } = 60;
}
