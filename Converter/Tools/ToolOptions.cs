using System.ComponentModel.DataAnnotations;

namespace Diagrams.Converter.Tools;

/// <summary>
/// <c>Converter:Tools:*</c>: the one-shot external tools of the Visio import (emf2svg for EMF images, wmf2svg for WMF images, libvisio's
/// <c>vsd2xhtml</c>/<c>vsd2raw</c>/<c>vss2xhtml</c>/<c>vss2raw</c> for the legacy formats). Each run is sandboxed
/// like PlantUML, works only in the job's private folder, and is bounded in time and output.
/// </summary>
public sealed class ToolOptions
{
    /// <summary>
    /// <c>bwrap</c> (default): every run in bubblewrap without network, seeing only /usr and the job's folder; when
    /// bwrap cannot run, legacy imports answer 503 and EMF/WMF images stay placeholders (fail closed).
    /// <c>none</c>: no sandbox (development only).
    /// </summary>
    [RegularExpression("^(bwrap|none)$", ErrorMessage = "Converter:Tools:Sandbox must be 'bwrap' or 'none'.")]
    public string Sandbox { get; set; } = "bwrap";

    public string BwrapPath { get; set; } = "/usr/bin/bwrap";

    /// <summary>emf2svg's converter (Debian package <c>emf2svg</c>).</summary>
    [RegularExpression("^/[A-Za-z0-9_./+-]+$", ErrorMessage = "Converter:Tools:Emf2SvgPath must be an absolute path of letters, digits and _./+-.")]
    public string Emf2SvgPath { get; set; } = "/usr/bin/emf2svg-conv";

    /// <summary>libwmf's converter (Debian package <c>libwmf-bin</c>).</summary>
    [RegularExpression("^/[A-Za-z0-9_./+-]+$", ErrorMessage = "Converter:Tools:Wmf2SvgPath must be an absolute path of letters, digits and _./+-.")]
    public string Wmf2SvgPath { get; set; } = "/usr/bin/wmf2svg";

    /// <summary>Folder holding libvisio's tools (Debian package <c>libvisio-tools</c>).</summary>
    [RegularExpression("^/[A-Za-z0-9_./+-]+$", ErrorMessage = "Converter:Tools:LibVisioToolsPath must be an absolute path of letters, digits and _./+-.")]
    public string LibVisioToolsPath { get; set; } = "/usr/bin";

    /// <summary>Wall-clock limit of one tool run (one EMF/WMF image, or one legacy file); the process tree is killed after.</summary>
    [Range(1, 300)]
    public double TimeoutSeconds { get; set; } = 20;

    /// <summary>Most bytes one legacy conversion may print (libvisio's SVG pages or its raw listing).</summary>
    [Range(1024, 512 * 1024 * 1024)]
    public int MaxOutputBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Most EMF/WMF images converted per file; further ones stay labelled placeholders.</summary>
    [Range(0, 1000)]
    public int MaxEmfImages { get; set; } = 50;

    /// <summary>EMF/WMF images converted per sandbox start (as draw.io's own converter batches them by 10).</summary>
    [Range(1, 100)]
    public int EmfBatchSize { get; set; } = 10;

    /// <summary>Largest EMF/WMF sent to its converter; a larger one stays a placeholder.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxEmfBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Largest SVG one EMF/WMF may become (enforced while writing with a file-size rlimit); a larger one stays a placeholder.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxSvgBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Most SVG bytes kept across all images of one file; images past it stay placeholders.</summary>
    [Range(1024, 512 * 1024 * 1024)]
    public int MaxTotalSvgBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Address-space limit of each tool process (rlimit), so a hostile file cannot eat the host's memory.</summary>
    [Range(64L * 1024 * 1024, 16L * 1024 * 1024 * 1024)]
    public long MaxMemoryBytes { get; set; } = 1024L * 1024 * 1024;

    internal bool Sandboxed => string.Equals(Sandbox, "bwrap", StringComparison.Ordinal);
}
