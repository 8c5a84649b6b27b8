using System.Diagnostics;
using System.Globalization;
using Diagrams.Converter.Pdf;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

// PDF export, one run: a warm renderer (one Chromium, pooled tabs) vs launching a browser for every export,
// both rendering the largest .drawio fixture with every page. Run: dotnet run -c Release --project bench/Pdf
var fixtures = Diagrams.App.Tests.Converter.Fixtures.Folder;
var largest = Directory.GetFiles(fixtures, "*.drawio").OrderByDescending(f => new FileInfo(f).Length).First();
var options = new PdfOptions { PoolSize = 1, ExportsPerTab = 10_000 };
var pages = DiagramFile.Read(await File.ReadAllBytesAsync(largest), options).Select(p => p.ModelXml).ToList();
var request = new PdfRequest(1, null, 1, 10, null, false, null);
var inv = CultureInfo.InvariantCulture;
const int Warm = 30;
const int Cold = 8;

await using (var warm = new PdfRenderer(Options.Create(options), NullLogger<PdfRenderer>.Instance))
{
    await warm.RenderAsync(pages, request, CancellationToken.None); // launch + first tab, not measured
    var times = new double[Warm];
    var size = 0;
    for (var i = 0; i < Warm; i++)
    {
        var start = Stopwatch.GetTimestamp();
        size = (await warm.RenderAsync(pages, request, CancellationToken.None)).Length;
        times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    if (Environment.GetEnvironmentVariable("BENCH_PDF_OUT") is { Length: > 0 } outFile)
    {
        await File.WriteAllBytesAsync(outFile, await warm.RenderAsync(pages, request, CancellationToken.None));
    }

    Report($"warm renderer ({Warm} exports, 1 launch in all)", times, size);
    WarmMean = times.Average();
}

var cold = new double[Cold];
for (var i = 0; i < Cold; i++)
{
    var start = Stopwatch.GetTimestamp();
    await using (var renderer = new PdfRenderer(Options.Create(options), NullLogger<PdfRenderer>.Instance))
    {
        await renderer.RenderAsync(pages, request, CancellationToken.None);
    }

    cold[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}

Report($"browser launch per export ({Cold} exports)", cold, 0);
Console.WriteLine(string.Create(inv, $"ratio launch-per-export / warm (mean): {cold.Average() / WarmMean:0.0}x  — {Path.GetFileName(largest)}, {pages.Count} page(s)"));

void Report(string label, double[] times, int size)
{
    var sorted = times.Order().ToArray();
    Console.WriteLine(string.Create(inv, $"{label,-45} mean {sorted.Average(),8:0.0} ms  p50 {sorted[sorted.Length / 2],8:0.0} ms  max {sorted[^1],8:0.0} ms{(size > 0 ? $"  ({size} B PDF)" : string.Empty)}"));
}

internal static partial class Program
{
    private static double WarmMean { get; set; }
}
