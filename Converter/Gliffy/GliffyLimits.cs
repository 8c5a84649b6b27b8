using System.Globalization;

namespace Diagrams.Converter.Gliffy;

/// <summary>
/// Bounds on one Gliffy import. Every bound is checked before the output grows with it, so hostile input fails
/// fast with a <see cref="GliffyImportException"/> naming the bound instead of eating memory or time.
/// </summary>
/// <param name="MaxBytes">Largest input read; the stream is read with this bound before any parsing.</param>
/// <param name="MaxDepth">Deepest JSON nesting accepted (passed to <c>JsonDocumentOptions.MaxDepth</c>); 1..1000.</param>
/// <param name="MaxObjects">Most Gliffy objects (shapes, lines, texts, children, layers) across all pages.</param>
/// <param name="MaxCanvas">
/// Side of the canvas in px: the stage may not be wider or taller, and every object (absolute position, children
/// included) and every line point must lie within -MaxCanvas..+MaxCanvas on both axes with no side longer than it.
/// </param>
public sealed record GliffyLimits(
    long MaxBytes = 10 * 1024 * 1024,
    int MaxDepth = 64,
    int MaxObjects = 20_000,
    double MaxCanvas = 15000)
{
    /// <summary>Most control points of one line (a fixed bound; a real line has a handful).</summary>
    public const int MaxPointsPerLine = 1000;

    internal void Validate()
    {
        if (MaxBytes <= 0 || MaxBytes > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBytes), MaxBytes, "MaxBytes must be between 1 and Array.MaxLength.");
        }

        if (MaxDepth is <= 0 or > 1000)
        {
            // The object tree is walked recursively; a bounded depth keeps that far from the stack's limit.
            throw new ArgumentOutOfRangeException(nameof(MaxDepth), MaxDepth, "MaxDepth must be between 1 and 1000.");
        }

        if (MaxObjects <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxObjects), MaxObjects, "MaxObjects must be positive.");
        }

        if (!double.IsFinite(MaxCanvas) || MaxCanvas <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxCanvas), MaxCanvas, "MaxCanvas must be a positive number.");
        }
    }

    internal static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>
/// The Gliffy file can't be imported. <see cref="Limit"/> names the bound or problem (<c>size</c>, <c>json</c>,
/// <c>depth</c>, <c>format</c>, <c>objects</c>, <c>canvas</c>, <c>numbers</c>, <c>points</c>); the message starts
/// with it, e.g. <c>objects: the file holds more than 20000 objects</c>. Messages never echo file content beyond
/// short sanitised object ids, so they are safe to show the user.
/// </summary>
public sealed class GliffyImportException : Exception
{
    public GliffyImportException(string limitOrProblem, string message)
        : base($"{limitOrProblem}: {message}") => Limit = limitOrProblem;

    public GliffyImportException(string limitOrProblem, string message, Exception innerException)
        : base($"{limitOrProblem}: {message}", innerException) => Limit = limitOrProblem;

    /// <summary>The bound or problem: <c>size</c>, <c>json</c>, <c>depth</c>, <c>format</c>, <c>objects</c>, <c>canvas</c>, <c>numbers</c>, <c>points</c>.</summary>
    public string Limit { get; }
}
