using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Diagrams.Converter.Visio;

public static partial class VisioImporter
{
    /// <summary>One package → mxfile (pages) or mxlibrary (masters, see VisioLibrary.cs).</summary>
    private sealed partial class Conversion(VisioPackage package, VisioLimits limits, IReadOnlyDictionary<string, MediaImage> media)
    {
        private readonly Dictionary<string, XElement> _masters = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _masterNames = new(StringComparer.Ordinal);
        private readonly VisioStyles _styles = new(package);
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

                    var variation = ((int?)Num(CellOf(sheet, "VariationColorIndex")) ?? 0, (int?)Num(CellOf(sheet, "VariationStyleIndex")) ?? 0);
                    w.WriteStartElement("diagram");
                    w.WriteAttributeString("id", $"visio-{i + 1}");
                    w.WriteAttributeString("name", Clean(name, 200));
                    WriteModel(w, width, height, content?.Root, new PageState($"v{i + 1}-", partPath is null ? [] : package.Rels(partPath), variation));
                    w.WriteEndElement();
                }

                w.WriteEndElement();
            }

            return output.ToString();
        }

        private void LoadMasters()
        {
            foreach (var (id, name, _, content) in Masters())
            {
                _masterNames[id] = name;
                if (content.Root?.Element(V + "Shapes") is { } shapes)
                {
                    _masters[id] = shapes;
                }
            }
        }

        /// <summary>Each master of masters.xml with its name, its masters.xml element and its parsed part.</summary>
        private IEnumerable<(string Id, string Name, XElement Entry, XDocument Content)> Masters()
        {
            const string mastersPath = "visio/masters/masters.xml";
            if (package.Xml(mastersPath) is not { Root: { } root })
            {
                yield break;
            }

            var rels = package.Rels(mastersPath);
            foreach (var master in root.Elements(V + "Master"))
            {
                var id = (string?)master.Attribute("ID");
                var relId = (string?)master.Element(V + "Rel")?.Attribute(R + "id");
                if (id is null || relId is null || !rels.TryGetValue(relId, out var path) || package.Xml(path) is not { } content)
                {
                    continue;
                }

                yield return (id, (string?)master.Attribute("NameU") ?? (string?)master.Attribute("Name") ?? string.Empty, master, content);
            }
        }

        /// <summary>One <c>&lt;mxGraphModel&gt;</c> of the shapes under <paramref name="root"/> (a page's or a master's PageContents).</summary>
        private void WriteModel(XmlWriter w, double width, double height, XElement? root, PageState page)
        {
            w.WriteStartElement("mxGraphModel");
            foreach (var (key, value) in new[] { ("grid", "1"), ("gridSize", "10"), ("guides", "1"), ("connect", "1"), ("arrows", "1"), ("page", "1"), ("pageScale", "1") })
            {
                w.WriteAttributeString(key, value);
            }

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

            if (root is not null)
            {
                foreach (var c in root.Element(V + "Connects")?.Elements(V + "Connect") ?? [])
                {
                    var from = (string?)c.Attribute("FromSheet");
                    var to = (string?)c.Attribute("ToSheet");
                    if (from is null || to is null)
                    {
                        continue;
                    }

                    page.Connects.TryGetValue(from, out var ends);
                    page.Connects[from] = (string?)c.Attribute("FromCell") switch
                    {
                        "BeginX" => (to, ends.End),
                        "EndX" => (ends.Begin, to),
                        _ => ends,
                    };
                }

                var shapes = root.Element(V + "Shapes")?.Elements(V + "Shape").ToList() ?? [];
                CollectVertices(shapes, page, masterScope: null);
                WriteShapes(w, shapes, "1", height, page, masterScope: null);
            }

            w.WriteEndElement(); // root
            w.WriteEndElement(); // mxGraphModel
        }

        private sealed record PageState(string Prefix, Dictionary<string, string> Rels, (int Color, int Style) Variation)
        {
            /// <summary>A stencil master's name: what its own unnamed top-level shapes are (they have no master to name them).</summary>
            public string? MasterName { get; init; }

            public Dictionary<string, (string? Begin, string? End)> Connects { get; } = new(StringComparer.Ordinal);

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

                var text = TextOf(shape) ?? (master is null ? null : TextOf(master)) ?? string.Empty;
                var cellId = page.Prefix + id;
                var nameU = (string?)shape.Attribute("NameU") ?? (string?)shape.Attribute("Name")
                    ?? ((string?)shape.Attribute("Master") is { } mid && _masterNames.TryGetValue(mid, out var mn) ? mn : null)
                    ?? (master is null ? null : (string?)master.Attribute("NameU"))
                    ?? (parent == "1" ? page.MasterName : null) ?? string.Empty;
                var colors = _styles.Resolve(shape, master, page.Variation);

                var stroke = new StringBuilder();
                if (colors.Line is { } line)
                {
                    stroke.Append("strokeColor=").Append(line).Append(';');
                }

                if (Get("LineWeight") is { } weight && weight > 0 && weight < 1)
                {
                    stroke.Append("strokeWidth=").Append(F(Math.Max(weight * Px, 0.1))).Append(';');
                }

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
                var image = ImageStyle(shape, page, out var placeholder);
                if (image is not null)
                {
                    style.Append(image);
                }
                else
                {
                    style.Append(Outline(shape, master, nameU, isGroup, text.Length > 0, Get, out var invisible)).Append("whiteSpace=wrap;html=1;");
                    if (invisible)
                    {
                        colors = ("none", "none", colors.Font);
                        stroke.Clear().Append("strokeColor=none;");
                    }

                    if (colors.Fill is { } fill)
                    {
                        style.Append("fillColor=").Append(fill).Append(';');
                    }

                    // The font colour is only kept with a known fill: white text on draw.io's default white would vanish.
                    if (colors.Font is { } font && colors.Fill is not null)
                    {
                        style.Append("fontColor=").Append(font).Append(';');
                    }

                    style.Append(stroke);
                    if (_styles.TextBackground(shape, master) is { } background)
                    {
                        style.Append("labelBackgroundColor=").Append(background).Append(';');
                    }
                }

                if (Math.Abs(angle) > 1e-9)
                {
                    style.Append("rotation=").Append(F(-angle * 180 / Math.PI)).Append(';');
                }

                WriteCell(w, cellId, parent, Html(placeholder is not null && text.Length == 0 ? placeholder : text), style.ToString(), vertex: true);
                WriteGeometry(w, (pinX - locX) * Px, (parentHeight - pinY - (height - locY)) * Px, width * Px, height * Px);
                w.WriteEndElement(); // mxCell

                if (shape.Element(V + "Shapes")?.Elements(V + "Shape").ToList() is { Count: > 0 } children)
                {
                    // Members are placed in the group's own coordinates (origin at its bottom-left), like the page.
                    WriteShapes(w, children, cellId, height, page, scope);
                }
            }
        }
    }
}
