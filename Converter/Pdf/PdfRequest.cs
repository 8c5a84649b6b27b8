using System.Globalization;

namespace Diagrams.Converter.Pdf;

/// <summary>
/// Export options from the query string (REFERENCE §8): <c>from</c>/<c>to</c> (1-based pages, default all),
/// <c>scale</c> (0.05–10, default 1), <c>border</c> (px, 0–1000, default 0), <c>paper</c> (a3, a4, a5, letter,
/// legal, tabloid, or <c>{w}x{h}</c> in mm; default none: each page cropped to its diagram), <c>landscape</c>,
/// <c>fit</c> (scale each diagram to its sheet; needs a paper), <c>background</c> (#rgb/#rrggbb, default
/// transparent/white paper), <c>crop</c> (true: ignore paper and size each page to its diagram), <c>sheetsWide</c> and
/// <c>sheetsTall</c> (1–10 each; draw.io's "fit to N pages wide by M tall": each diagram page scaled to span that grid
/// of sheets, printed sheet by sheet, row by row; needs a paper, not with <c>fit</c>).
/// </summary>
public sealed record PdfRequest(int From, int? To, double Scale, int Border, (double Width, double Height)? Paper, bool Fit, string? Background,
    (int Wide, int Tall)? Sheets = null)
{
    /// <summary>Largest <c>sheetsWide</c> and <c>sheetsTall</c>.</summary>
    public const int MaxSheetsPerSide = 10;

    /// <summary>PDF sheets one diagram page prints on.</summary>
    public int SheetsPerPage => Sheets is { } s ? s.Wide * s.Tall : 1;

    private const double PxPerMm = 96 / 25.4;

    private static readonly Dictionary<string, (double Width, double Height)> PapersMm = new(StringComparer.OrdinalIgnoreCase)
    {
        ["a3"] = (297, 420),
        ["a4"] = (210, 297),
        ["a5"] = (148, 210),
        ["letter"] = (215.9, 279.4),
        ["legal"] = (215.9, 355.6),
        ["tabloid"] = (279.4, 431.8),
    };

    public static PdfRequest Parse(IQueryCollection query)
    {
        var from = Int(query, "from", 1, 1, 10000);
        int? to = query.ContainsKey("to") ? Int(query, "to", from, from, 10000) : null;
        if (query.TryGetValue("pages", out var pages) && pages.ToString() is { Length: > 0 } p && !p.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            throw Bad("pages must be 'all'; choose a range with from and to.");
        }

        var scale = Double(query, "scale", 1, 0.05, 10);
        var border = Int(query, "border", 0, 0, 1000);
        var crop = Bool(query, "crop");
        var landscape = Bool(query, "landscape");
        (double, double)? paper = null;
        if (!crop && query.TryGetValue("paper", out var paperValue) && paperValue.ToString() is { Length: > 0 } name)
        {
            var mm = PapersMm.TryGetValue(name, out var known) ? known : Custom(name);
            var (w, h) = landscape ? (mm.Height, mm.Width) : mm;
            paper = (Math.Round(w * PxPerMm, 2), Math.Round(h * PxPerMm, 2));
        }

        var fit = Bool(query, "fit");
        if (fit && paper is null)
        {
            throw Bad("fit needs a paper size (paper=a4, letter, … or {w}x{h} in mm) and crop off.");
        }

        (int, int)? sheets = null;
        if (query.ContainsKey("sheetsWide") || query.ContainsKey("sheetsTall"))
        {
            if (paper is null)
            {
                throw Bad("sheetsWide and sheetsTall need a paper size (paper=a4, letter, … or {w}x{h} in mm) and crop off.");
            }

            if (fit)
            {
                throw Bad("Choose fit (one sheet per page) or sheetsWide/sheetsTall, not both.");
            }

            sheets = (Int(query, "sheetsWide", 1, 1, MaxSheetsPerSide), Int(query, "sheetsTall", 1, 1, MaxSheetsPerSide));
        }

        string? background = null;
        if (query.TryGetValue("background", out var bg) && bg.ToString() is { Length: > 0 } colour && !colour.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            background = System.Text.RegularExpressions.Regex.IsMatch(colour, "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1))
                ? colour
                : throw Bad("background must be #rgb, #rrggbb or none.");
        }

        return new PdfRequest(from, to, scale, border, paper, fit, background, sheets);
    }

    private static (double Width, double Height) Custom(string value)
    {
        var parts = value.Split('x', 'X');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var w)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var h)
            && w is >= 10 and <= 4000 && h is >= 10 and <= 4000)
        {
            return (w, h);
        }

        throw Bad("paper must be a3, a4, a5, letter, legal, tabloid, or {width}x{height} in mm (10–4000 each).");
    }

    private static int Int(IQueryCollection query, string key, int fallback, int min, int max)
    {
        if (!query.TryGetValue(key, out var raw) || raw.ToString().Length == 0)
        {
            return fallback;
        }

        return int.TryParse(raw.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Bad($"{key} must be a whole number from {min} to {max}.");
    }

    private static double Double(IQueryCollection query, string key, double fallback, double min, double max)
    {
        if (!query.TryGetValue(key, out var raw) || raw.ToString().Length == 0)
        {
            return fallback;
        }

        return double.TryParse(raw.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Bad($"{key} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
    }

    private static bool Bool(IQueryCollection query, string key)
    {
        if (!query.TryGetValue(key, out var raw) || raw.ToString().Length == 0)
        {
            return false;
        }

        return raw.ToString().ToLowerInvariant() switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw Bad($"{key} must be true or false."),
        };
    }

    private static JobRejectedException Bad(string detail) => new(422, "Invalid export option", detail);
}
