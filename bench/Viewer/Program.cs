using System.Globalization;
using System.IO.Compression;
using Diagrams.App.Tests.Browser;
using Microsoft.Playwright;

// The viewer in Chromium, one run: first render of the largest .drawio fixture inside the sandbox's Confluence page, in
// both modes on the same page and attachment: Connect (a full page load each time: all.js, the viewer bundle, a context
// token, the attachment through AP.request, maxGraph) and Forge (the Custom UI resource from the CDN origin with the bridge
// shim, getContext, the attachment through requestConfluence, maxGraph); and the gzipped size of every page bundle and
// Custom UI resource. Run: dotnet run -c Release --project bench/Viewer
var inv = CultureInfo.InvariantCulture;
var stdout = Console.Out;
Console.SetOut(TextWriter.Null); // the harness logs at Trace; figures go to stdout

var system = new BrowserSystem();
await system.InitializeAsync();
var fixtures = Diagrams.App.Tests.Converter.Fixtures.Folder;
var largest = Directory.GetFiles(fixtures, "*.drawio").OrderByDescending(f => new FileInfo(f).Length).First();
var name = Path.GetFileName(largest);
var bytes = await File.ReadAllBytesAsync(largest);
await using var session = await system.OpenAsync("bench-viewer");
var page = session.Page;
await page.GotoAsync(session.Sandbox.Confluence.PageUrl);
var upload = await page.APIRequest.PutAsync($"{system.System.Sim.Url}sites/{session.Sandbox.Confluence.SiteId}/wiki/rest/api/content/{session.Sandbox.Confluence.PageId}/child/attachment", new APIRequestContextOptions
{
    Headers = new Dictionary<string, string> { ["X-Atlassian-Token"] = "no-check" },
    Multipart = page.APIRequest.CreateFormData().Set("file", new FilePayload { Name = name, MimeType = "application/vnd.jgraph.mxfile", Buffer = bytes }),
});
await page.APIRequest.PutAsync($"{system.System.Sim.Url}sandbox/{session.Sandbox.Confluence.SiteId}/api/pages/{session.Sandbox.Confluence.PageId}/macros/bench",
    new APIRequestContextOptions { DataObject = new { @params = new Dictionary<string, string> { ["diagramName"] = name, ["revision"] = "1" } } });

const int Runs = 15;
var connect = await MeasureAsync(session.Sandbox.Confluence.PageUrl);
var forge = await MeasureAsync(session.Sandbox.Confluence.ForgePageUrl);

Console.SetOut(stdout);
Console.WriteLine($"{name}: {bytes.Length} B, {Runs} page loads after 2 warm-up loads per mode (upload {upload.Status})");
foreach (var (mode, fetchedVia, (firstRender, load, draw)) in new[] { ("Connect", "AP.request", connect), ("Forge", "requestConfluence", forge) })
{
    Report($"{mode}: first render (ms after the frame's navigation start)", firstRender);
    Report($"  of which: diagram fetch via {fetchedVia}", load);
    Report("  of which: maxGraph draw", draw);
}

Console.WriteLine(string.Create(inv, $"Forge / Connect first render at p50: {Median(forge.FirstRender) / Median(connect.FirstRender):0.00}"));
var root = RepoRoot();
foreach (var file in Directory.GetFiles(Path.Combine(root, "web", "dist", "app"), "*.js").Order(StringComparer.Ordinal))
{
    var gzipped = await GzipKiBAsync(file);
    Console.WriteLine(string.Create(inv, $"bundle {Path.GetFileName(file),-24} {new FileInfo(file).Length / 1024.0,7:0.0} KiB, gzip {gzipped,6:0.0} KiB"));
}

string[] resourceFiles = ["index.html", "index.js", "index.css"];
foreach (var resource in new[] { "viewer", "editor", "panel", "admin" })
{
    var files = resourceFiles.Select(f => Path.Combine(root, "forge", "static", resource, f)).ToArray();
    var sizes = new List<(string File, double Raw, double Gzip)>();
    foreach (var file in files)
    {
        sizes.Add((Path.GetFileName(file), new FileInfo(file).Length / 1024.0, await GzipKiBAsync(file)));
    }

    Console.WriteLine(string.Create(inv, $"Custom UI {resource,-7} {sizes.Sum(s => s.Raw),7:0.0} KiB, gzip {sizes.Sum(s => s.Gzip),6:0.0} KiB ({string.Join(", ", sizes.Select(s => $"{s.File} {s.Gzip:0.0}"))})"));
}

Console.SetOut(TextWriter.Null);
await session.DisposeAsync();
await system.DisposeAsync();

// Each load is a fresh navigation of the sandbox page; the viewer stamps its own timings on #app.
async Task<(List<double> FirstRender, List<double> Load, List<double> Draw)> MeasureAsync(string url)
{
    var (firstRender, load, draw) = (new List<double>(), new List<double>(), new List<double>());
    for (var i = 0; i < Runs + 2; i++)
    {
        await page.GotoAsync(url);
        var viewer = page.FrameLocator("[data-testid=macro-frame-0]").Locator("#app[data-cells]");
        await viewer.WaitForAsync(new() { Timeout = 60_000 });
        if (i < 2)
        {
            continue; // warm-up: JIT, caches
        }

        firstRender.Add(double.Parse((await viewer.GetAttributeAsync("data-first-render-ms"))!, inv));
        draw.Add(double.Parse((await viewer.GetAttributeAsync("data-draw-ms"))!, inv));
        load.Add(double.Parse((await viewer.GetAttributeAsync("data-load-ms"))!, inv));
    }

    return (firstRender, load, draw);
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static async Task<double> GzipKiBAsync(string file)
{
    using var buffer = new MemoryStream();
    await using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
    {
        await gzip.WriteAsync(await File.ReadAllBytesAsync(file));
    }

    return buffer.Length / 1024.0;
}

void Report(string label, List<double> values)
{
    var sorted = values.Order().ToArray();
    stdout.WriteLine(string.Create(inv, $"{label,-62} p50 {sorted[sorted.Length / 2],7:0.0}  min {sorted[0],7:0.0}  max {sorted[^1],7:0.0}"));
}

static string RepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Diagrams.sln")))
        {
            return dir.FullName;
        }
    }

    throw new DirectoryNotFoundException("Run the benchmark from the repository.");
}
