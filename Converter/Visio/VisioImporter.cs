using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Diagrams.Converter.Visio;

/// <summary>
/// Visio <c>.vsdx</c> → draw.io <c>&lt;mxfile&gt;</c>: one plain <c>&lt;diagram&gt;</c> per page. 2-D shapes become
/// vertices (position from PinX/PinY/LocPinX/LocPinY/Width/Height, inches × 96, y flipped), inheriting size, text and
/// colours from their master; 1-D shapes become edges (glued ends from <c>&lt;Connects&gt;</c>, free ends as points);
/// groups become parents of their members; PNG/JPEG/GIF foreign data become image shapes. Geometry sections are not
/// traced: the style comes from a small name → style table. Every problem with the input surfaces as a
/// <see cref="VisioImportException"/>.
/// </summary>
public static partial class VisioImporter
{
    internal static readonly XNamespace V = "http://schemas.microsoft.com/office/visio/2012/main";
    internal static readonly XNamespace R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const double Px = 96;

    /// <exception cref="VisioImportException">The input is too big, not a .vsdx, hostile, or breaks a limit.</exception>
    public static string Convert(Stream vsdx, VisioLimits limits)
    {
        ArgumentNullException.ThrowIfNull(vsdx);
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        try
        {
            var package = VisioPackage.Read(vsdx, limits);
            return new Conversion(package, limits).Run();
        }
        catch (VisioImportException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException))
        {
            // Anything else thrown while reading untrusted input is still the input's fault: report it as such.
            throw new VisioImportException("format", "the file could not be read as a Visio drawing", ex);
        }
    }

    /// <summary>Master name (lower case) fragment → draw.io style; first match wins.</summary>
    private static readonly (string Name, string Style)[] ShapeStyles =
    [
        ("ellipse", "ellipse;"),
        ("circle", "ellipse;"),
        ("decision", "rhombus;"),
        ("diamond", "rhombus;"),
        ("start/end", "rounded=1;arcSize=50;"),
        ("terminator", "rounded=1;arcSize=50;"),
        ("document", "shape=document;boundedLbl=1;"),
        ("data", "shape=parallelogram;perimeter=parallelogramPerimeter;"),
        ("database", "shape=cylinder3;"),
        ("triangle", "triangle;"),
        ("hexagon", "shape=hexagon;perimeter=hexagonPerimeter2;"),
        ("rounded", "rounded=1;"),
        ("cloud", "ellipse;shape=cloud;"),
    ];

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColor();

    private sealed class Conversion(VisioPackage package, VisioLimits limits)
    {
        private readonly Dictionary<string, XElement> _masters = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _masterNames = new(StringComparer.Ordinal);
        private int _shapes;
        private int _cells;

        public string Run()
        {
            const string pagesPath = "visio/pages/pages.xml";
            var pagesDoc = package.Xml(pagesPath) ?? throw new VisioImportException("format", "not a .vsdx: visio/pages/pages.xml is missing");
            var pageRels = package.Rels(pagesPath);
            LoadMasters();

            var pages = pagesDoc.Root?.Elements(V + "Page").ToList() ?? [];
            if (pages.Count == 0)
            {
                throw new VisioImportException("format", "the drawing has no pages");
            }

            if (pages.Count > limits.MaxPages)
            {
                throw new VisioImportException("pages", $"the drawing has more than {limits.MaxPages} pages");
            }

            var output = new StringBuilder();
            using (var w = XmlWriter.Create(output, new XmlWriterSettings { OmitXmlDeclaration = true, CheckCharacters = true }))
            {
                w.WriteStartElement("mxfile");
                w.WriteAttributeString("host", "Diagrams");
                w.WriteAttributeString("agent", "Diagrams Visio importer");
                for (var i = 0; i < pages.Count; i++)
                {
                    var page = pages[i];
                    var relId = (string?)page.Element(V + "Rel")?.Attribute(R + "id");
                    var partPath = relId is not null && pageRels.TryGetValue(relId, out var p) ? p : null;
                    var content = partPath is null ? null : package.Xml(partPath);
                    var name = (string?)page.Attribute("Name") ?? (string?)page.Attribute("NameU") ?? $"Page-{i + 1}";
                    var sheet = page.Element(V + "PageSheet");
                    var width = Num(CellOf(sheet, "PageWidth")) ?? 8.5;
                    var height = Num(CellOf(sheet, "PageHeight")) ?? 11;
                    if (content?.Root?.Element(V + "PageSheet") is { } own)
                    {
                        width = Num(CellOf(own, "PageWidth")) ?? width;
                        height = Num(CellOf(own, "PageHeight")) ?? height;
                    }

                    WritePage(w, i, Clean(name, 200), width, height, content, partPath is null ? [] : package.Rels(partPath));
                }

                w.WriteEndElement();
            }

            return output.ToString();
        }

        private void LoadMasters()
        {
            const string mastersPath = "visio/masters/masters.xml";
            if (package.Xml(mastersPath) is not { Root: { } root })
            {
                return;
            }

            var rels = package.Rels(mastersPath);
            foreach (var master in root.Elements(V + "Master"))
            {
                var id = (string?)master.Attribute("ID");
                var relId = (string?)master.Element(V + "Rel")?.Attribute(R + "id");
                if (id is null || relId is null || !rels.TryGetValue(relId, out var path))
                {
                    continue;
                }

                _masterNames[id] = (string?)master.Attribute("NameU") ?? (string?)master.Attribute("Name") ?? string.Empty;
                if (package.Xml(path)?.Root?.Element(V + "Shapes") is { } shapes)
                {
                    _masters[id] = shapes;
                }
            }
        }

        private void WritePage(XmlWriter w, int index, string name, double width, double height, XDocument? content, Dictionary<string, string> rels)
        {
            w.WriteStartElement("diagram");
            w.WriteAttributeString("id", $"visio-{index + 1}");
            w.WriteAttributeString("name", name);
            w.WriteStartElement("mxGraphModel");
            w.WriteAttributeString("grid", "1");
            w.WriteAttributeString("gridSize", "10");
            w.WriteAttributeString("guides", "1");
            w.WriteAttributeString("connect", "1");
            w.WriteAttributeString("arrows", "1");
            w.WriteAttributeString("page", "1");
            w.WriteAttributeString("pageScale", "1");
            w.WriteAttributeString("pageWidth", F(width * Px));
            w.WriteAttributeString("pageHeight", F(height * Px));
            w.WriteStartElement("root");
            w.WriteStartElement("mxCell");
            w.WriteAttributeString("id", "0");
            w.WriteEndElement();
            w.WriteStartElement("mxCell");
            w.WriteAttributeString("id", "1");
            w.WriteAttributeString("parent", "0");
            w.WriteEndElement();

            if (content?.Root is { } root)
            {
                var connects = new Dictionary<string, (string? Begin, string? End)>(StringComparer.Ordinal);
                foreach (var c in root.Element(V + "Connects")?.Elements(V + "Connect") ?? [])
                {
                    var from = (string?)c.Attribute("FromSheet");
                    var to = (string?)c.Attribute("ToSheet");
                    var cell = (string?)c.Attribute("FromCell");
                    if (from is null || to is null)
                    {
                        continue;
                    }

                    connects.TryGetValue(from, out var ends);
                    connects[from] = cell switch
                    {
                        "BeginX" => (to, ends.End),
                        "EndX" => (ends.Begin, to),
                        _ => ends,
                    };
                }

                var page = new PageState($"v{index + 1}-", connects, rels);
                var shapes = root.Element(V + "Shapes")?.Elements(V + "Shape").ToList() ?? [];
                CollectVertices(shapes, page, masterScope: null);
                WriteShapes(w, shapes, "1", height, page, masterScope: null);
            }

            w.WriteEndElement(); // root
            w.WriteEndElement(); // mxGraphModel
            w.WriteEndElement(); // diagram
        }

        private sealed record PageState(string Prefix, Dictionary<string, (string? Begin, string? End)> Connects, Dictionary<string, string> Rels)
        {
            public HashSet<string> Vertices { get; } = new(StringComparer.Ordinal);
        }

        /// <summary>The master shape a page shape inherits from: its master's top shape, or the MasterShape inside the group's master.</summary>
        private XElement? MasterOf(XElement shape, XElement? masterScope, out XElement? scopeForChildren)
        {
            scopeForChildren = masterScope;
            if ((string?)shape.Attribute("Master") is { } masterId)
            {
                if (!_masters.TryGetValue(masterId, out var shapes))
                {
                    scopeForChildren = null;
                    return null;
                }

                var top = shapes.Elements(V + "Shape").FirstOrDefault();
                scopeForChildren = top;
                return top;
            }

            if ((string?)shape.Attribute("MasterShape") is { } sub && masterScope is not null)
            {
                var match = masterScope.Element(V + "Shapes")?.Elements(V + "Shape").FirstOrDefault(s => (string?)s.Attribute("ID") == sub);
                scopeForChildren = match;
                return match;
            }

            return null;
        }

        private static bool IsOneD(XElement shape, XElement? master) =>
            CellOf(shape, "BeginX") is not null || (master is not null && CellOf(master, "BeginX") is not null);

        private void CollectVertices(List<XElement> shapes, PageState page, XElement? masterScope)
        {
            foreach (var shape in shapes)
            {
                var master = MasterOf(shape, masterScope, out var scope);
                if (!IsOneD(shape, master) && (string?)shape.Attribute("ID") is { } id)
                {
                    page.Vertices.Add(id);
                }

                if (shape.Element(V + "Shapes")?.Elements(V + "Shape").ToList() is { Count: > 0 } children)
                {
                    CollectVertices(children, page, scope);
                }
            }
        }

        private void WriteShapes(XmlWriter w, List<XElement> shapes, string parent, double parentHeight, PageState page, XElement? masterScope)
        {
            foreach (var shape in shapes)
            {
                if (++_shapes > limits.MaxShapes)
                {
                    throw new VisioImportException("shapes", $"the drawing has more than {limits.MaxShapes} shapes");
                }

                var id = (string?)shape.Attribute("ID");
                if (id is null)
                {
                    continue;
                }

                var master = MasterOf(shape, masterScope, out var scope);
                double? Get(string cell) => Num(CellOf(shape, cell)) ?? (master is null ? null : Num(CellOf(master, cell)));
                string? GetText(string cell) => (string?)CellOf(shape, cell)?.Attribute("V") ?? (string?)(master is null ? null : CellOf(master, cell))?.Attribute("V");

                var text = TextOf(shape) ?? (master is null ? null : TextOf(master)) ?? string.Empty;
                var cellId = page.Prefix + id;
                var nameU = (string?)shape.Attribute("NameU") ?? (string?)shape.Attribute("Name")
                    ?? ((string?)shape.Attribute("Master") is { } mid && _masterNames.TryGetValue(mid, out var mn) ? mn : null)
                    ?? (master is null ? null : (string?)master.Attribute("NameU")) ?? string.Empty;

                var stroke = new StringBuilder();
                if (GetText("LineColor") is { } line && HexColor().IsMatch(line))
                {
                    stroke.Append("strokeColor=").Append(line).Append(';');
                }

                if (Get("LineWeight") is { } weight && weight > 0 && weight < 1)
                {
                    stroke.Append("strokeWidth=").Append(F(Math.Max(weight * Px, 0.1))).Append(';');
                }

                // The font colour is only kept with a known fill: theme fills are not resolved, and white text on
                // draw.io's default white fill would vanish.
                var font = FontColor(shape) ?? (master is null ? null : FontColor(master));

                if (IsOneD(shape, master))
                {
                    WriteEdge(w, shape, cellId, parent, parentHeight, page, text, stroke.ToString(), Get);
                    continue;
                }

                var width = Get("Width") ?? 1;
                var height = Get("Height") ?? 0.75;
                var pinX = Get("PinX") ?? 0;
                var pinY = Get("PinY") ?? 0;
                var locX = Get("LocPinX") ?? width / 2;
                var locY = Get("LocPinY") ?? height / 2;
                var angle = Get("Angle") ?? 0;

                var style = new StringBuilder();
                var isGroup = string.Equals((string?)shape.Attribute("Type"), "Group", StringComparison.OrdinalIgnoreCase);
                var image = ImageStyle(shape, page);
                if (image is not null)
                {
                    style.Append(image);
                }
                else
                {
                    style.Append(isGroup && text.Length == 0 ? "group;" : StyleFor(nameU)).Append("whiteSpace=wrap;html=1;");
                    if (GetText("FillForegnd") is { } fill && HexColor().IsMatch(fill))
                    {
                        style.Append("fillColor=").Append(fill).Append(';');
                        if (font is not null)
                        {
                            style.Append("fontColor=").Append(font).Append(';');
                        }
                    }

                    style.Append(stroke);
                }

                if (Math.Abs(angle) > 1e-9)
                {
                    style.Append("rotation=").Append(F(-angle * 180 / Math.PI)).Append(';');
                }

                var value = image is not null && image.Contains("visioEmf=1", StringComparison.Ordinal) && text.Length == 0 ? "EMF image" : text;
                WriteCell(w, cellId, parent, value, style.ToString(), vertex: true);
                WriteGeometry(w, (pinX - locX) * Px, (parentHeight - pinY - (height - locY)) * Px, width * Px, height * Px);
                w.WriteEndElement(); // mxCell

                if (shape.Element(V + "Shapes")?.Elements(V + "Shape").ToList() is { Count: > 0 } children)
                {
                    // Members are placed in the group's own coordinates (origin at its bottom-left), like the page.
                    WriteShapes(w, children, cellId, height, page, scope);
                }
            }
        }

        private void WriteEdge(XmlWriter w, XElement shape, string cellId, string parent, double parentHeight, PageState page, string text, string stroke, Func<string, double?> get)
        {
            var id = (string)shape.Attribute("ID")!;
            page.Connects.TryGetValue(id, out var ends);
            var style = new StringBuilder("edgeStyle=orthogonalEdgeStyle;rounded=0;html=1;");
            style.Append((get("EndArrow") ?? 0) > 0 ? "endArrow=classic;" : "endArrow=none;");
            style.Append((get("BeginArrow") ?? 0) > 0 ? "startArrow=classic;" : "startArrow=none;");
            style.Append(stroke);
            WriteCell(w, cellId, parent, text, style.ToString(), vertex: false);
            if (ends.Begin is { } b && page.Vertices.Contains(b))
            {
                w.WriteAttributeString("source", page.Prefix + b);
            }

            if (ends.End is { } e && page.Vertices.Contains(e))
            {
                w.WriteAttributeString("target", page.Prefix + e);
            }

            w.WriteStartElement("mxGeometry");
            w.WriteAttributeString("relative", "1");
            w.WriteAttributeString("as", "geometry");
            WritePoint(w, "sourcePoint", get("BeginX"), get("BeginY"), parentHeight);
            WritePoint(w, "targetPoint", get("EndX"), get("EndY"), parentHeight);
            w.WriteEndElement();
            w.WriteEndElement(); // mxCell
        }

        private static void WritePoint(XmlWriter w, string name, double? x, double? y, double parentHeight)
        {
            if (x is null || y is null)
            {
                return;
            }

            w.WriteStartElement("mxPoint");
            w.WriteAttributeString("x", F(x.Value * Px));
            w.WriteAttributeString("y", F((parentHeight - y.Value) * Px));
            w.WriteAttributeString("as", name);
            w.WriteEndElement();
        }

        private void WriteCell(XmlWriter w, string id, string parent, string value, string style, bool vertex)
        {
            if (++_cells > limits.MaxShapes * 2)
            {
                throw new VisioImportException("shapes", $"the drawing has more than {limits.MaxShapes} shapes");
            }

            w.WriteStartElement("mxCell");
            w.WriteAttributeString("id", id);
            w.WriteAttributeString("value", value);
            w.WriteAttributeString("style", style);
            w.WriteAttributeString(vertex ? "vertex" : "edge", "1");
            w.WriteAttributeString("parent", parent);
        }

        private static void WriteGeometry(XmlWriter w, double x, double y, double width, double height)
        {
            w.WriteStartElement("mxGeometry");
            w.WriteAttributeString("x", F(x));
            w.WriteAttributeString("y", F(y));
            w.WriteAttributeString("width", F(width));
            w.WriteAttributeString("height", F(height));
            w.WriteAttributeString("as", "geometry");
            w.WriteEndElement();
        }

        /// <summary>
        /// Foreign data (Type="Foreign" with a ForeignData Rel): PNG/JPEG/GIF become an image style with a data URI;
        /// EMF/WMF become a labelled placeholder marked <c>visioEmf=1</c> — EMF → PNG conversion is not built yet.
        /// </summary>
        private string? ImageStyle(XElement shape, PageState page)
        {
            if (shape.Element(V + "ForeignData") is not { } foreign)
            {
                return null;
            }

            var relId = (string?)foreign.Element(V + "Rel")?.Attribute(R + "id");
            var bytes = relId is not null && page.Rels.TryGetValue(relId, out var path) ? package.Bytes(path) : null;
            var mime = bytes is null ? null : Sniff(bytes);
            if (bytes is null || mime is null)
            {
                // Not built yet: EMF/WMF (and anything unrecognised) to PNG conversion. Keep a labelled placeholder (visioEmf=1) so nothing is dropped silently.
                return "rounded=0;whiteSpace=wrap;html=1;dashed=1;fillColor=#f5f5f5;visioEmf=1;";
            }

            return $"shape=image;html=1;imageAspect=0;aspect=fixed;image=data:{mime},{System.Convert.ToBase64String(bytes)};";
        }

        private static string? Sniff(byte[] b) =>
            b.Length > 8 && b[0] == 0x89 && b[1] == 0x50 && b[2] == 0x4E && b[3] == 0x47 ? "image/png"
            : b.Length > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF ? "image/jpeg"
            : b.Length > 6 && b[0] == (byte)'G' && b[1] == (byte)'I' && b[2] == (byte)'F' ? "image/gif"
            : null;

        private static string StyleFor(string name)
        {
            var lower = name.ToLowerInvariant();
            foreach (var (fragment, style) in ShapeStyles)
            {
                if (lower.Contains(fragment, StringComparison.Ordinal))
                {
                    return style;
                }
            }

            return "rounded=0;";
        }
    }

    internal static XElement? CellOf(XElement? sheet, string name) =>
        sheet?.Elements(V + "Cell").FirstOrDefault(c => (string?)c.Attribute("N") == name);

    internal static double? Num(XElement? cell)
    {
        var v = (string?)cell?.Attribute("V");
        return v is not null && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && Math.Abs(d) < 1e6
            ? d
            : null;
    }

    /// <summary>The shape's text with the cp/pp/tp/fld markers dropped (they are empty elements), trimmed.</summary>
    private static string? TextOf(XElement shape)
    {
        if (shape.Element(V + "Text") is not { } text)
        {
            return null;
        }

        var value = string.Concat(text.DescendantNodes().OfType<XText>().Select(t => t.Value)).Trim();
        return Clean(value, 10_000);
    }

    private static string? FontColor(XElement sheet)
    {
        var row = sheet.Elements(V + "Section").FirstOrDefault(s => (string?)s.Attribute("N") == "Character")?.Elements(V + "Row").FirstOrDefault();
        var color = (string?)CellOf(row, "Color")?.Attribute("V");
        return color is not null && HexColor().IsMatch(color) ? color : null;
    }

    private static string Clean(string s, int max)
    {
        var chars = s.Where(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c)).Take(max).ToArray();
        return new string(chars).Replace("\u2028", "\n", StringComparison.Ordinal);
    }

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
