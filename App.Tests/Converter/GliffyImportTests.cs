using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Diagrams.Converter.Gliffy;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Converter;

/// <summary>Gliffy JSON → draw.io mxfile: the real fixture, constructed cases, and hostile input.</summary>
public sealed class GliffyImportTests
{
    private const string Rect = "com.gliffy.shape.basic.basic_v1.default.rectangle";

    [Fact]
    public void Fixture_CountsOfVerticesAndEdges_MatchTheGliffyJson()
    {
        var json = File.ReadAllText(Fixtures.Path("Learndrawio.gliffy"));
        var (vertices, edges) = ExpectedCounts(JsonNode.Parse(json)!["stage"]!["objects"]!.AsArray(), parentHasGraphic: false);

        var doc = Parse(Convert(json));

        doc.Root!.Name.LocalName.ShouldBe("mxfile");
        Cells(doc).Count(c => (string?)c.Attribute("vertex") == "1").ShouldBe(vertices);
        Cells(doc).Count(c => (string?)c.Attribute("edge") == "1").ShouldBe(edges);
        vertices.ShouldBe(23); // 27 objects, 4 of them captions merged into their rectangles
        AssertEdgesConnect(JsonNode.Parse(json)!, doc);
    }

    [Fact]
    public void Fixture_Labels_AppearAsCellValues()
    {
        var doc = Parse(Convert(File.ReadAllText(Fixtures.Path("Learndrawio.gliffy"))));
        var values = Cells(doc).Select(c => (string?)c.Attribute("value") ?? "").ToList();

        foreach (var label in new[] { "SWOT Analysis - Company A", "Strengths", "Weaknesses", "Opportunities", "Threats", "Positive", "Negative", "Lack of recent innovation" })
        {
            values.ShouldContain(v => v.Contains(label, StringComparison.Ordinal), $"label '{label}'");
        }

        // The rotated grey bar (Gliffy 689) carries its text child "Internal" as its own value.
        var bar = Cells(doc).Single(c => ((string?)c.Attribute("style") ?? "").Contains("fillColor=#b7b7b7", StringComparison.Ordinal) && ((string?)c.Attribute("style"))!.Contains("rotation=", StringComparison.Ordinal));
        A(bar, "value").ShouldContain("Internal");
        A(bar, "style").ShouldContain("rotation=269.853");
    }

    [Fact]
    public void FixtureWithLinesAdded_EdgesReferToExistingCells()
    {
        var root = JsonNode.Parse(File.ReadAllText(Fixtures.Path("Learndrawio.gliffy")))!;
        var objects = root["stage"]!["objects"]!.AsArray();
        objects.Add(Line(9001, 200, 200, [[0, 0], [300, 0]], from: 538, to: 540));
        objects.Add(Line(9002, 200, 400, [[0, 0], [0, 100]], from: 542, to: null));
        objects.Add(Line(9003, 10, 10, [[0, 0], [5, 5]], from: null, to: null));

        var doc = Parse(Convert(root.ToJsonString()));

        Cells(doc).Count(c => (string?)c.Attribute("edge") == "1").ShouldBe(3);
        Cells(doc).Count(c => c.Attribute("source") is not null).ShouldBe(2);
        AssertEdgesConnect(root, doc);
    }

    [Fact]
    public void UnknownUid_BecomesLabelledRectangle_RecordingTheUid()
    {
        var doc = Parse(Convert(Doc(Shape(1, "com.acme.shape.fancy_widget", 10, 10, tid: null))));

        var user = doc.Descendants("UserObject").Single();
        A(user, "gliffyUid").ShouldBe("com.acme.shape.fancy_widget");
        A(user, "label").ShouldBe("fancy_widget");
        var cell = user.Element("mxCell")!;
        A(cell, "vertex").ShouldBe("1");
        A(cell, "style").ShouldStartWith("rounded=0;");
        A(cell, "style").ShouldContain("gliffyUid=com.acme.shape.fancy_widget;");
    }

    [Theory]
    [InlineData("com.gliffy.shape.flowchart.flowchart_v1.default.decision", "rhombus;")]
    [InlineData("com.gliffy.shape.flowchart.flowchart_v1.default.start_end", "shape=mxgraph.flowchart.terminator;")]
    [InlineData("com.gliffy.shape.basic.basic_v1.default.ellipse", "ellipse;")]
    [InlineData("com.gliffy.shape.uml.uml_v1.default.actor", "shape=umlActor;")]
    [InlineData("com.gliffy.shape.network.network_v4.business.router", "shape=mxgraph.networks.router;")]
    [InlineData("com.gliffy.shape.mindmap.mindmap_v1.default.main_topic", "ellipse;")]
    public void KnownUid_MapsThroughTheTable(string uid, string stylePrefix)
    {
        var cell = Cells(Parse(Convert(Doc(Shape(1, uid, 10, 10, tid: null))))).Single(c => (string?)c.Attribute("vertex") == "1");
        A(cell, "style").ShouldStartWith(stylePrefix);
        A(cell, "style").ShouldNotContain("gliffyUid");
    }

    [Fact]
    public void TextHtml_ScriptsHandlersAndUrls_AreStripped_TextKept()
    {
        const string html = "<p onclick=\"alert(1)\">Hello <script>alert('x')</script><a href=\"javascript:alert(2)\">click</a>"
            + "<img src=x onerror=alert(3)><span style=\"color:#ff0000;background:url(javascript:alert(4))\">red</span>"
            + "<font color=\"#00ff00\" face=\"Arial\" onmouseover=\"x()\">green</font><iframe src=\"data:text/html,x\">in</iframe></p>";
        var shape = Shape(1, Rect, 10, 10, text: html);

        var value = (string)Cells(Parse(Convert(Doc(shape)))).Single(c => (string?)c.Attribute("vertex") == "1").Attribute("value")!;

        value.ShouldBe("<p>Hello click<span style=\"color:#ff0000;\">red</span><font color=\"#00ff00\" face=\"Arial\">green</font></p>");
        foreach (var bad in new[] { "script", "alert", "onclick", "javascript:", "data:", "onerror", "<img", "<a", "iframe" })
        {
            value.ShouldNotContain(bad, Case.Insensitive);
        }
    }

    [Fact]
    public void Layers_HiddenAndLocked_BecomeLayerCells()
    {
        var doc = Doc(Shape(1, Rect, 10, 10, layer: "a"), Shape(2, Rect, 20, 20, layer: "b"));
        doc["stage"]!["layers"] = new JsonArray(
            new JsonObject { ["guid"] = "b", ["order"] = 1, ["name"] = "Back", ["visible"] = false, ["locked"] = true },
            new JsonObject { ["guid"] = "a", ["order"] = 0, ["name"] = "Front", ["visible"] = true, ["locked"] = false });

        var cells = Cells(Parse(Convert(doc))).ToList();

        var front = cells.Single(c => (string?)c.Attribute("value") == "Front");
        var back = cells.Single(c => (string?)c.Attribute("value") == "Back");
        A(front, "id").ShouldBe("1");
        A(front, "parent").ShouldBe("0");
        front.Attribute("visible").ShouldBeNull();
        A(back, "parent").ShouldBe("0");
        A(back, "visible").ShouldBe("0");
        A(back, "style").ShouldContain("locked=1");
        var shapes = cells.Where(c => (string?)c.Attribute("vertex") == "1").ToList();
        shapes.Select(s => (string?)s.Attribute("parent")).ShouldBe([(string?)front.Attribute("id"), (string?)back.Attribute("id")]);
    }

    [Fact]
    public void Rotation_BecomesRotationStyle()
    {
        var shape = Shape(1, Rect, 10, 10);
        shape["rotation"] = 45.5;

        var cell = Cells(Parse(Convert(Doc(shape)))).Single(c => (string?)c.Attribute("vertex") == "1");

        A(cell, "style").ShouldContain("rotation=45.5;");
    }

    [Fact]
    public void DashedLineWithArrowsAndControlPoints_BecomesEdgeWithWaypoints()
    {
        var line = Line(3, 100, 50, [[0, 0], [50, 0], [50, 80], [120, 80]], from: 1, to: 2);
        var g = line["graphic"]!["Line"]!;
        (g["dashStyle"], g["startArrow"], g["endArrow"], g["ortho"], g["strokeWidth"], g["strokeColor"]) = ("4.0,4.0", 2, 1, true, 2, "#ff0000");
        var doc = Parse(Convert(Doc(Shape(1, Rect, 0, 0), Shape(2, Rect, 300, 300), line)));

        var shapes = Cells(doc).Where(c => (string?)c.Attribute("vertex") == "1").ToList();
        var edge = Cells(doc).Single(c => (string?)c.Attribute("edge") == "1");
        var style = (string)edge.Attribute("style")!;
        foreach (var part in new[] { "dashed=1;", "dashPattern=4 4;", "startArrow=block;", "startFill=1;", "endArrow=open;", "edgeStyle=orthogonalEdgeStyle;", "strokeWidth=2;", "strokeColor=#ff0000;" })
        {
            style.ShouldContain(part);
        }

        A(edge, "source").ShouldBe((string?)shapes[0].Attribute("id"));
        A(edge, "target").ShouldBe((string?)shapes[1].Attribute("id"));
        var geometry = edge.Element("mxGeometry")!;
        A(geometry, "relative").ShouldBe("1");
        Point(geometry.Elements("mxPoint").Single(p => (string?)p.Attribute("as") == "sourcePoint")).ShouldBe((100, 50));
        Point(geometry.Elements("mxPoint").Single(p => (string?)p.Attribute("as") == "targetPoint")).ShouldBe((220, 130));
        var waypoints = geometry.Elements("Array").Single(a => (string?)a.Attribute("as") == "points").Elements("mxPoint").Select(Point).ToList();
        waypoints.ShouldBe([(150, 50), (150, 130)]);
    }

    [Fact]
    public void CurvedLine_GetsCurvedStyle()
    {
        var line = Line(1, 0, 0, [[0, 0], [40, 60], [100, 0]], from: null, to: null);
        line["graphic"]!["Line"]!["interpolationType"] = "bezier";

        var edge = Cells(Parse(Convert(Doc(line)))).Single(c => (string?)c.Attribute("edge") == "1");

        A(edge, "style").ShouldContain("curved=1;");
    }

    [Fact]
    public void GroupWithChildren_ChildrenNameTheGroupAsParent()
    {
        var group = new JsonObject
        {
            ["id"] = 10, ["x"] = 100, ["y"] = 200, ["width"] = 300, ["height"] = 200, ["uid"] = "com.gliffy.shape.basic.basic_v1.default.group",
            ["graphic"] = null, ["children"] = new JsonArray(Shape(11, Rect, 5, 6), Shape(12, Rect, 150, 100)),
        };

        var cells = Cells(Parse(Convert(Doc(group)))).Where(c => (string?)c.Attribute("vertex") == "1").ToList();

        cells.Count.ShouldBe(3);
        var groupCell = cells.Single(c => ((string?)c.Attribute("style"))!.StartsWith("group;", StringComparison.Ordinal));
        var children = cells.Where(c => c != groupCell).ToList();
        children.ShouldAllBe(c => (string?)c.Attribute("parent") == (string?)groupCell.Attribute("id"));
        ((string?)children[0].Element("mxGeometry")!.Attribute("x")).ShouldBe("5"); // relative to the group, as in Gliffy
        ((string?)children[0].Element("mxGeometry")!.Attribute("y")).ShouldBe("6");
    }

    [Fact]
    public void EmbeddedSvgWithScript_IsOnlyAnImageDataUri()
    {
        const string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(document.cookie)</script><rect width=\"10\" height=\"10\"/></svg>";
        var shape = new JsonObject { ["id"] = 1, ["x"] = 0, ["y"] = 0, ["width"] = 10, ["height"] = 10, ["uid"] = "com.gliffy.shape.basic.basic_v1.default.svg", ["graphic"] = new JsonObject { ["type"] = "Svg", ["Svg"] = new JsonObject { ["embeddedResourceId"] = 7 } } };
        var doc = Doc(shape);
        doc["embeddedResources"] = new JsonObject { ["index"] = 1, ["resources"] = new JsonArray(new JsonObject { ["id"] = 7, ["mimeType"] = "image/svg+xml", ["data"] = svg }) };

        var xml = Convert(doc);

        // draw.io shows an image= style through an <img>/<image> element, and browsers never run scripts inside
        // an SVG shown as an image; the SVG text itself appears nowhere as markup, only base64 in the style.
        xml.ShouldNotContain("script", Case.Insensitive);
        var style = (string)Cells(Parse(xml)).Single(c => (string?)c.Attribute("vertex") == "1").Attribute("style")!;
        style.ShouldStartWith("shape=image;");
        var base64 = style.Split(';').Single(p => p.StartsWith("image=data:image/svg+xml,", StringComparison.Ordinal))["image=data:image/svg+xml,".Length..];
        Encoding.UTF8.GetString(System.Convert.FromBase64String(base64)).ShouldBe(svg);
    }

    [Fact]
    public void EmbeddedSvgShownByManyObjects_FailsNamingSize_InsteadOfGrowingWithoutBound()
    {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\">" + new string('x', 500_000) + "</svg>";
        var objects = Enumerable.Range(1, 300).Select(i => new JsonObject { ["id"] = i, ["x"] = 0, ["y"] = 0, ["width"] = 10, ["height"] = 10, ["graphic"] = new JsonObject { ["type"] = "Svg", ["Svg"] = new JsonObject { ["embeddedResourceId"] = 1 } } });
        var doc = Doc([.. objects]);
        doc["embeddedResources"] = new JsonObject { ["resources"] = new JsonArray(new JsonObject { ["id"] = 1, ["mimeType"] = "image/svg+xml", ["data"] = svg }) };

        var ex = Should.Throw<GliffyImportException>(() => Convert(doc.ToJsonString(), new GliffyLimits(MaxBytes: 1_000_000, MaxObjects: 1000)));

        ex.Limit.ShouldBe("size");
    }

    [Fact]
    public void DeeplyNestedLabelHtml_IsSanitisedInLinearTime()
    {
        var html = string.Concat(Enumerable.Repeat("<b>", 200_000)) + "deep" + string.Concat(Enumerable.Repeat("</i>", 200_000));
        var started = System.Diagnostics.Stopwatch.StartNew();

        var value = A(Cells(Parse(Convert(Doc(Shape(1, Rect, 0, 0, text: html))))).Single(c => A(c, "vertex") == "1"), "value");

        started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10)); // quadratic closing-tag matching took minutes
        value.ShouldContain("deep");
        Parse("<x>" + value.Replace("&nbsp;", " ", StringComparison.Ordinal) + "</x>").Root!.Descendants("b").Count().ShouldBeLessThanOrEqualTo(64);
    }

    [Fact]
    public void DepthBomb_FailsNamingDepth()
    {
        var bomb = "{\"contentType\":\"application/gliffy+json\",\"stage\":{\"objects\":" + new string('[', 10000) + new string(']', 10000) + "}}";
        Fails(bomb, "depth").Message.ShouldContain("64");
    }

    [Fact]
    public void TooManyObjects_FailsNamingObjects()
    {
        var objects = new StringBuilder();
        for (var i = 0; i < 25_000; i++)
        {
            objects.Append(i == 0 ? "" : ",").Append("{\"id\":").Append(i).Append(",\"x\":1,\"y\":1,\"width\":1,\"height\":1}");
        }

        Fails("{\"contentType\":\"application/gliffy+json\",\"stage\":{\"objects\":[" + objects + "]}}", "objects").Message.ShouldBe("objects: the file holds more than 20000 objects");
    }

    [Fact]
    public void ObjectOffCanvas_FailsNamingCanvas()
    {
        Fails(Doc(Shape(1, Rect, 20000, 10)).ToJsonString(), "canvas").Message.ShouldContain("15000");
        var big = Doc();
        big["stage"]!["width"] = 20000;
        Fails(big.ToJsonString(), "canvas");
    }

    [Theory]
    [InlineData("this is not json", "json")]
    [InlineData("{\"stage\": [1,", "json")]
    [InlineData("[1, 2, 3]", "format")]
    [InlineData("{\"title\": \"some other json\"}", "format")]
    [InlineData("{\"stage\":{\"objects\":[{\"id\":1,\"x\":\"abc\"}]}}", "numbers")]
    [InlineData("{\"stage\":{\"objects\":[{\"id\":1,\"x\":1e400}]}}", "numbers")]
    [InlineData("{\"stage\":{\"objects\":[{\"id\":1,\"graphic\":{\"type\":\"Line\",\"Line\":{\"controlPath\":[[1]]}}}]}}", "numbers")]
    [InlineData("{\"stage\":{\"objects\":5}}", "format")]
    public void BadInput_FailsWithAClearProblem(string json, string problem) => Fails(json, problem);

    [Fact]
    public void OversizedInput_FailsNamingSize() =>
        Should.Throw<GliffyImportException>(() => Convert(Doc(Shape(1, Rect, 0, 0)).ToJsonString(), new GliffyLimits(MaxBytes: 100))).Limit.ShouldBe("size");

    [Theory]
    [InlineData("{\"stage\":{\"objects\":[{\"graphic\":[]}],\"layers\":[1,\"x\"]}}")]
    [InlineData("{\"stage\":{\"objects\":[{\"graphic\":{\"type\":\"Text\",\"Text\":{\"html\":\"<b><i>\\u0001\\ud83d\\ude00<<<</x></b>\"}}}]}}")]
    [InlineData("{\"stage\":{\"objects\":[{\"graphic\":{\"type\":\"Image\",\"Image\":{\"url\":\"javascript:alert(1)\"}}}]}}")]
    [InlineData("{\"stage\":{\"objects\":[{\"id\":\"a;b=c\",\"uid\":\"x;y=\\\"<z>\",\"constraints\":{\"startConstraint\":[]}}]}}")]
    [InlineData("{\"stage\":{\"objects\":[{\"graphic\":{\"type\":\"Line\",\"Line\":{\"startArrow\":\"x\"}},\"constraints\":{\"startConstraint\":{\"StartPositionConstraint\":{\"nodeId\":{}}}}}]}}")]
    public void OddInput_StillConvertsToWellFormedXml(string json)
    {
        var xml = Convert(json);

        Parse(xml).Root!.Name.LocalName.ShouldBe("mxfile");
        xml.ShouldNotContain("javascript", Case.Insensitive);
        xml.ShouldNotContain("\u0001");
    }

    [Fact]
    public void BrokenSurrogateInText_FailsCleanly() =>
        Fails("{\"stage\":{\"objects\":[{\"graphic\":{\"type\":\"Text\",\"Text\":{\"html\":\"a\\ud800b\"}}}]}}", "format").Message.ShouldContain("surrogate");

    // ----- helpers -----

    private static string Convert(JsonNode doc) => Convert(doc.ToJsonString());

    private static string Convert(string json, GliffyLimits? limits = null) =>
        GliffyImporter.Convert(new MemoryStream(Encoding.UTF8.GetBytes(json)), limits ?? new GliffyLimits());

    private static GliffyImportException Fails(string json, string problem)
    {
        var ex = Should.Throw<GliffyImportException>(() => Convert(json));
        ex.Limit.ShouldBe(problem);
        ex.Message.ShouldStartWith(problem + ": ");
        return ex;
    }

    private static XDocument Parse(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        return XDocument.Load(reader);
    }

    private static string A(XElement e, string name) => (string?)e.Attribute(name) ?? "";

    private static IEnumerable<XElement> Cells(XDocument doc) => doc.Descendants("mxCell");

    private static (double, double) Point(XElement p) => ((double)p.Attribute("x")!, (double)p.Attribute("y")!);

    /// <summary>Counted independently from the JSON: lines are edges; every other object is a vertex except the first Text child of a shape, which becomes that shape's label.</summary>
    private static (int Vertices, int Edges) ExpectedCounts(JsonArray objects, bool parentHasGraphic)
    {
        int vertices = 0, edges = 0;
        var captionTaken = false;
        foreach (var o in objects)
        {
            var type = (string?)o!["graphic"]?["type"];
            if (type == "Line")
            {
                edges++;
            }
            else if (type == "Text" && parentHasGraphic && !captionTaken)
            {
                captionTaken = true;
            }
            else
            {
                vertices++;
            }

            var (v, e) = ExpectedCounts(o["children"]?.AsArray() ?? [], type is not null and not "Line" and not "Text");
            (vertices, edges) = (vertices + v, edges + e);
        }

        return (vertices, edges);
    }

    /// <summary>Every source/target names an existing cell, and every Gliffy line glued to an existing object got one.</summary>
    private static void AssertEdgesConnect(JsonNode gliffy, XDocument doc)
    {
        var ids = doc.Descendants().Where(e => e.Name == "mxCell" || e.Name == "UserObject").Select(e => (string?)e.Attribute("id")).OfType<string>().ToHashSet();
        var edges = Cells(doc).Where(c => (string?)c.Attribute("edge") == "1").ToList();
        foreach (var end in edges.SelectMany(e => new[] { (string?)e.Attribute("source"), (string?)e.Attribute("target") }).OfType<string>())
        {
            ids.ShouldContain(end);
        }

        var objects = gliffy["stage"]!["objects"]!.AsArray();
        var shapeIds = objects.Where(o => (string?)o!["graphic"]?["type"] != "Line").Select(o => IdOf(o!["id"]!)).ToHashSet();
        var glued = objects.Count(o => o!["constraints"]?["startConstraint"]?["StartPositionConstraint"]?["nodeId"] is { } n && shapeIds.Contains(IdOf(n)));
        edges.Count(e => e.Attribute("source") is not null).ShouldBe(glued);
    }

    private static string IdOf(JsonNode id) => id.GetValueKind() == JsonValueKind.String ? id.GetValue<string>() : id.ToJsonString();

    private static JsonObject Doc(params JsonObject[] objects) => new()
    {
        ["contentType"] = "application/gliffy+json",
        ["version"] = "1.3",
        ["stage"] = new JsonObject { ["width"] = 800, ["height"] = 600, ["objects"] = new JsonArray([.. objects]) },
    };

    private static JsonObject Shape(int id, string uid, double x, double y, string? text = null, string? layer = null, string? tid = "com.gliffy.stencil.rectangle.basic_v1") => new()
    {
        ["id"] = id, ["x"] = x, ["y"] = y, ["width"] = 100, ["height"] = 50, ["rotation"] = 0, ["uid"] = uid, ["layerId"] = layer,
        ["graphic"] = new JsonObject { ["type"] = "Shape", ["Shape"] = new JsonObject { ["tid"] = tid, ["fillColor"] = "#ffffff", ["strokeColor"] = "#000000", ["strokeWidth"] = 1 } },
        ["children"] = text is null ? new JsonArray() : new JsonArray(new JsonObject
        {
            ["id"] = id + 1000, ["x"] = 2, ["y"] = 0, ["width"] = 96, ["height"] = 20,
            ["graphic"] = new JsonObject { ["type"] = "Text", ["Text"] = new JsonObject { ["html"] = text, ["valign"] = "middle" } },
        }),
    };

    private static JsonObject Line(int id, double x, double y, double[][] points, int? from, int? to) => new()
    {
        ["id"] = id, ["x"] = x, ["y"] = y, ["width"] = 100, ["height"] = 100, ["uid"] = "com.gliffy.shape.basic.basic_v1.default.line",
        ["graphic"] = new JsonObject { ["type"] = "Line", ["Line"] = new JsonObject { ["strokeWidth"] = 1, ["strokeColor"] = "#000000", ["startArrow"] = 0, ["endArrow"] = 2, ["interpolationType"] = "linear", ["controlPath"] = JsonSerializer.SerializeToNode(points) } },
        ["constraints"] = new JsonObject
        {
            ["constraints"] = new JsonArray(),
            ["startConstraint"] = from is null ? null : new JsonObject { ["type"] = "StartPositionConstraint", ["StartPositionConstraint"] = new JsonObject { ["nodeId"] = from.ToString(), ["px"] = 1, ["py"] = 0.5 } },
            ["endConstraint"] = to is null ? null : new JsonObject { ["type"] = "EndPositionConstraint", ["EndPositionConstraint"] = new JsonObject { ["nodeId"] = to.ToString(), ["px"] = 0, ["py"] = 0.5 } },
        },
    };
}
