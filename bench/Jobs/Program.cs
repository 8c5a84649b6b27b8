using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Diagrams.App.Tests.Infrastructure;
using Diagrams.Converter.Gliffy;
using Diagrams.Converter.Tools;
using Diagrams.Converter.Visio;

// Heavy jobs, one run: (1) Gliffy import vs merely parsing the same JSON, (1b) Visio import vs merely opening the
// same package, and one EMF image through the sandboxed emf2svg, (2) what the app's /api/jobs proxy adds over calling
// the regional Converter directly.
// Run: dotnet run -c Release --project bench/Jobs
var bytes = await File.ReadAllBytesAsync(FixturePath("Learndrawio.gliffy"));
var inv = CultureInfo.InvariantCulture;

// 1. In-process: GliffyImporter.Convert vs JsonDocument.Parse of the same bytes.
static double[] MeasureSync(Action action, int warmUp, int iterations)
{
    for (var i = 0; i < warmUp; i++)
    {
        action();
    }

    var times = new double[iterations];
    for (var i = 0; i < iterations; i++)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    }

    Array.Sort(times);
    return times;
}

static double Q(double[] sorted, double q) => sorted[(int)Math.Min(sorted.Length - 1, Math.Round(q * (sorted.Length - 1)))];

var limits = new GliffyLimits();
var outputLength = GliffyImporter.Convert(new MemoryStream(bytes), limits).Length;
var import = MeasureSync(() => GliffyImporter.Convert(new MemoryStream(bytes), limits), 50, 500);
var parse = MeasureSync(() => JsonDocument.Parse(bytes).Dispose(), 50, 500);
Console.WriteLine($"Gliffy fixture: {bytes.Length} B in, {outputLength} chars of mxfile out; 50 warm-up + 500 measured each");
Console.WriteLine(string.Create(inv, $"JsonDocument.Parse           mean {parse.Average(),9:0.0} us  p50 {Q(parse, 0.5),9:0.0} us  p95 {Q(parse, 0.95),9:0.0} us"));
Console.WriteLine(string.Create(inv, $"GliffyImporter.Convert       mean {import.Average(),9:0.0} us  p50 {Q(import, 0.5),9:0.0} us  p95 {Q(import, 0.95),9:0.0} us"));
Console.WriteLine(string.Create(inv, $"ratio import/parse           mean {import.Average() / parse.Average():0.00}  p50 {Q(import, 0.5) / Q(parse, 0.5):0.00}  p95 {Q(import, 0.95) / Q(parse, 0.95):0.00}"));

// 1b. In-process: VisioImporter.Convert of the .vsdx fixture vs merely opening it (zip inflated, every XML part parsed).
var vsdx = await File.ReadAllBytesAsync(FixturePath("HR-Recruiting-FlowchartB_start.vsdx"));
var visioLimits = new VisioLimits();
var visioLength = VisioImporter.Convert(new MemoryStream(vsdx), visioLimits).Length;
var visioImport = MeasureSync(() => VisioImporter.Convert(new MemoryStream(vsdx), visioLimits), 300, 500);
var visioOpen = MeasureSync(() => OpenPackage(vsdx), 300, 500);
Console.WriteLine($"Visio fixture: {vsdx.Length} B in, {visioLength} chars of mxfile out; 300 warm-up (tiered JIT) + 500 measured each");
Console.WriteLine(string.Create(inv, $"zip + XDocument of every part mean {visioOpen.Average(),9:0.0} us  p50 {Q(visioOpen, 0.5),9:0.0} us  p95 {Q(visioOpen, 0.95),9:0.0} us"));
Console.WriteLine(string.Create(inv, $"VisioImporter.Convert        mean {visioImport.Average(),9:0.0} us  p50 {Q(visioImport, 0.5),9:0.0} us  p95 {Q(visioImport, 0.95),9:0.0} us"));
Console.WriteLine(string.Create(inv, $"ratio import/open            mean {visioImport.Average() / visioOpen.Average():0.00}  p50 {Q(visioImport, 0.5) / Q(visioOpen, 0.5):0.00}  p95 {Q(visioImport, 0.95) / Q(visioOpen, 0.95):0.00}"));

// The same fixture with its own thumbnail (a 20 KB EMF) placed on the page: the whole service path, i.e. the import
// plus one bubblewrap start running emf2svg in a job folder.
var visio = new VisioImportService(new ToolRunner(Microsoft.Extensions.Options.Options.Create(new ToolOptions()), Microsoft.Extensions.Logging.Abstractions.NullLogger<ToolRunner>.Instance),
    Microsoft.Extensions.Options.Options.Create(new Diagrams.Converter.ConverterOptions()));
var withEmf = WithThumbnailOnPage(vsdx);
async Task<double[]> MeasureServiceAsync(byte[] input, int iterations)
{
    var times = new double[iterations];
    for (var i = -3; i < iterations; i++)
    {
        var folder = Directory.CreateTempSubdirectory("diagrams-bench-visio-");
        var start = Stopwatch.GetTimestamp();
        var result = await visio.ImportAsync(input, "bench.vsdx", folder.FullName, CancellationToken.None);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        folder.Delete(recursive: true);
        if (!result.Xml.Contains("image=data:image/svg+xml,", StringComparison.Ordinal) && input == withEmf)
        {
            throw new InvalidOperationException("The EMF was not converted.");
        }

        if (i >= 0)
        {
            times[i] = elapsed;
        }
    }

    Array.Sort(times);
    return times;
}

var serviceNoEmf = await MeasureServiceAsync(vsdx, 50);
var serviceEmf = await MeasureServiceAsync(withEmf, 50);
Console.WriteLine("VisioImportService, 3 warm-up + 50 measured each (job folder created and deleted inside the timing)");
Console.WriteLine(string.Create(inv, $"fixture (no EMF)             p50 {Q(serviceNoEmf, 0.5),7:0.00} ms  p95 {Q(serviceNoEmf, 0.95),7:0.00} ms"));
Console.WriteLine(string.Create(inv, $"fixture + 1 EMF (emf2svg)    p50 {Q(serviceEmf, 0.5),7:0.00} ms  p95 {Q(serviceEmf, 0.95),7:0.00} ms"));

// 2. Over loopback: POST the fixture to the EU Converter directly vs through the app's /api/jobs/gliffy.
// TestConverter logs at Trace to the console as well as to its capture; the console is muted from here on (the
// logger keeps the writer it finds at start) so terminal output does not time the requests. Figures go to stdout.
var stdout = Console.Out;
Console.SetOut(TextWriter.Null);
await using var eu = await TestConverter.StartAsync("EU");
await using var us = await TestConverter.StartAsync("US");
await using var system = await TestSystem.StartAsync(1, [.. eu.AppArgs(), .. us.AppArgs(), "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.AspNetCore=Warning"]);
var site = await system.Sim.InstallTenantAsync("confluence");
using var http = new HttpClient();
const int Iterations = 300;

string ServiceToken() => ServiceTokens.Sign(eu.Key);

ByteArrayContent Body()
{
    var content = new ByteArrayContent(bytes);
    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    return content;
}

async Task<double[]> MeasureAsync(Func<int, Task<HttpResponseMessage>> call)
{
    var times = new double[Iterations];
    for (var i = -20; i < Iterations; i++)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await call(i);
        var body = await response.Content.ReadAsStringAsync();
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (!response.IsSuccessStatusCode || !body.StartsWith("<mxfile", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
        }

        if (i >= 0)
        {
            times[i] = elapsed;
        }
    }

    Array.Sort(times);
    return times;
}

var directUrl = new Uri(eu.Url, "v1/import/gliffy");
var serviceToken = ServiceToken();
var direct = await MeasureAsync(async i =>
{
    if (i % 50 == 0)
    {
        serviceToken = ServiceToken(); // fresh every 50 requests, as the 60 s lifetime requires
    }

    using var request = new HttpRequestMessage(HttpMethod.Post, directUrl) { Content = Body() };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", serviceToken);
    return await http.SendAsync(request);
});
var contextToken = await system.Sim.ContextTokenAsync(site, lifetimeSeconds: 900); // minted once: not part of the timing
var viaApp = await MeasureAsync(async _ =>
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs/gliffy") { Content = Body() };
    request.Headers.Authorization = new AuthenticationHeaderValue("JWT", contextToken);
    return await system.App.Http.SendAsync(request);
});
stdout.WriteLine($"proxy: {Iterations} sequential POSTs of the fixture each (after 20 warm-up), response body read");
stdout.WriteLine(string.Create(inv, $"Converter direct /v1/import/gliffy   p50 {Q(direct, 0.5):0.00} ms  p95 {Q(direct, 0.95):0.00} ms"));
stdout.WriteLine(string.Create(inv, $"App /api/jobs/gliffy (proxied)       p50 {Q(viaApp, 0.5):0.00} ms  p95 {Q(viaApp, 0.95):0.00} ms"));
stdout.WriteLine(string.Create(inv, $"added by App                         p50 {Q(viaApp, 0.5) - Q(direct, 0.5):0.00} ms  p95 {Q(viaApp, 0.95) - Q(direct, 0.95):0.00} ms" +
                                     $"  (ratio p50 {Q(viaApp, 0.5) / Q(direct, 0.5):0.00}, p95 {Q(viaApp, 0.95) / Q(direct, 0.95):0.00})"));

static void OpenPackage(byte[] bytes)
{
    using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes, writable: false), System.IO.Compression.ZipArchiveMode.Read);
    foreach (var entry in zip.Entries)
    {
        using var stream = entry.Open();
        if (entry.FullName.EndsWith(".xml", StringComparison.Ordinal) || entry.FullName.EndsWith(".rels", StringComparison.Ordinal))
        {
            _ = System.Xml.Linq.XDocument.Load(stream);
        }
        else
        {
            stream.CopyTo(Stream.Null);
        }
    }
}

// The fixture with docProps/thumbnail.emf also stored as visio/media/image1.emf and shown by one Foreign shape.
static byte[] WithThumbnailOnPage(byte[] vsdx)
{
    using var source = new System.IO.Compression.ZipArchive(new MemoryStream(vsdx, writable: false), System.IO.Compression.ZipArchiveMode.Read);
    using var buffer = new MemoryStream();
    using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
    {
        void Add(string name, byte[] data)
        {
            using var s = zip.CreateEntry(name).Open();
            s.Write(data);
        }

        foreach (var entry in source.Entries)
        {
            using var s = entry.Open();
            using var copy = new MemoryStream();
            s.CopyTo(copy);
            var data = copy.ToArray();
            var text = System.Text.Encoding.UTF8.GetString(data);
            if (entry.FullName == "docProps/thumbnail.emf")
            {
                Add("visio/media/image1.emf", data);
            }
            else if (entry.FullName == "visio/pages/page1.xml")
            {
                data = System.Text.Encoding.UTF8.GetBytes(text.Replace("<Shapes>", "<Shapes><Shape ID='900' Type='Foreign'><Cell N='PinX' V='5'/><Cell N='PinY' V='1'/><Cell N='Width' V='2'/><Cell N='Height' V='1.2'/><ForeignData ForeignType='EnhMetaFile'><Rel r:id='rIdEmf'/></ForeignData></Shape>", StringComparison.Ordinal));
            }
            else if (entry.FullName == "visio/pages/_rels/page1.xml.rels")
            {
                data = System.Text.Encoding.UTF8.GetBytes(text.Replace("</Relationships>", "<Relationship Id=\"rIdEmf\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"../media/image1.emf\"/></Relationships>", StringComparison.Ordinal));
            }

            Add(entry.FullName, data);
        }
    }

    return buffer.ToArray();
}

// Same lookup as App.Tests' Fixtures.Path (internal there): walk up to a shared/fixtures folder.
static string FixturePath(string name)
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var file = Path.Combine(dir.FullName, "shared", "fixtures", name);
        if (File.Exists(file))
        {
            return file;
        }
    }

    throw new FileNotFoundException($"No shared/fixtures/{name} above {AppContext.BaseDirectory}.", name);
}
