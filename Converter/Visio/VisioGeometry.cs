using System.Globalization;
using System.Xml.Linq;
using static Diagrams.Converter.Visio.VisioImporter;

namespace Diagrams.Converter.Visio;

/// <summary>
/// A shape's Geometry sections as Visio inherits them: the master shape's sections by IX, overlaid row by row (IX)
/// and cell by cell with the instance's own (a <c>Del="1"</c> section or row removes it, a row without <c>T</c> keeps
/// the master's type). A cell taken from the master remembers so, for scaling to the instance's size. Counts are
/// bounded by <see cref="VisioLimits.MaxGeometrySections"/> and <see cref="VisioLimits.MaxGeometryRows"/>.
/// </summary>
internal static class VisioGeometry
{
    /// <summary>One cell's value (null when missing or not a number), its formula and whether it came from the master.</summary>
    internal readonly record struct Cell(double? Value, string? Formula, bool FromMaster);

    internal sealed record Row(string Type, IReadOnlyDictionary<string, Cell> Cells)
    {
        public double? Get(string name) => Cells.TryGetValue(name, out var c) ? c.Value : null;
    }

    internal sealed record Section(bool NoFill, bool NoLine, IReadOnlyList<Row> Rows);

    /// <summary>The visible sections (NoShow ones dropped), or null with <paramref name="problem"/> set when a bound is passed.</summary>
    public static List<Section>? Read(XElement shape, XElement? master, VisioLimits limits, out string? problem)
    {
        problem = null;
        var own = Sections(shape);
        var inherited = master is null ? [] : Sections(master);
        if (own.Count + inherited.Count > limits.MaxGeometrySections * 2
            || own.Values.Concat(inherited.Values).Sum(s => s.Elements(V + "Row").Count()) > limits.MaxGeometryRows * 2)
        {
            problem = own.Count + inherited.Count > limits.MaxGeometrySections * 2 ? "sections" : "rows";
            return null;
        }

        var keys = inherited.Keys.Union(own.Keys).OrderBy(Index).ToList();
        var result = new List<Section>();
        var rows = 0;
        foreach (var key in keys)
        {
            own.TryGetValue(key, out var mine);
            inherited.TryGetValue(key, out var theirs);
            if ((string?)mine?.Attribute("Del") == "1")
            {
                continue;
            }

            if (Flag(mine, theirs, "NoShow"))
            {
                continue;
            }

            var merged = Rows(mine, theirs);
            rows += merged.Count;
            if (result.Count >= limits.MaxGeometrySections || rows > limits.MaxGeometryRows)
            {
                problem = result.Count >= limits.MaxGeometrySections ? "sections" : "rows";
                return null;
            }

            if (merged.Count > 0)
            {
                result.Add(new Section(Flag(mine, theirs, "NoFill"), Flag(mine, theirs, "NoLine"), merged));
            }
        }

        return result;
    }

    private static Dictionary<string, XElement> Sections(XElement sheet)
    {
        var found = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (var section in sheet.Elements(V + "Section").Where(s => (string?)s.Attribute("N") == "Geometry"))
        {
            found.TryAdd((string?)section.Attribute("IX") ?? found.Count.ToString(CultureInfo.InvariantCulture), section);
        }

        return found;
    }

    private static bool Flag(XElement? mine, XElement? theirs, string name) =>
        (Num(CellOf(mine, name)) ?? Num(CellOf(theirs, name)) ?? 0) != 0;

    private static List<Row> Rows(XElement? mine, XElement? theirs)
    {
        var byIndex = new SortedDictionary<double, (string? Type, Dictionary<string, Cell> Cells)>();
        foreach (var (section, fromMaster) in new[] { (theirs, true), (mine, false) })
        {
            foreach (var row in section?.Elements(V + "Row") ?? [])
            {
                var ix = Index((string?)row.Attribute("IX") ?? string.Empty);
                if ((string?)row.Attribute("Del") == "1")
                {
                    byIndex.Remove(ix);
                    continue;
                }

                if (!byIndex.TryGetValue(ix, out var entry))
                {
                    entry = (null, new Dictionary<string, Cell>(StringComparer.Ordinal));
                }

                entry.Type = (string?)row.Attribute("T") ?? entry.Type;
                foreach (var cell in row.Elements(V + "Cell"))
                {
                    if ((string?)cell.Attribute("N") is { } name)
                    {
                        entry.Cells[name] = new Cell(Num(cell), (string?)cell.Attribute("F"), fromMaster);
                    }
                }

                byIndex[ix] = entry;
            }
        }

        return [.. byIndex.Values.Where(r => r.Type is not null).Select(r => new Row(r.Type!, r.Cells))];
    }

    private static double Index(string ix) =>
        double.TryParse(ix, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : double.MaxValue;
}
