using System.ComponentModel.DataAnnotations;

namespace Diagrams.Converter.Pdf;

/// <summary><c>Converter:Pdf:*</c>: the warm Chromium used for PDF export and the limits on what it draws.</summary>
public sealed class PdfOptions
{
    /// <summary>Debian's Chromium; Playwright drives it (it never downloads a browser of its own).</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>Tabs kept open and ready; each renders one export at a time.</summary>
    [Range(1, 16, ErrorMessage = "Converter:Pdf:PoolSize must be between 1 and 16.")]
    public int PoolSize { get; set; } = 2;

    /// <summary>A tab (and its browser context) is replaced after this many exports.</summary>
    [Range(1, 10000)]
    public int ExportsPerTab { get; set; } = 100;

    /// <summary>Start Chromium and fill the pool when the service starts instead of on the first export.</summary>
    public bool WarmOnStart { get; set; }

    [Range(1, 1000)]
    public int MaxPages { get; set; } = 100;

    /// <summary>Largest side of one PDF page in CSS px (REFERENCE §8: 15000 × 15000).</summary>
    [Range(100, 100000)]
    public int MaxSide { get; set; } = 15000;

    /// <summary>XML elements across all pages (cells, geometry, points).</summary>
    [Range(10, 10_000_000)]
    public int MaxElements { get; set; } = 200_000;

    [Range(8, 1000)]
    public int MaxXmlDepth { get; set; } = 64;

    /// <summary>Largest size of one compressed page once inflated.</summary>
    [Range(1024, 1024 * 1024 * 1024)]
    public long MaxInflatedBytes { get; set; } = 20 * 1024 * 1024;
}
