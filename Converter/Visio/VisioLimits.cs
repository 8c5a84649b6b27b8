namespace Diagrams.Converter.Visio;

/// <summary>
/// Bounds on one Visio (<c>.vsdx</c>) import. Each is enforced while reading, so hostile input fails fast with a
/// <see cref="VisioImportException"/> naming the bound instead of eating memory or time.
/// </summary>
/// <param name="MaxBytes">Largest .vsdx accepted; the stream is read with this bound before the zip is opened.</param>
/// <param name="MaxEntries">Most zip entries.</param>
/// <param name="MaxUncompressedBytes">Most bytes inflated across all entries, counted while inflating (headers are not trusted).</param>
/// <param name="MaxCompressionRatio">Highest inflated/compressed ratio of one entry once it passes 1 MB inflated.</param>
/// <param name="MaxXmlDepth">Deepest element nesting of any XML part.</param>
/// <param name="MaxShapes">Most shapes across all pages.</param>
/// <param name="MaxPages">Most pages.</param>
/// <param name="MaxGeometrySections">Most Geometry sections of one shape (its own and its master's, merged).</param>
/// <param name="MaxGeometryRows">Most Geometry rows of one shape across its sections.</param>
/// <param name="MaxSplinePoints">Most control points of one NURBS, spline or polyline, and (× 8) sampled points per shape.</param>
/// <param name="MaxStencilBytes">Largest stencil XML drawn for one shape, before compression.</param>
/// <param name="MaxStencilTotalBytes">Most stencil style text across the drawing.</param>
/// <remarks>A shape past a geometry bound is drawn as a rectangle marked <c>visioGeometry=&lt;bound&gt;</c>; the rest converts.</remarks>
public sealed record VisioLimits(
    long MaxBytes = 10 * 1024 * 1024,
    int MaxEntries = 2000,
    long MaxUncompressedBytes = 200 * 1024 * 1024,
    double MaxCompressionRatio = 100,
    int MaxXmlDepth = 128,
    int MaxShapes = 20_000,
    int MaxPages = 100,
    int MaxGeometrySections = 64,
    int MaxGeometryRows = 2000,
    int MaxSplinePoints = 1000,
    int MaxStencilBytes = 128 * 1024,
    long MaxStencilTotalBytes = 16 * 1024 * 1024)
{
    /// <summary>Inflated size of one entry below which the compression ratio is not checked (small XML compresses well).</summary>
    public const long RatioFloorBytes = 1024 * 1024;

    internal void Validate()
    {
        if (MaxBytes <= 0 || MaxBytes > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBytes), MaxBytes, "MaxBytes must be between 1 and Array.MaxLength.");
        }

        if (MaxEntries <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxEntries), MaxEntries, "MaxEntries must be positive.");
        }

        if (MaxUncompressedBytes <= 0 || MaxUncompressedBytes > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxUncompressedBytes), MaxUncompressedBytes, "MaxUncompressedBytes must be between 1 and Array.MaxLength.");
        }

        if (!double.IsFinite(MaxCompressionRatio) || MaxCompressionRatio < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxCompressionRatio), MaxCompressionRatio, "MaxCompressionRatio must be at least 1.");
        }

        if (MaxXmlDepth is <= 0 or > 1000)
        {
            // Groups are walked recursively; a bounded depth keeps that far from the stack's limit.
            throw new ArgumentOutOfRangeException(nameof(MaxXmlDepth), MaxXmlDepth, "MaxXmlDepth must be between 1 and 1000.");
        }

        if (MaxShapes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxShapes), MaxShapes, "MaxShapes must be positive.");
        }

        if (MaxPages <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPages), MaxPages, "MaxPages must be positive.");
        }

        if (MaxGeometrySections <= 0 || MaxGeometryRows <= 0 || MaxSplinePoints <= 0 || MaxStencilBytes <= 0 || MaxStencilTotalBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxGeometryRows), "The geometry bounds (MaxGeometrySections, MaxGeometryRows, MaxSplinePoints, MaxStencilBytes, MaxStencilTotalBytes) must be positive.");
        }
    }
}

/// <summary>
/// The .vsdx can't be imported. <see cref="Limit"/> names the bound or problem: <c>size</c>, <c>zip</c>,
/// <c>entries</c>, <c>entry-name</c>, <c>uncompressed-size</c>, <c>compression-ratio</c>, <c>xml</c>, <c>dtd</c>,
/// <c>xml-depth</c>, <c>pages</c>, <c>masters</c>, <c>shapes</c>, <c>format</c>. The message starts with it and never echoes file
/// content beyond short part names, so it is safe to show the user.
/// </summary>
public sealed class VisioImportException : Exception
{
    public VisioImportException(string limit, string message)
        : base($"{limit}: {message}") => Limit = limit;

    public VisioImportException(string limit, string message, Exception innerException)
        : base($"{limit}: {message}", innerException) => Limit = limit;

    /// <summary>The bound or problem (see the class summary).</summary>
    public string Limit { get; }
}
