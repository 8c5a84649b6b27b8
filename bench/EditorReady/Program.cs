using System.Globalization;
using Diagrams.App.Tests.Browser;
using Microsoft.Playwright;

// The macro editor's ready time in Chromium, one run: the largest .drawio fixture saved in a macro on the sandbox's
// Confluence page, opened for editing again and again (page in edit mode, the macro's Edit), in both modes. Each open
// is a fresh editor frame; the editor shell stamps data-ready-ms on #app (ms after the frame's navigation start) once
// window.diagramEditor has loaded the diagram. Run: dotnet run -c Release --project bench/EditorReady [-- runs]
var inv = CultureInfo.InvariantCulture;
var runs = args.Length > 0 ? int.Parse(args[0], inv) : 10;
var stdout = Console.Out;
Console.SetOut(TextWriter.Null); // the harness logs at Trace; figures go to stdout

var system = new BrowserSystem();
await system.InitializeAsync();
var fixtures = Diagrams.App.Tests.Converter.Fixtures.Folder;
var largest = Directory.GetFiles(fixtures, "*.drawio").OrderByDescending(f => new FileInfo(f).Length).First();
var name = Path.GetFileName(largest);
var bytes = await File.ReadAllBytesAsync(largest);
await using var session = await system.OpenAsync("bench-editor-ready");
var page = session.Page;
await page.GotoAsync(session.Sandbox.Confluence.PageUrl);
await session.UploadAsUserAsync(name, bytes);
await session.PutMacroAsync("bench", new Dictionary<string, string> { ["diagramName"] = name, ["revision"] = "1" });

var results = new List<(string Mode, List<double> Ready, int Cells)>();
foreach (var (mode, url) in new[] { ("Connect", session.Sandbox.Confluence.PageUrl), ("Forge", session.Sandbox.Confluence.ForgePageUrl) })
{
    var ready = new List<double>();
    var cells = 0;
    for (var i = 0; i < runs + 2; i++)
    {
        await page.GotoAsync(url);
        await page.ClickAsync("[data-testid=page-edit]");
        await page.ClickAsync("[data-testid=macro-edit-0]");
        var app = page.FrameLocator("[data-testid=editor-frame]").Locator("#app[data-ready-ms]");
        await app.WaitForAsync(new() { Timeout = 60_000 });
        if (i < 2)
        {
            continue; // warm-up: JIT, caches
        }

        ready.Add(double.Parse((await app.GetAttributeAsync("data-ready-ms"))!, inv));
        cells = await (await session.FrameAsync("editor-frame")).EvaluateAsync<int>("() => window.diagramEditor.cellCount()");
    }

    results.Add((mode, ready, cells));
}

Console.SetOut(stdout);
Console.WriteLine($"{name}: {bytes.Length} B, {runs} editor opens after 2 warm-up opens per mode");
foreach (var (mode, ready, cells) in results)
{
    var sorted = ready.Order().ToArray();
    Console.WriteLine(string.Create(inv, $"{mode,-8} editor ready (ms after the frame's navigation start, {cells} cells on the first page)  p50 {sorted[sorted.Length / 2],7:0.0}  min {sorted[0],7:0.0}  max {sorted[^1],7:0.0}"));
}

Console.SetOut(TextWriter.Null);
await session.DisposeAsync();
await system.DisposeAsync();
