using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace Diagrams.Converter.Visio;

public static partial class VisioImporter
{
    /// <summary>
    /// The draw.io custom shape library format: <c>&lt;mxlibrary&gt;</c> holding a JSON array of
    /// <c>{"xml": "&lt;mxGraphModel&gt;…", "w": px, "h": px, "title": name}</c>, the model uncompressed.
    /// </summary>
    internal static string Library(IEnumerable<(string Title, string ModelXml, double Width, double Height)> entries)
    {
        var json = new StringBuilder("[");
        foreach (var (title, model, width, height) in entries)
        {
            if (json.Length > 1)
            {
                json.Append(',');
            }

            json.Append(CultureInfo.InvariantCulture, $"{{\"xml\":{JsonSerializer.Serialize(model)},\"w\":{F(Math.Max(width, 1))},\"h\":{F(Math.Max(height, 1))},\"title\":{JsonSerializer.Serialize(title)}}}");
        }

        json.Append(']');
        return new XElement("mxlibrary", json.ToString()).ToString(SaveOptions.DisableFormatting);
    }

    private sealed partial class Conversion
    {
        /// <summary>Each visible master → one library entry: its shapes as a model, moved to the origin, sized to their bounds.</summary>
        public string RunLibrary()
        {
            LoadMasters();
            var entries = new List<(string, string, double, double)>();
            foreach (var (id, name, entry, content) in Masters())
            {
                if ((string?)entry.Attribute("Hidden") == "1")
                {
                    continue;
                }

                if (entries.Count >= limits.MaxPages * 10)
                {
                    throw new VisioImportException("masters", $"the stencil has more than {limits.MaxPages * 10} masters");
                }

                var sheet = entry.Element(V + "PageSheet");
                var width = Num(CellOf(sheet, "PageWidth")) ?? 1;
                var height = Num(CellOf(sheet, "PageHeight")) ?? 1;
                var rels = (string?)entry.Element(V + "Rel")?.Attribute(R + "id") is { } relId && package.Rels("visio/masters/masters.xml").TryGetValue(relId, out var path)
                    ? package.Rels(path) : [];
                var model = new StringBuilder();
                using (var w = XmlWriter.Create(model, new XmlWriterSettings { OmitXmlDeclaration = true, CheckCharacters = true }))
                {
                    WriteModel(w, width, height, content.Root, new PageState($"m{id}-", rels, (0, 0)) { MasterName = name });
                }

                var (xml, w2, h2) = Normalise(model.ToString());
                entries.Add((Clean((string?)entry.Attribute("Name") ?? name, 200), xml, w2, h2));
            }

            if (entries.Count == 0)
            {
                throw new VisioImportException("format", "the stencil has no masters");
            }

            return Library(entries);
        }

        /// <summary>Moves the top-level cells so their bounds start at 0,0 (where draw.io drops a library entry); returns the bounds' size.</summary>
        private static (string Xml, double Width, double Height) Normalise(string modelXml)
        {
            var model = XElement.Parse(modelXml);
            var top = model.Descendants("mxCell").Where(c => (string?)c.Attribute("parent") == "1").ToList();
            var boxes = top.Select(c => c.Element("mxGeometry")).Where(g => g is not null && (string?)g.Attribute("relative") != "1")
                .Select(g => (X: D(g!, "x"), Y: D(g!, "y"), W: D(g!, "width"), H: D(g!, "height"))).ToList();
            if (boxes.Count == 0)
            {
                return (modelXml, 1, 1);
            }

            var minX = boxes.Min(b => b.X);
            var minY = boxes.Min(b => b.Y);
            foreach (var geometry in top.Select(c => c.Element("mxGeometry")).OfType<XElement>())
            {
                foreach (var point in (string?)geometry.Attribute("relative") == "1" ? geometry.Elements("mxPoint") : [geometry])
                {
                    point.SetAttributeValue("x", F(D(point, "x") - minX));
                    point.SetAttributeValue("y", F(D(point, "y") - minY));
                }
            }

            return (model.ToString(SaveOptions.DisableFormatting), boxes.Max(b => b.X + b.W) - minX, boxes.Max(b => b.Y + b.H) - minY);
        }

        private static double D(XElement e, string name) =>
            double.TryParse((string?)e.Attribute(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;
    }
}
