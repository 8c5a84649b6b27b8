using System.Diagnostics;
using System.Globalization;
using System.Text;
using Diagrams.Converter.PlantUml;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

// Warm pool (PlantUmlRenderer, bwrap sandbox) vs one fresh `/usr/bin/plantuml -pipe` process per diagram,
// sequential renders of small sequence diagrams, ratio from one run.
// Run: dotnet run -c Release --project bench/PlantUml [-- diagrams] [-- sandbox: bwrap|none]
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var options = new PlantUmlOptions { Sandbox = args.Length > 1 ? args[1] : "bwrap" };
string Diagram(int i) => $"@startuml\nparticipant Alice{i}\nparticipant Bob{i}\nAlice{i} -> Bob{i}: request {i}\nBob{i} --> Alice{i}: reply\n@enduml";

using var renderer = new PlantUmlRenderer(Options.Create(options), NullLogger<PlantUmlRenderer>.Instance);
var clock = Stopwatch.StartNew();
await renderer.RenderAsync(Diagram(-1), PlantUmlFormat.Svg, CancellationToken.None);
var firstMs = clock.Elapsed.TotalMilliseconds;
for (var i = 0; i < 5; i++)
{
    await renderer.RenderAsync(Diagram(-2 - i), PlantUmlFormat.Svg, CancellationToken.None); // JIT warm-up
}

var warm = await MeasureAsync(i => renderer.RenderAsync(Diagram(i), PlantUmlFormat.Svg, CancellationToken.None));
var fresh = await MeasureAsync(FreshAsync);

Console.WriteLine(FormattableString.Invariant($"PlantUML, {count} sequential SVG renders each (sandbox={options.Sandbox} for the pool)"));
Console.WriteLine(FormattableString.Invariant($"pool first render (JVM start in sandbox): {firstMs:F0} ms"));
Print("warm pool", warm);
Print("fresh plantuml per diagram", fresh);
Console.WriteLine(FormattableString.Invariant($"ratio fresh/warm (mean): {fresh.Average() / warm.Average():F1}x"));

async Task<double[]> MeasureAsync(Func<int, Task<byte[]>> render)
{
    var times = new double[count];
    for (var i = 0; i < count; i++)
    {
        var watch = Stopwatch.StartNew();
        var image = await render(i);
        times[i] = watch.Elapsed.TotalMilliseconds;
        if (image.Length < 100)
        {
            throw new InvalidOperationException("Empty render.");
        }
    }

    Array.Sort(times);
    return times;
}

async Task<byte[]> FreshAsync(int i)
{
    var start = new ProcessStartInfo("/usr/bin/plantuml", ["-pipe", "-tsvg", "-charset", "UTF-8"])
    {
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
    start.Environment["PLANTUML_SECURITY_PROFILE"] = "SANDBOX";
    using var process = Process.Start(start)!;
    await process.StandardInput.BaseStream.WriteAsync(Encoding.UTF8.GetBytes(Diagram(i) + "\n"));
    process.StandardInput.Close();
    var stderr = process.StandardError.ReadToEndAsync();
    using var output = new MemoryStream();
    await process.StandardOutput.BaseStream.CopyToAsync(output);
    await process.WaitForExitAsync();
    await stderr;
    return output.ToArray();
}

void Print(string name, double[] sorted) => Console.WriteLine(FormattableString.Invariant(
    $"{name,-28} mean {sorted.Average(),7:F0} ms   p50 {sorted[sorted.Length / 2],7:F0} ms   max {sorted[^1],7:F0} ms"));
