namespace Diagrams.App.Jobs;

/// <summary>One regional Converter: where it is and the service key both sides share.</summary>
public sealed class RegionEndpoint
{
    public string? Url { get; set; }

    /// <summary>Base64 of at least 32 bytes (the Converter's <c>Converter:ServiceKey</c>).</summary>
    public string? Key { get; set; }
}

/// <summary><c>Regions:EU:*</c>, <c>Regions:US:*</c>. A region left unconfigured refuses its jobs with 503; none falls back to another.</summary>
public sealed class RegionsOptions
{
    public const string Section = "Regions";

    public RegionEndpoint EU { get; set; } = new();

    public RegionEndpoint US { get; set; } = new();

    /// <summary>Largest job input App forwards.</summary>
    public long MaxJobBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>All of one job, connect to last byte.</summary>
    public double JobTimeoutSeconds { get; set; } = 120;

    /// <summary>How long App waits for a client's job input, all reads together (408 beyond it).</summary>
    public double JobInputTimeoutSeconds { get; set; } = 60;

    public RegionEndpoint? For(string region) => region switch { "EU" => EU, "US" => US, _ => null };
}
