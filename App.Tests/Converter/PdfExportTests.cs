using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Diagrams.App.Tests.Infrastructure;
using Diagrams.Converter.Pdf;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;
using ConverterProgram = Diagrams.Converter.Program;

namespace Diagrams.App.Tests.Converter;

/// <summary>One Converter with a warm Chromium shared by the PDF tests (a launch costs about a second).</summary>
public sealed class PdfConverter : IAsyncLifetime
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(120) };
    private readonly string _key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private WebApplication _app = null!;
    private Uri _url = null!;

    public PdfRenderer Renderer => _app.Services.GetRequiredService<PdfRenderer>();

    public async Task InitializeAsync()
    {
        _url = new Uri($"http://127.0.0.1:{TestSystem.FreePort()}");
        _app = ConverterProgram.Build([$"--urls={_url}", "--Converter:Region=EU", $"--Converter:ServiceKey={_key}", "--Logging:LogLevel:Default=Warning",
            "--Converter:Pdf:WarmOnStart=true", "--Converter:Pdf:ExportsPerTab=1000"]);
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public async Task<HttpResponseMessage> ExportAsync(byte[] diagram, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_url, "/v1/export/pdf" + query))
        {
            Content = new ByteArrayContent(diagram) { Headers = { ContentType = new MediaTypeHeaderValue("application/vnd.jgraph.mxfile") } },
        };
        request.Headers.Authorization = ServiceTokens.Bearer(_key);
        return await Http.SendAsync(request);
    }
}

/// <summary>
/// PDF export on a real Converter driving Debian's Chromium: every .drawio fixture exports with one PDF page per
/// diagram page and the diagram's text; options shape the pages; hostile input is a named 4xx; nothing remote is fetched.
/// </summary>
public sealed class PdfExportTests(PdfConverter converter) : IClassFixture<PdfConverter>
{
    private const string TwoShapes = """
        <mxfile><diagram name="First" id="a"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>
        <mxCell id="2" value="Alpha box" style="rounded=1;whiteSpace=wrap;" vertex="1" parent="1"><mxGeometry x="40" y="40" width="120" height="60" as="geometry"/></mxCell>
        <mxCell id="3" value="Beta &lt;b&gt;bold&lt;/b&gt;" style="ellipse;html=1;" vertex="1" parent="1"><mxGeometry x="300" y="200" width="120" height="60" as="geometry"/></mxCell>
        <mxCell id="4" style="edgeStyle=orthogonalEdgeStyle;" edge="1" parent="1" source="2" target="3"><mxGeometry relative="1" as="geometry"/></mxCell>
        </root></mxGraphModel></diagram>
        <diagram name="Second" id="b"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>
        <mxCell id="2" value="Gamma page two" vertex="1" parent="1"><mxGeometry x="0" y="0" width="200" height="80" as="geometry"/></mxCell>
        </root></mxGraphModel></diagram></mxfile>
        """;

    public static TheoryData<string> DrawioFixtures() => new(Directory.GetFiles(System.IO.Path.GetDirectoryName(Fixtures.Path("C4.drawio"))!, "*.drawio").Select(System.IO.Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(DrawioFixtures))]
    public async Task EveryDrawioFixture_ExportsOnePdfPagePerDiagramPage_WithItsText(string name)
    {
        var bytes = await File.ReadAllBytesAsync(Fixtures.Path(name));
        var pages = DiagramFile.Read(bytes, new PdfOptions());
        using var response = await converter.ExportAsync(bytes);

        var pdf = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, Encoding.UTF8.GetString(pdf));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var info = await Poppler.InfoAsync(pdf);
        info.Pages.ShouldBe(pages.Count);
        var words = Normalise(await Poppler.TextAsync(pdf)).Split(' ').ToHashSet(StringComparer.Ordinal);
        var labels = SomeLabels(pages).ToList();
        if (labels.Count == 0)
        {
            // Its cells are PlantUML images (text drawn inside SVG images), no text labels.
            name.ShouldBe("mindmap-plantuml-example.drawio", "every other fixture has text labels");
        }

        foreach (var label in labels)
        {
            // Labels wrap inside their shapes, so each word is looked for, not the whole line.
            label.Split(' ', StringSplitOptions.RemoveEmptyEntries).ShouldAllBe(word => words.Contains(word), $"{name}: the PDF text should contain the label '{label}'");
        }
    }

    [Fact]
    public async Task TwoPageDiagram_HasBothPagesCroppedToTheirDiagrams_AndTheirText()
    {
        using var response = await converter.ExportAsync(Encoding.UTF8.GetBytes(TwoShapes), "?border=10");

        var pdf = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, Encoding.UTF8.GetString(pdf));
        var info = await Poppler.InfoAsync(pdf);
        info.Pages.ShouldBe(2);
        // Page 1: shapes span 40..420 × 40..260 → 380 × 220 px + 2 × 10 border = 400 × 240 px = 300 × 180 pt.
        info.PageSizes[0].Width.ShouldBe(300, 1.5);
        info.PageSizes[0].Height.ShouldBe(180, 1.5);
        // Page 2: 200 × 80 px + border → 220 × 100 px = 165 × 75 pt.
        info.PageSizes[1].Width.ShouldBe(165, 1.5);
        var text = Normalise(await Poppler.TextAsync(pdf));
        text.ShouldContain("Alpha box");
        text.ShouldContain("Beta bold");
        text.ShouldContain("Gamma page two");
    }

    [Fact]
    public async Task FromTo_SelectsPages_AndPaperFit_GivesA4Sheets()
    {
        using var second = await converter.ExportAsync(Encoding.UTF8.GetBytes(TwoShapes), "?from=2&to=2");
        var pdf = await second.Content.ReadAsByteArrayAsync();
        second.StatusCode.ShouldBe(HttpStatusCode.OK, Encoding.UTF8.GetString(pdf));
        (await Poppler.InfoAsync(pdf)).Pages.ShouldBe(1);
        var text = Normalise(await Poppler.TextAsync(pdf));
        text.ShouldContain("Gamma page two");
        text.ShouldNotContain("Alpha box");

        using var a4 = await converter.ExportAsync(Encoding.UTF8.GetBytes(TwoShapes), "?paper=a4&fit=true&border=20&background=%23ffeecc");
        var sheets = await a4.Content.ReadAsByteArrayAsync();
        a4.StatusCode.ShouldBe(HttpStatusCode.OK, Encoding.UTF8.GetString(sheets));
        var info = await Poppler.InfoAsync(sheets);
        info.Pages.ShouldBe(2);
        info.PageSizes.ShouldAllBe(s => Math.Abs(s.Width - 595.3) < 1.5 && Math.Abs(s.Height - 841.9) < 1.5);

        using var landscape = await converter.ExportAsync(Encoding.UTF8.GetBytes(TwoShapes), "?paper=letter&landscape=true&from=1&to=1");
        var wide = await Poppler.InfoAsync(await landscape.Content.ReadAsByteArrayAsync());
        wide.PageSizes[0].Width.ShouldBe(792, 1.5);
        wide.PageSizes[0].Height.ShouldBe(612, 1.5);
    }

    [Fact]
    public async Task CompressedPages_AreReadLikePlainOnes()
    {
        var model = """<mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/><mxCell id="2" value="Compressed label" vertex="1" parent="1"><mxGeometry width="160" height="40" as="geometry"/></mxCell></root></mxGraphModel>""";
        var file = $"""<mxfile><diagram name="Z">{Compress(model)}</diagram></mxfile>""";

        using var response = await converter.ExportAsync(Encoding.UTF8.GetBytes(file));

        var pdf = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, Encoding.UTF8.GetString(pdf));
        Normalise(await Poppler.TextAsync(pdf)).ShouldContain("Compressed label");
    }

    [Fact]
    public async Task RemoteImagesAndHtmlLabelUrls_AreNeverFetched()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var hits = 0;
        _ = Task.Run(async () =>
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync();
                Interlocked.Increment(ref hits);
            }
        });
        var beacon = $"http://127.0.0.1:{port}/beacon";
        var file = $"""
            <mxfile><diagram name="P"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>
            <mxCell id="2" value="" style="shape=image;image={beacon}.png;" vertex="1" parent="1"><mxGeometry width="80" height="80" as="geometry"/></mxCell>
            <mxCell id="3" value="&lt;img src=&quot;{beacon}.gif&quot; onerror=&quot;fetch('{beacon}/js')&quot;&gt;Tracked &lt;a href=&quot;{beacon}/a&quot;&gt;link&lt;/a&gt;&lt;style&gt;@import url({beacon}/css);&lt;/style&gt;" style="html=1;" vertex="1" parent="1"><mxGeometry x="100" width="160" height="80" as="geometry"/></mxCell>
            </root></mxGraphModel></diagram></mxfile>
            """;

        using var response = await converter.ExportAsync(Encoding.UTF8.GetBytes(file));

        var pdf = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, Encoding.UTF8.GetString(pdf));
        Normalise(await Poppler.TextAsync(pdf)).ShouldContain("Tracked");
        await Task.Delay(300);
        hits.ShouldBe(0, "the render page must not reach the network");
        listener.Stop();
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE mxfile [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><mxfile><diagram>&x;</diagram></mxfile>", 422, "DTD")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><mxfile>&lol2;</mxfile>", 422, "DTD")]
    [InlineData("{\"not\": \"xml\"}", 422, "well-formed")]
    [InlineData("<svg/>", 422, "<svg>")]
    [InlineData("<mxfile><diagram>not base64 !!</diagram></mxfile>", 422, "base64")]
    [InlineData("<mxfile></mxfile>", 422, "no pages")]
    public async Task HostileOrBrokenInput_IsANamed4xx_AndExportStillWorks(string input, int status, string named)
    {
        using (var refused = await converter.ExportAsync(Encoding.UTF8.GetBytes(input)))
        {
            ((int)refused.StatusCode).ShouldBe(status);
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await refused.Content.ReadAsStringAsync()).ShouldContain(named);
        }

        using var normal = await converter.ExportAsync(Encoding.UTF8.GetBytes(TwoShapes));
        normal.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task LimitBreaches_AreNamed()
    {
        var bomb = $"<mxfile><diagram>{Convert.ToBase64String(DeflateZeros(64 * 1024 * 1024))}</diagram></mxfile>";
        using (var inflated = await converter.ExportAsync(Encoding.UTF8.GetBytes(bomb)))
        {
            inflated.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
            (await inflated.Content.ReadAsStringAsync()).ShouldContain("MaxInflatedBytes");
        }

        var manyPages = "<mxfile>" + string.Concat(Enumerable.Repeat("<diagram name=\"p\"/>", 101)) + "</mxfile>";
        using (var pages = await converter.ExportAsync(Encoding.UTF8.GetBytes(manyPages)))
        {
            pages.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
            (await pages.Content.ReadAsStringAsync()).ShouldContain("100 pages");
        }

        var deep = "<mxGraphModel>" + string.Concat(Enumerable.Repeat("<a>", 100)) + string.Concat(Enumerable.Repeat("</a>", 100)) + "</mxGraphModel>";
        using (var nested = await converter.ExportAsync(Encoding.UTF8.GetBytes(deep)))
        {
            nested.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
            (await nested.Content.ReadAsStringAsync()).ShouldContain("64 levels");
        }

        var huge = """<mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/><mxCell id="2" value="big" vertex="1" parent="1"><mxGeometry width="20000" height="100" as="geometry"/></mxCell></root></mxGraphModel>""";
        using (var area = await converter.ExportAsync(Encoding.UTF8.GetBytes(huge)))
        {
            area.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
            (await area.Content.ReadAsStringAsync()).ShouldContain("15000 x 15000");
        }

        using (var scaled = await converter.ExportAsync(Encoding.UTF8.GetBytes(huge), "?paper=a4&fit=true"))
        {
            scaled.StatusCode.ShouldBe(HttpStatusCode.OK, "fit to a paper size makes the same diagram exportable");
        }
    }

    [Fact]
    public async Task SheetsWideAndTall_SpreadEachPageOverThatGridOfSheets_InTheChosenPaperAndOrientation()
    {
        // draw.io's "fit to 2 pages wide by 1 tall" on Letter landscape: the first page's two shapes over two sheets,
        // the left shape on the first sheet and the right one on the second.
        using var tiled = await converter.ExportAsync(Encoding.UTF8.GetBytes(TwoShapes), "?from=1&to=1&paper=letter&landscape=true&sheetsWide=2&sheetsTall=1&border=10");
        var pdf = await tiled.Content.ReadAsByteArrayAsync();
        tiled.StatusCode.ShouldBe(HttpStatusCode.OK, Encoding.UTF8.GetString(pdf));
        var info = await Poppler.InfoAsync(pdf);
        info.Pages.ShouldBe(2);
        info.PageSizes.ShouldAllBe(s => Math.Abs(s.Width - 792) < 1.5 && Math.Abs(s.Height - 612) < 1.5);
        var first = Normalise(await Poppler.TextAsync(pdf, 1));
        var second = Normalise(await Poppler.TextAsync(pdf, 2));
        first.ShouldContain("Alpha box");
        second.ShouldContain("bold");
        second.ShouldNotContain("Alpha", Case.Sensitive, "the second sheet shows the right part of the drawing only");

        // Both pages, A3 portrait, 1 wide by 2 tall: four sheets.
        using var both = await converter.ExportAsync(Encoding.UTF8.GetBytes(TwoShapes), "?paper=a3&sheetsWide=1&sheetsTall=2");
        var sheets = await Poppler.InfoAsync(await both.Content.ReadAsByteArrayAsync());
        sheets.Pages.ShouldBe(4);
        sheets.PageSizes.ShouldAllBe(s => Math.Abs(s.Width - 841.9) < 1.5 && Math.Abs(s.Height - 1190.6) < 1.5);
    }

    [Theory]
    [InlineData("?sheetsWide=2", "need a paper size")]
    [InlineData("?paper=a4&crop=true&sheetsTall=2", "need a paper size")]
    [InlineData("?paper=a4&sheetsWide=11", "sheetsWide must be a whole number from 1 to 10")]
    [InlineData("?paper=a4&sheetsTall=0", "sheetsTall must be a whole number from 1 to 10")]
    [InlineData("?paper=a4&sheetsTall=two", "sheetsTall must be")]
    [InlineData("?paper=a4&fit=true&sheetsWide=2", "not both")]
    [InlineData("?paper=a4&sheetsWide=10&sheetsTall=10", "200 sheets; the largest allowed is 100")]
    public async Task BadSheetOptions_Are422NamingTheOption(string query, string named)
    {
        using var refused = await converter.ExportAsync(Encoding.UTF8.GetBytes(TwoShapes), query);

        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync()).ShouldContain(named);
    }

    [Theory]
    [InlineData("?scale=0", "scale")]
    [InlineData("?scale=abc", "scale")]
    [InlineData("?fit=true", "fit needs a paper")]
    [InlineData("?paper=b7", "paper must be")]
    [InlineData("?background=red;x", "background")]
    [InlineData("?from=3", "2 page(s)")]
    [InlineData("?from=2&to=1", "to must be")]
    public async Task BadOptions_Are422NamingTheOption(string query, string named)
    {
        using var refused = await converter.ExportAsync(Encoding.UTF8.GetBytes(TwoShapes), query);

        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync()).ShouldContain(named);
    }

    [Fact]
    public async Task ManyExports_ReuseOneWarmBrowser()
    {
        for (var i = 0; i < 8; i++)
        {
            using var response = await converter.ExportAsync(Encoding.UTF8.GetBytes(TwoShapes.Replace("Alpha box", $"Alpha {i}", StringComparison.Ordinal)));
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        converter.Renderer.Launches.ShouldBe(1);
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t', '\f'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Up to three plain single-line labels per page, read straight from the file (not from our renderer).</summary>
    private static IEnumerable<string> SomeLabels(IReadOnlyList<DiagramFile.Page> pages) => pages.SelectMany(page =>
        System.Xml.Linq.XDocument.Parse(page.ModelXml).Descendants()
            .Where(e => e.Name.LocalName is "mxCell" && e.Attribute("vertex")?.Value == "1")
            .Select(e => e.Attribute("value")?.Value ?? string.Empty)
            .Where(v => v.Length is >= 4 and <= 24 && !v.Contains('<', StringComparison.Ordinal) && !v.Contains('&', StringComparison.Ordinal) && !v.Contains('\n', StringComparison.Ordinal) && v.Trim() == v)
            .Take(3));

    private static string Compress(string xml)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(Encoding.UTF8.GetBytes(Uri.EscapeDataString(xml)));
        }

        return Convert.ToBase64String(output.ToArray());
    }

    private static byte[] DeflateZeros(int count)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var written = 0; written < count; written += zeros.Length)
            {
                deflate.Write(zeros);
            }
        }

        return output.ToArray();
    }
}

/// <summary>Debian's poppler-utils (pdfinfo, pdftotext): an independent reader of the PDFs we produce.</summary>
internal static class Poppler
{
    public sealed record Info(int Pages, IReadOnlyList<(double Width, double Height)> PageSizes);

    public static async Task<Info> InfoAsync(byte[] pdf)
    {
        var output = await RunAsync("pdfinfo", pdf, "-f", "1", "-l", "1000");
        var pages = int.Parse(output.Split('\n').First(l => l.StartsWith("Pages:", StringComparison.Ordinal))[6..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var sizes = output.Split('\n')
            .Where(l => l.StartsWith("Page ", StringComparison.Ordinal) && l.Contains(" size:", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("size:", StringComparison.Ordinal) + 5)..].Trim().Split(' '))
            .Select(p => (double.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), double.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        return new Info(pages, sizes);
    }

    public static Task<string> TextAsync(byte[] pdf) => RunAsync("pdftotext", pdf, "{file}", "-");

    /// <summary>The text of one page (1-based).</summary>
    public static Task<string> TextAsync(byte[] pdf, int page) => RunAsync("pdftotext", pdf, "-f", $"{page}", "-l", $"{page}", "{file}", "-");

    private static async Task<string> RunAsync(string tool, byte[] pdf, params string[] args)
    {
        var file = System.IO.Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, pdf);
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg == "{file}" ? file : arg);
            }

            if (!args.Contains("{file}"))
            {
                start.ArgumentList.Add(file);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start (install poppler-utils).");
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {error}");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
