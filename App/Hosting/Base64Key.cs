namespace Diagrams.App.Hosting;

/// <summary>Key material given as base64 in configuration (master key, regional service keys).</summary>
public static class Base64Key
{
    /// <summary>How many bytes <paramref name="base64"/> decodes to; 0 when it is missing, malformed or over 1 KiB.</summary>
    public static int Length(string? base64)
    {
        Span<byte> buffer = stackalloc byte[1024];
        return Convert.TryFromBase64String(base64 ?? string.Empty, buffer, out var written) ? written : 0;
    }
}
