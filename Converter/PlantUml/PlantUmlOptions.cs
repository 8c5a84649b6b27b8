using System.ComponentModel.DataAnnotations;

namespace Diagrams.Converter.PlantUml;

/// <summary><c>Converter:PlantUml:*</c>: the warm PlantUML pool and its sandbox.</summary>
public sealed class PlantUmlOptions
{
    /// <summary>Warm <c>java -jar plantuml.jar -pipe</c> processes; each renders one diagram at a time.</summary>
    [Range(1, 32, ErrorMessage = "Converter:PlantUml:PoolSize must be between 1 and 32.")]
    public int PoolSize { get; set; } = 2;

    /// <summary>
    /// <c>bwrap</c> (default): every process runs in bubblewrap with no network and read-only system files only;
    /// when bwrap cannot run, renders answer 503 (fail closed). <c>none</c>: no sandbox (development only).
    /// </summary>
    [RegularExpression("^(bwrap|none)$", ErrorMessage = "Converter:PlantUml:Sandbox must be 'bwrap' or 'none'.")]
    public string Sandbox { get; set; } = "bwrap";

    public string BwrapPath { get; set; } = "/usr/bin/bwrap";

    public string JavaPath { get; set; } = "/usr/bin/java";

    public string JarPath { get; set; } = "/usr/share/plantuml/plantuml.jar";

    /// <summary>Wall-clock limit of one render (within the job's own limit); the process is replaced after.</summary>
    [Range(1, 600)]
    public double RenderTimeoutSeconds { get; set; } = 30;

    /// <summary>Largest image returned; a process producing more is killed and replaced.</summary>
    [Range(1024, 512 * 1024 * 1024)]
    public int MaxOutputBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Largest source accepted (UTF-8 bytes).</summary>
    public int MaxSourceBytes { get; set; } = 256 * 1024;

    public int MaxLines { get; set; } = 5000;

    /// <summary>Most <c>@start…</c> blocks in one source; only the first is rendered.</summary>
    public int MaxBlocks { get; set; } = 10;
}

/// <summary>Output formats: the process switches per request with PlantUML's <c>@@@format</c> pipe command.</summary>
public enum PlantUmlFormat
{
    Svg,
    Png,
}
