using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Diagrams.App.Tests.Converter;
using Microsoft.Playwright;
using Shouldly;
using Xunit;
using Xunit.Abstractions;
using static Diagrams.App.Tests.Browser.EditorSteps;

namespace Diagrams.App.Tests.Browser;

/// <summary>
/// draw.io's shapes in the viewer (Debian Chromium in HostSim's sandbox): library stencils load on demand and draw their
/// outlines, embedded stencil(...) styles decode (hostile ones become a placeholder, quickly), and a shape that resolves to
/// nothing is an outline with its label, never a block of its fill colour. The viewer's test hook
/// window.diagramViewer.unresolvedShapes() counts, per name, the cells of the page shown whose shape resolves to nothing.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class StencilTests(BrowserSystem system, ITestOutputHelper output)
{
    /// <summary>Per shape group in the viewer's drawing pane (label groups left out): its SVG element names and the longest path's command count.</summary>
    private const string DrawnShapes = """
        () => JSON.stringify([...document.querySelectorAll('#app svg > g > g:nth-child(2) > g')].filter((g) => !g.querySelector('foreignObject')).map((g) => ({
          elements: [...g.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()),
          commands: Math.max(0, ...[...g.querySelectorAll('path')].map((p) => ((p.getAttribute('d') || '').match(/[MLCQAZ]/gi) || []).length)),
          fills: [...g.querySelectorAll('rect, path, ellipse')].map((e) => e.getAttribute('fill') || ''),
          text: g.textContent || '',
        })))
        """;

    /// <summary>Shows `cells` as one page in the viewer (a macro on the Confluence page) and keeps a screenshot.</summary>
    private static async Task<(IFrameLocator Viewer, IFrame Frame)> ViewAsync(Session session, string name, string cells)
    {
        var viewer = await session.ViewDiagramAsync(name, Encoding.UTF8.GetBytes(Diagram(cells)));
        var frame = await session.FrameAsync("macro-frame-0");
        await session.ScreenshotAsync("viewer");
        return (viewer, frame);
    }

    [Fact]
    public async Task EveryFixturePage_InTheViewer_ResolvesEveryShape()
    {
        await using var session = await system.OpenAsync(nameof(EveryFixturePage_InTheViewer_ResolvesEveryShape));
        var files = Directory.GetFiles(Fixtures.Folder, "*.drawio").Concat(Directory.GetFiles(Path.Combine(Fixtures.Folder, "libraries"), "*.drawio")).Order().ToList();
        files.Count.ShouldBeGreaterThanOrEqualTo(15);
        var report = new StringBuilder();
        var wrong = new List<string>();
        var n = 0;
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            await session.Page.GotoAsync(session.Sandbox.Confluence.PageUrl);
            await session.UploadAsUserAsync(name, await File.ReadAllBytesAsync(file));
            await session.PutMacroAsync("m-view", new Dictionary<string, string> { ["diagramName"] = name, ["revision"] = "1" });
            var started = DateTime.UtcNow;
            await session.Page.ReloadAsync();
            var viewer = session.Page.FrameLocator("[data-testid=macro-frame-0]");
            await viewer.Locator("#app[data-cells]").WaitForAsync(new() { Timeout = 60_000 });
            var elapsed = DateTime.UtcNow - started;
            var frame = await session.FrameAsync("macro-frame-0");
            var pages = await frame.Locator("[data-testid^=viewer-page-]").CountAsync();
            var total = new Dictionary<string, int>();
            for (var page = 0; page < Math.Max(pages, 1); page++)
            {
                if (pages > 1)
                {
                    await frame.Locator($"[data-testid=viewer-page-{page}]").ClickAsync();
                    await frame.Locator($"#app[data-page='{page}']").WaitForAsync();
                }

                var counts = JsonSerializer.Deserialize<Dictionary<string, int>>(await frame.EvaluateAsync<string>("() => JSON.stringify(window.diagramViewer.unresolvedShapes())"))!;
                foreach (var (shape, count) in counts)
                {
                    total[shape] = total.GetValueOrDefault(shape) + count;
                }
            }

            await session.ScreenshotAsync($"{++n:00}-{name}");
            report.AppendLine($"{name}: {total.Values.Sum()} cells unresolved, first render {elapsed.TotalMilliseconds:0} ms ({string.Join(", ", total.Select(t => $"{t.Key} x{t.Value}"))})");
            wrong.AddRange(total.Keys.Select(k => $"{name}: {k} x{total[k]}"));
        }

        output.WriteLine(report.ToString());
        await File.WriteAllTextAsync(Path.Combine(BrowserSystem.ArtifactsFolder, "unresolved-shapes.txt"), report.ToString());
        wrong.ShouldBeEmpty($"cells whose stencil did not resolve (per fixture:{Environment.NewLine}{report})");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task LibraryStencils_FromMajorLibraries_DrawTheirOwnOutlines_NotRectangles()
    {
        await using var session = await system.OpenAsync(nameof(LibraryStencils_FromMajorLibraries_DrawTheirOwnOutlines_NotRectangles));
        string[] shapes =
        [
            "mxgraph.aws4.lightbulb", "mxgraph.azure.laptop", "mxgraph.cisco.routers.router", "mxgraph.networks.firewall",
            "mxgraph.floorplan.chair", "mxgraph.kubernetes.api", "mxgraph.gcp2.cloud_tpu", "mxgraph.electrical.logic_gates.and",
        ];
        var cells = string.Concat(shapes.Select((s, i) =>
            $"""<mxCell id="s{i}" value="" style="shape={s};html=1;fillColor=#dae8fc;strokeColor=#6c8ebf;" vertex="1" parent="1"><mxGeometry x="{40 + i % 4 * 140}" y="{40 + i / 4 * 140}" width="100" height="100" as="geometry"/></mxCell>"""));
        var (_, frame) = await ViewAsync(session, "library-stencils.drawio", cells);

        (await frame.EvaluateAsync<string>("() => JSON.stringify(window.diagramViewer.unresolvedShapes())")).ShouldBe("{}");
        var drawn = await JsonAsync<List<Drawn>>(frame, DrawnShapes);
        drawn.Count.ShouldBe(shapes.Length);
        for (var i = 0; i < shapes.Length; i++)
        {
            drawn[i].Commands.ShouldBeGreaterThan(5, $"{shapes[i]} draws a path of its own, not a rectangle ({string.Join(",", drawn[i].Elements)})");
        }

        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task EmbeddedStencil_Decodes_AndHostileOnes_BecomeLabelledPlaceholders_Quickly()
    {
        await using var session = await system.OpenAsync(nameof(EmbeddedStencil_Decodes_AndHostileOnes_BecomeLabelledPlaceholders_Quickly));
        const string Triangle = """<shape name="tri" w="100" h="100" aspect="variable" strokewidth="inherit"><connections/><foreground><path><move x="0" y="100"/><line x="50" y="0"/><line x="100" y="100"/><close/></path><fillstroke/><path><move x="20" y="80"/><quad x1="50" y1="40" x2="80" y2="80"/></path><stroke/></foreground></shape>""";
        var deep = "<shape w=\"10\" h=\"10\"><foreground>" + string.Concat(Enumerable.Repeat("<g>", 400)) + string.Concat(Enumerable.Repeat("</g>", 400)) + "</foreground></shape>";
        var bomb = "<shape w=\"10\" h=\"10\"><foreground><path><move x=\"0\" y=\"0\"/></path>" + new string(' ', 30 * 1024 * 1024) + "</foreground></shape>";
        var oversize = Convert.ToBase64String(Enumerable.Range(0, 400_000).Select(i => (byte)(i * 7919 % 251)).ToArray());
        var styles = new[] { $"stencil({Deflate(Triangle)})", $"stencil({Deflate(deep)})", $"stencil({Deflate(bomb)})", $"stencil({oversize})", "stencil(not*base64)" };
        var cells = string.Concat(styles.Select((s, i) =>
            $"""<mxCell id="e{i}" value="cell-{i}" style="shape={s};whiteSpace=wrap;html=1;fillColor=#000000;strokeColor=#333333;" vertex="1" parent="1"><mxGeometry x="{40 + i * 140}" y="40" width="100" height="100" as="geometry"/></mxCell>"""));
        var started = DateTime.UtcNow;
        var viewer = await session.ViewDiagramAsync("embedded-stencils.drawio", Encoding.UTF8.GetBytes(Diagram(cells)));
        (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(45), "the hostile stencils are refused, not worked through");
        var frame = await session.FrameAsync("macro-frame-0");
        await session.ScreenshotAsync("viewer");

        (await frame.EvaluateAsync<string>("() => JSON.stringify(window.diagramViewer.unresolvedShapes())")).ShouldBe("""{"stencil(…)":4}""");
        var drawn = await JsonAsync<List<Drawn>>(frame, DrawnShapes);
        drawn.Count.ShouldBe(styles.Length);
        drawn[0].Elements.ShouldContain("path");
        drawn[0].Fills.ShouldContain("#000000", "the decoded stencil fills with the style's colour");
        for (var i = 1; i < styles.Length; i++)
        {
            drawn[i].Fills.ShouldAllBe(f => f == "none", $"placeholder {i} is an outline, not a black block");
            (await viewer.Locator($"text=cell-{i}").CountAsync()).ShouldBe(1, $"placeholder {i} keeps its label");
        }

        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task UnknownShape_WithABlackFill_DrawsAsAnOutlineWithItsLabel()
    {
        await using var session = await system.OpenAsync(nameof(UnknownShape_WithABlackFill_DrawsAsAnOutlineWithItsLabel));
        var cells = """
            <mxCell id="u1" value="unknown-library" style="shape=mxgraph.nosuchlibrary.thing;fillColor=#000000;html=1;" vertex="1" parent="1"><mxGeometry x="40" y="40" width="120" height="80" as="geometry"/></mxCell>
            <mxCell id="u2" value="unknown-name" style="shape=noSuchShape;fillColor=#000000;strokeColor=none;html=1;" vertex="1" parent="1"><mxGeometry x="200" y="40" width="120" height="80" as="geometry"/></mxCell>
            <mxCell id="r" value="known" style="rounded=0;fillColor=#000000;fontColor=#ffffff;html=1;" vertex="1" parent="1"><mxGeometry x="360" y="40" width="120" height="80" as="geometry"/></mxCell>
            """;
        var (viewer, frame) = await ViewAsync(session, "unknown-shapes.drawio", cells);

        (await frame.EvaluateAsync<string>("() => JSON.stringify(window.diagramViewer.unresolvedShapes())")).ShouldBe("""{"mxgraph.nosuchlibrary.thing":1,"noSuchShape":1}""");
        var drawn = await JsonAsync<List<Drawn>>(frame, DrawnShapes);
        drawn.Count.ShouldBe(3);
        drawn[0].Fills.ShouldAllBe(f => f == "none");
        drawn[1].Fills.ShouldAllBe(f => f == "none");
        drawn[2].Fills.ShouldContain("#000000", "a known shape keeps its fill");
        (await viewer.Locator("text=unknown-library").CountAsync()).ShouldBe(1);
        (await viewer.Locator("text=unknown-name").CountAsync()).ShouldBe(1);
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task GradientWithoutAFill_DrawsNoFill_AndTheRestOfThePage()
    {
        // fillColor=none with a gradientColor (draw.io's timeline templates have them) threw in maxGraph while drawing,
        // and the viewer showed nothing of the page.
        await using var session = await system.OpenAsync(nameof(GradientWithoutAFill_DrawsNoFill_AndTheRestOfThePage));
        var cells = """
            <mxCell id="g1" value="no-fill" style="rounded=1;fillColor=none;gradientColor=#007FFF;strokeColor=#333333;html=1;" vertex="1" parent="1"><mxGeometry x="40" y="40" width="120" height="80" as="geometry"/></mxCell>
            <mxCell id="g2" value="gradient" style="rounded=0;fillColor=#dae8fc;gradientColor=#7ea6e0;html=1;" vertex="1" parent="1"><mxGeometry x="200" y="40" width="120" height="80" as="geometry"/></mxCell>
            <mxCell id="g3" value="plain" style="rounded=0;fillColor=#f8cecc;html=1;" vertex="1" parent="1"><mxGeometry x="360" y="40" width="120" height="80" as="geometry"/></mxCell>
            """;
        var (viewer, frame) = await ViewAsync(session, "gradient-without-fill.drawio", cells);

        var drawn = await JsonAsync<List<Drawn>>(frame, DrawnShapes);
        drawn.Count.ShouldBe(3);
        drawn[0].Fills.ShouldAllBe(f => f == "none", "no fill, as in draw.io");
        drawn[1].Fills.ShouldContain(f => f.StartsWith("url(", StringComparison.Ordinal), "a filled cell keeps its gradient");
        drawn[2].Fills.ShouldContain("#f8cecc");
        foreach (var label in new[] { "no-fill", "gradient", "plain" })
        {
            (await viewer.Locator($"text={label}").CountAsync()).ShouldBe(1, label);
        }
        session.ShouldHaveNoConsoleErrors();
    }

    [Theory]
    [InlineData(HostMode.Connect)]
    [InlineData(HostMode.Forge)]
    public async Task PaletteSearch_FindsALibraryShape_InsertingItSavesDrawiosStyle_AndMoreShapesAddsALibrarySection(HostMode mode)
    {
        await using var session = await system.OpenAsync(nameof(PaletteSearch_FindsALibraryShape_InsertingItSavesDrawiosStyle_AndMoreShapesAddsALibrarySection), mode);
        var (editor, frame) = await session.InsertDiagramAsync();
        await editor.Locator("[data-testid=palette-search]").FillAsync("wlan controller");
        var found = editor.Locator("[data-testid='palette-stencil-mxgraph.cisco.wireless.wlan_controller']");
        await found.WaitForAsync(new() { Timeout = 30_000 });
        (await editor.Locator("[data-testid=palette-search-note]").TextContentAsync()).ShouldBe("3 shapes.");
        await found.ClickAsync();
        await WaitForAsync(frame, "() => window.diagramEditor.cellCount() === 1");
        await session.ScreenshotAsync("inserted");
        var style = StyleOf(Vertices(await XmlAsync(frame)).Single());
        style.ShouldStartWith("shape=mxgraph.cisco.wireless.wlan_controller;");
        (await session.EditorAsync<string>("e => JSON.stringify(e.unresolvedShapes())")).ShouldBe("{}");

        await editor.Locator("[data-testid=palette-more-shapes]").ClickAsync();
        await editor.Locator("[data-testid='more-shapes-cisco.security']").CheckAsync();
        await editor.Locator("[data-testid=more-shapes-apply]").ClickAsync();
        await editor.Locator("[data-testid='palette-section-cisco.security']").ClickAsync();
        await editor.Locator("[data-testid='palette-stencil-mxgraph.cisco.security.firewall']").WaitForAsync(new() { Timeout = 30_000 });
        await session.ScreenshotAsync("more-shapes");
        session.ShouldHaveNoConsoleErrors();
    }

    /// <summary>draw.io's embedded form: base64 of raw deflate of the URI-encoded XML.</summary>
    private static string Deflate(string xml)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Optimal))
        {
            deflate.Write(Encoding.UTF8.GetBytes(xml.Length > 1_000_000 ? xml : Uri.EscapeDataString(xml)));
        }

        return Convert.ToBase64String(buffer.ToArray());
    }

    private sealed record Drawn(List<string> Elements, int Commands, List<string> Fills, string Text);
}
