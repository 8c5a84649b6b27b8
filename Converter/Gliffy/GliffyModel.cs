using System.Text.Json;
using static Diagrams.Converter.Gliffy.GliffyJson;

namespace Diagrams.Converter.Gliffy;

/// <summary>One Gliffy object, validated; x/y are relative to its Gliffy parent, as in the file.</summary>
internal sealed class GliffyNode
{
    public required JsonElement Source { get; init; }
    public required string CellId { get; set; }
    public string? GliffyId { get; init; }
    public string? Uid { get; init; }

    /// <summary><c>graphic.type</c>: Shape, Text, Line, Image, Svg, Mindmap, PopupNote, Link…; null when the object has no graphic.</summary>
    public string? GraphicType { get; init; }

    /// <summary>The typed graphic object, e.g. <c>graphic.Shape</c>.</summary>
    public JsonElement? Graphic { get; init; }

    public double X { get; init; }
    public double Y { get; init; }
    public double Width { get; init; }
    public double Height { get; init; }
    public double Rotation { get; init; }
    public bool Hidden { get; init; }
    public string? LayerId { get; init; }
    public double Order { get; init; }

    /// <summary>Line control points relative to the line's x/y.</summary>
    public List<(double X, double Y)> Points { get; } = [];

    public List<GliffyNode> Children { get; private set; } = [];

    /// <summary>The text child shown as this shape's label (it gets no cell of its own).</summary>
    public GliffyNode? Label { get; set; }

    public bool IsLine => GraphicType == "Line";

    public bool IsText => GraphicType == "Text";

    public void SortChildren() => Children = [.. Children.OrderBy(c => c.Order)];
}

internal sealed record GliffyLayer(string CellId, string? Guid, string? Name, bool Visible, bool Locked);

internal sealed class GliffyPage
{
    public required string Name { get; init; }
    public double Width { get; init; }
    public double Height { get; init; }
    public string? Background { get; init; }
    public List<GliffyLayer> Layers { get; } = [];
    public List<GliffyNode> Objects { get; } = [];

    /// <summary>Gliffy object id → cell id (a merged label maps to its shape's cell).</summary>
    public Dictionary<string, string> CellIds { get; } = new(StringComparer.Ordinal);
}

/// <summary>Walks the Gliffy JSON once, enforcing the object, canvas, number and point bounds as it goes.</summary>
internal sealed class GliffyModelBuilder(GliffyLimits limits)
{
    private int _objects;
    private int _nextId;

    public GliffyPage BuildPage(JsonElement stage, string name)
    {
        _nextId = 2;
        var width = Num(stage, "width", 0, "the stage");
        var height = Num(stage, "height", 0, "the stage");
        if (width > limits.MaxCanvas || height > limits.MaxCanvas)
        {
            throw new GliffyImportException("canvas", $"the stage ({GliffyLimits.Format(width)}×{GliffyLimits.Format(height)}) is larger than the {Canvas} canvas");
        }

        var page = new GliffyPage { Name = name, Width = Math.Max(0, width), Height = Math.Max(0, height), Background = GliffyText.SafeColor(Str(stage, "background")) };
        var layers = new List<(double Order, JsonElement Layer)>();
        foreach (var layer in Items(stage, "layers", "the stage"))
        {
            Count();
            if (layer.ValueKind == JsonValueKind.Object)
            {
                layers.Add((Soft(layer, "order", layers.Count), layer));
            }
        }

        foreach (var (_, layer) in layers.OrderBy(l => l.Order))
        {
            var cellId = page.Layers.Count == 0 ? "1" : NextId();
            page.Layers.Add(new GliffyLayer(cellId, Str(layer, "guid"), Str(layer, "name"), Bool(layer, "visible", true), Bool(layer, "locked")));
        }

        foreach (var element in Items(stage, "objects", "the stage"))
        {
            page.Objects.Add(BuildNode(element, 0, 0));
        }

        var sorted = page.Objects.OrderBy(o => o.Order).ToList();
        page.Objects.Clear();
        page.Objects.AddRange(sorted);
        foreach (var node in page.Objects)
        {
            MapIds(page, node);
        }

        return page;
    }

    private string Canvas => $"{GliffyLimits.Format(limits.MaxCanvas)}×{GliffyLimits.Format(limits.MaxCanvas)}";

    public void Count()
    {
        if (++_objects > limits.MaxObjects)
        {
            throw new GliffyImportException("objects", $"the file holds more than {limits.MaxObjects} objects");
        }
    }

    private string NextId() => (_nextId++).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private GliffyNode BuildNode(JsonElement element, double parentX, double parentY)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new GliffyImportException("format", "an entry of 'objects' or 'children' is not an object");
        }

        Count();
        var id = Key(Prop(element, "id"));
        var what = "object " + Describe(id);
        double x = Num(element, "x", 0, what), y = Num(element, "y", 0, what);
        double width = Num(element, "width", 0, what), height = Num(element, "height", 0, what);
        if (width < 0 || height < 0)
        {
            throw new GliffyImportException("numbers", $"{what} has a negative width or height");
        }

        double absX = parentX + x, absY = parentY + y;
        CheckCanvas(absX, absY, width, height, what);
        var graphic = Obj(element, "graphic");
        var type = graphic is { } g ? Str(g, "type") : null;
        var node = new GliffyNode
        {
            Source = element,
            CellId = NextId(),
            GliffyId = id,
            Uid = Str(element, "uid"),
            GraphicType = type,
            Graphic = graphic is { } gr && type is not null ? Obj(gr, type) : null,
            X = x,
            Y = y,
            Width = width,
            Height = height,
            Rotation = Num(element, "rotation", 0, what) % 360,
            Hidden = Bool(element, "hidden"),
            LayerId = Str(element, "layerId"),
            Order = Prop(element, "order") is { } order && ToNumber(order) is { } o ? o : double.MaxValue,
        };

        if (node.IsLine && node.Graphic is { } line)
        {
            ReadPoints(node, line, absX, absY, what);
        }

        foreach (var child in Items(element, "children", what))
        {
            node.Children.Add(BuildNode(child, absX, absY));
        }

        node.SortChildren();
        if (!node.IsLine && !node.IsText && node.GraphicType is not null && node.Children.FirstOrDefault(c => c.IsText) is { } label)
        {
            node.Label = label; // the shape's caption: its value, not a cell of its own
            node.Children.Remove(label);
        }

        return node;
    }

    private void ReadPoints(GliffyNode node, JsonElement line, double absX, double absY, string what)
    {
        foreach (var point in Items(line, "controlPath", what))
        {
            if (node.Points.Count >= GliffyLimits.MaxPointsPerLine)
            {
                throw new GliffyImportException("points", $"{what} (a line) has more than {GliffyLimits.MaxPointsPerLine} control points");
            }

            if (point.ValueKind != JsonValueKind.Array || point.GetArrayLength() < 2
                || ToNumber(point[0]) is not { } px || ToNumber(point[1]) is not { } py)
            {
                throw new GliffyImportException("numbers", $"a control point of {what} is not a pair of finite numbers");
            }

            CheckCanvas(absX + px, absY + py, 0, 0, what);
            node.Points.Add((px, py));
        }
    }

    private void CheckCanvas(double x, double y, double width, double height, string what)
    {
        var max = limits.MaxCanvas;
        if (Math.Abs(x) > max || Math.Abs(y) > max || x + width > max || y + height > max || width > max || height > max)
        {
            throw new GliffyImportException("canvas", $"{what} lies outside the {Canvas} canvas");
        }
    }

    private static void MapIds(GliffyPage page, GliffyNode node)
    {
        if (node.GliffyId is { } id)
        {
            page.CellIds.TryAdd(id, node.CellId);
        }

        if (node.Label?.GliffyId is { } labelId)
        {
            page.CellIds.TryAdd(labelId, node.CellId);
        }

        foreach (var child in node.Children)
        {
            MapIds(page, child);
        }
    }
}
