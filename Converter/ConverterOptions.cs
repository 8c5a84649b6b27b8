using System.ComponentModel.DataAnnotations;

namespace Diagrams.Converter;

/// <summary><c>Converter:*</c>: one deployment per region.</summary>
public sealed class ConverterOptions
{
    public const string Section = "Converter";

    /// <summary>The region code (as App's <c>Regions:{CODE}</c>, e.g. <c>EU</c>): the audience every service token must name.</summary>
    [Required(ErrorMessage = "Converter:Region (env Converter__Region) is required: the region code App knows this Converter by, such as EU, US or AU.")]
    [RegularExpression("^[A-Z0-9]{2,8}$", ErrorMessage = "Converter:Region must be a region code of 2 to 8 upper-case letters or digits, such as EU, US or AU.")]
    public string? Region { get; set; }

    /// <summary>Base64 of at least 32 bytes; the same value as App's <c>Regions:{region}:Key</c>.</summary>
    [Required(ErrorMessage = "Converter:ServiceKey (env Converter__ServiceKey) is required: base64 of at least 32 random bytes.")]
    public string? ServiceKey { get; set; }

    /// <summary>Largest request body of any job.</summary>
    public long MaxRequestBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Wall-clock limit of one job.</summary>
    public double JobTimeoutSeconds { get; set; } = 60;

    /// <summary>Jobs of one kind running at once; more get 503 with Retry-After.</summary>
    public int MaxConcurrentJobsPerKind { get; set; } = 4;

    /// <summary>
    /// Where each job's private folder (mode 0700, deleted when the job ends) is made; empty means the system temp
    /// folder. Point it at a tmpfs to keep job files off disk.
    /// </summary>
    public string? WorkFolder { get; set; }
}
