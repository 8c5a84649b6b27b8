using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Diagrams.App.Connect;
using Diagrams.App.Tests.Infrastructure;
using Diagrams.Converter.Gliffy;

// Heavy jobs, one run: (1) Gliffy import vs merely parsing the same JSON, (2) what the app's /api/jobs proxy adds
// over calling the regional Converter directly.
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
var key = Convert.FromBase64String(eu.Key);
const int Iterations = 300;

string ServiceToken()
{
    var now = DateTimeOffset.UtcNow;
    return Hs256.Sign(new Dictionary<string, object>
    {
        ["iss"] = "diagrams-app",
        ["aud"] = "EU",
        ["iat"] = now.ToUnixTimeSeconds(),
        ["exp"] = now.AddSeconds(60).ToUnixTimeSeconds(),
    }, key);
}

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
