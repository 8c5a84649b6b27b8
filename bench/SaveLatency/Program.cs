extern alias hostsim;

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Diagrams.App.Platform.Connect;
using Diagrams.App.Tests.Attachments;
using Diagrams.App.Tests.Infrastructure;
using Diagrams.Atlassian;
using FaultSpec = hostsim::Diagrams.HostSim.FaultSpec;

// Save latency our API adds over HostSim's own handling (p50/p95, one run), and what a 429 storm costs.
// Run: dotnet run -c Release --project bench/SaveLatency [-- iterations]
var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300;
await using var system = await TestSystem.StartAsync(1, [.. DiagramRequests.AppArgs, "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.AspNetCore=Warning"]);
var site = await system.Sim.InstallTenantAsync();
await system.Sim.PutPageAsync(site, "100");
var secret = Encoding.UTF8.GetBytes(await system.Sim.SharedSecretAsync(site));
using var http = new HttpClient();
var xml = DiagramRequests.Mxfile("bench");

async Task<HttpResponseMessage> DirectAsync(HttpMethod method, string pathAndQuery, HttpContent? content)
{
    var uri = new Uri(site.BaseUrl + pathAndQuery);
    var now = DateTimeOffset.UtcNow;
    var token = Hs256.Sign(new Dictionary<string, object>
    {
        ["iss"] = "io.securediagrams.app",
        ["iat"] = now.ToUnixTimeSeconds(),
        ["exp"] = now.AddMinutes(3).ToUnixTimeSeconds(),
        ["qsh"] = Qsh.ForOutbound(method.Method, uri, new Uri(site.BaseUrl)),
    }, secret);
    using var request = new HttpRequestMessage(method, uri) { Content = content };
    request.Headers.Authorization = new AuthenticationHeaderValue("JWT", token);
    request.Headers.Add("X-Atlassian-Token", "no-check");
    return await http.SendAsync(request);
}

MultipartFormDataContent File(string name)
{
    var file = new ByteArrayContent(Encoding.UTF8.GetBytes(xml));
    file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.jgraph.mxfile");
    return new MultipartFormDataContent { { file, "file", name }, { new StringContent("true"), "minorEdit" } };
}

async Task<double[]> MeasureAsync(Func<int, Task<HttpResponseMessage>> call)
{
    var times = new double[iterations];
    for (var i = -20; i < iterations; i++)
    {
        var clock = Stopwatch.StartNew();
        using var response = await call(i);
        response.EnsureSuccessStatusCode();
        if (i >= 0)
        {
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
    }

    Array.Sort(times);
    return times;
}

static string P(double[] sorted, double q) => sorted[(int)Math.Min(sorted.Length - 1, Math.Round(q * (sorted.Length - 1)))].ToString("0.00", CultureInfo.InvariantCulture);

var directPut = await MeasureAsync(_ => DirectAsync(HttpMethod.Put, "/rest/api/content/100/child/attachment?status=current", File("direct")));
var directFind = await MeasureAsync(_ => DirectAsync(HttpMethod.Get, "/rest/api/content/100/child/attachment?filename=direct&status=current", null));
var contextToken = await system.Sim.ContextTokenAsync(site, lifetimeSeconds: 900); // minted once: not part of the timing
var viaApp = await MeasureAsync(async _ =>
{
    using var request = new HttpRequestMessage(HttpMethod.Put, "/api/diagrams/confluence/pages/100/viaapp") { Content = DiagramRequests.Form(xml) };
    request.Headers.Authorization = new AuthenticationHeaderValue("JWT", contextToken);
    return await system.App.Http.SendAsync(request);
});
var listViaApp = await MeasureAsync(async _ =>
{
    using var request = new HttpRequestMessage(HttpMethod.Get, "/api/diagrams/confluence/pages/100");
    request.Headers.Authorization = new AuthenticationHeaderValue("JWT", contextToken);
    return await system.App.Http.SendAsync(request);
});
var capabilities = await MeasureAsync(async _ =>
{
    using var request = new HttpRequestMessage(HttpMethod.Get, "/api/capabilities");
    request.Headers.Authorization = new AuthenticationHeaderValue("JWT", contextToken);
    return await system.App.Http.SendAsync(request);
});
Console.WriteLine($"GET /api/capabilities (JWT only)           p50 {P(capabilities, 0.5)} ms  p95 {P(capabilities, 0.95)} ms");
Console.WriteLine($"GET /api/diagrams list via App             p50 {P(listViaApp, 0.5)} ms  p95 {P(listViaApp, 0.95)} ms");
Console.WriteLine($"iterations: {iterations} sequential saves each (after 20 warm-up), {Encoding.UTF8.GetByteCount(xml)} B diagram, no preview");
Console.WriteLine($"HostSim PUT direct (signed as the app)     p50 {P(directPut, 0.5)} ms  p95 {P(directPut, 0.95)} ms");
Console.WriteLine($"HostSim version read direct (GET filename) p50 {P(directFind, 0.5)} ms  p95 {P(directFind, 0.95)} ms");
Console.WriteLine($"PUT /api/diagrams via App                 p50 {P(viaApp, 0.5)} ms  p95 {P(viaApp, 0.95)} ms");
Console.WriteLine($"added by App over HostSim's PUT            p50 {double.Parse(P(viaApp, 0.5), CultureInfo.InvariantCulture) - double.Parse(P(directPut, 0.5), CultureInfo.InvariantCulture):0.00} ms" +
                  $"  p95 {double.Parse(P(viaApp, 0.95), CultureInfo.InvariantCulture) - double.Parse(P(directPut, 0.95), CultureInfo.InvariantCulture):0.00} ms" +
                  $"  (ratio p50 {double.Parse(P(viaApp, 0.5), CultureInfo.InvariantCulture) / double.Parse(P(directPut, 0.5), CultureInfo.InvariantCulture):0.00})");

foreach (var (count, retryAfter) in new[] { (3, 1), (50, 0) })
{
    await system.Sim.ClearFaultsAsync();
    var firedBefore = (await system.Sim.FiredFaultsAsync()).Length;
    await system.Sim.AddFaultAsync(new FaultSpec("429", site.SiteId, "/child/attachment", "PUT", count, retryAfter));
    var clock = Stopwatch.StartNew();
    using var response = await system.SaveAsync(site, "/api/diagrams/confluence/pages/100/storm", xml);
    var fired = (await system.Sim.FiredFaultsAsync()).Length - firedBefore;
    Console.WriteLine($"429 storm ({count} x Retry-After {retryAfter} s): answer {(int)response.StatusCode}, {fired} rate-limited attempts, {(response.IsSuccessStatusCode ? fired : fired - 1)} retries, {clock.Elapsed.TotalSeconds:0.00} s total");
}
