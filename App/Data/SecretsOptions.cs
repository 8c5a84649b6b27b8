using System.ComponentModel.DataAnnotations;

namespace Diagrams.App.Data;

/// <summary><c>Secrets:*</c>. The master key encrypts tenant shared secrets at rest.</summary>
public sealed class SecretsOptions
{
    public const string Section = "Secrets";

    /// <summary>Base64 of 32 random bytes. Required outside Development (Development generates <c>data/master.key</c>).</summary>
    [Required(ErrorMessage = "Secrets:MasterKey (env Secrets__MasterKey) is required: base64 of 32 random bytes, e.g. `openssl rand -base64 32`.")]
    public string? MasterKey { get; set; }

    /// <summary>Keys that may still decrypt old rows during a rotation (<c>rotate-secrets</c> re-encrypts them).</summary>
    public List<string> PreviousKeys { get; set; } = [];
}
