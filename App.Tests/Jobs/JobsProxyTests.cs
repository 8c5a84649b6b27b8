using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Jobs;

/// <summary>Heavy jobs go to the tenant's region and nowhere else, never under lockdown, always audited.</summary>
public sealed class JobsProxyTests : IAsyncLifetime
{
    private const string Admin = "admin-1";
    private const string Gliffy = """{"contentType":"application/gliffy+json","version":"1.3","stage":{"width":200,"height":100,"objects":[{"x":10,"y":10,"width":80,"height":40,"rotation":0,"id":1,"uid":"com.gliffy.shape.basic.basic_v1.default.rectangle","order":1,"graphic":{"type":"Shape","Shape":{"tid":"com.gliffy.stencil.rectangle.basic_v1","strokeWidth":2,"strokeColor":"#333333","fillColor":"#FFFFFF","gradient":false,"dropShadow":false,"opacity":1}},"children":[]}],"layers":[{"guid":"l1","order":0,"name":"Layer 0","active":true,"locked":false,"visible":true,"nodeIndex":1}]}}""";
    private TestConverter _eu = null!;
    private TestConverter _us = null!;
    private TestSystem _system = null!;

    public async Task InitializeAsync()
    {
        _eu = await TestConverter.StartAsync("EU");
        _us = await TestConverter.StartAsync("US");
        _system = await TestSystem.StartAsync(1, [.. _eu.AppArgs(), .. _us.AppArgs()]);
    }

    public async Task DisposeAsync()
    {
        await _system.DisposeAsync();
        await _eu.DisposeAsync();
        await _us.DisposeAsync();
    }

    [Theory]
    [InlineData("EU")]
    [InlineData("US")]
    public async Task Gliffy_RunsAtTheTenantsRegionOnly_AndIsAudited(string region)
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);
        await SetAsync(site, new { dataGovernance = region });

        using var response = await JobAsync(site, "gliffy", Gliffy);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadAsStringAsync()).ShouldStartWith("<mxfile");
        var (chosen, other) = region == "EU" ? (_eu, _us) : (_us, _eu);
        chosen.Received.ShouldContain("POST /v1/import/gliffy");
        other.Received.ShouldBeEmpty();
        var audit = await AuditAsync(site);
        audit.GetArrayLength().ShouldBe(1);
        audit[0].GetProperty("region").GetString().ShouldBe(region);
        audit[0].GetProperty("kind").GetString().ShouldBe("gliffy");
        audit[0].GetProperty("bytesIn").GetInt64().ShouldBe(System.Text.Encoding.UTF8.GetByteCount(Gliffy));
        audit[0].GetProperty("bytesOut").GetInt64().ShouldBeGreaterThan(100);
        audit[0].GetProperty("outcome").GetString().ShouldBe("200 ok");
    }

    [Theory]
    [InlineData("gliffy")]
    [InlineData("pdf")]
    [InlineData("plantuml")]
    public async Task Canary_ThroughAJob_AppearsNowhereAtRest(string kind)
    {
        var started = DateTime.UtcNow.AddSeconds(-1);
        var canary = "canary" + Guid.NewGuid().ToString("N");
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);
        var input = kind switch
        {
            "gliffy" => Gliffy.Replace("\"children\":[]", $$$"""
                "children":[{"x":2,"y":2,"width":76,"height":36,"rotation":0,"id":2,"uid":null,"order":2,"graphic":{"type":"Text","Text":{"html":"<p>{{{canary}}}</p>","valign":"middle","overflow":"none","vposition":"none","hposition":"none"}},"children":[]}]
                """.Trim(), StringComparison.Ordinal),
            "pdf" => $"""<mxfile><diagram name="P"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/><mxCell id="2" value="{canary}" vertex="1" parent="1"><mxGeometry width="400" height="40" as="geometry"/></mxCell></root></mxGraphModel></diagram></mxfile>""",
            _ => $"@startuml\nAlice -> Bob: {canary}\n@enduml\n",
        };

        using var response = await JobAsync(site, kind, input);

        var output = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, System.Text.Encoding.UTF8.GetString(output));
        var passedThrough = kind == "pdf" ? await Converter.Poppler.TextAsync(output) : System.Text.Encoding.UTF8.GetString(output);
        passedThrough.ShouldContain(canary); // it did pass through
        (await _system.Database.AllTextAsync()).ShouldAllBe(row => !row.Contains(canary, StringComparison.Ordinal));
        _system.AllLogLines().Concat(_eu.Logs.Lines).ShouldAllBe(line => !line.Contains(canary, StringComparison.Ordinal));
        _eu.Logs.Lines.ShouldContain(line => line.Contains($"Job {kind} finished", StringComparison.Ordinal));
        var jobFolder = _eu.Logs.Lines.Last(line => line.Contains($"Job {kind} works in ", StringComparison.Ordinal)).Split(" works in ")[1].TrimEnd().TrimEnd('.');
        Path.GetDirectoryName(jobFolder).ShouldBe(_eu.WorkFolder); // Converter:WorkFolder is where jobs work
        Directory.Exists(jobFolder).ShouldBeFalse(); // the job's private folder is gone
        Directory.EnumerateFileSystemEntries(_eu.WorkFolder).ShouldBeEmpty();
        var temp = new DirectoryInfo(Path.GetTempPath());
        // Everything written under the temp folder since the job started: Chromium's profile (PDF) and the
        // sandboxes' private folders included.
        temp.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Where(f => f.LastWriteTimeUtc >= started && f.Length is > 0 and < 16 * 1024 * 1024)
            .ShouldAllBe(f => !SafeRead(f).Contains(canary, StringComparison.Ordinal));
    }

    private static string SafeRead(FileInfo file)
    {
        try
        {
            return File.ReadAllText(file.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    [Fact]
    public async Task Visio_VsdxFixtureImportsThroughTheProxy_AFakeLegacyFileIs422()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);
        var vsdx = await File.ReadAllBytesAsync(Diagrams.App.Tests.Converter.Fixtures.Path("HR-Recruiting-FlowchartB_start.vsdx"));

        using var imported = await BinaryJobAsync(site, "visio", vsdx, "HR-Recruiting-FlowchartB_start.vsdx");
        using var legacy = await BinaryJobAsync(site, "visio", [1, 2, 3], "old.vsd");
        using var bomb = await BinaryJobAsync(site, "visio", vsdx.AsSpan(0, vsdx.Length / 2).ToArray(), "cut.vsdx");

        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        (await imported.Content.ReadAsStringAsync()).ShouldContain("Hiring need reported");
        legacy.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, "not a real .vsd: libvisio cannot read it");
        (await legacy.Content.ReadAsStringAsync()).ShouldContain(".vsd");
        bomb.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await bomb.Content.ReadAsStringAsync()).ShouldContain("zip");
    }

    private async Task<HttpResponseMessage> BinaryJobAsync(Site site, string kind, byte[] body, string fileName)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/jobs/{kind}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.ms-visio.drawing");
        request.Headers.Add("X-File-Name", fileName);
        request.Headers.Authorization = new AuthenticationHeaderValue("JWT", await _system.Sim.ContextTokenAsync(site));
        return await _system.App.Http.SendAsync(request);
    }

    [Fact]
    public async Task EuTenant_WhileEuIsDown_Gets503AndNothingReachesUs()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);
        await _eu.StopAsync();

        using var response = await JobAsync(site, "gliffy", Gliffy);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync()).ShouldContain("EU region");
        _us.Received.ShouldBeEmpty();
        (await AuditAsync(site))[0].GetProperty("outcome").GetString().ShouldBe("503 region-down");
    }

    [Fact]
    public async Task EuBreakerOpen_PausesEuJobsOnly_UsJobsStillRun()
    {
        var euSite = await _system.Sim.InstallTenantAsync("confluence", Admin);
        var usSite = await _system.Sim.InstallTenantAsync("confluence", Admin);
        await SetAsync(usSite, new { dataGovernance = "US" });
        await _eu.StopAsync();

        var refused = new List<(HttpStatusCode Status, string Body)>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await JobAsync(euSite, "gliffy", Gliffy);
            refused.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        using var usJob = await JobAsync(usSite, "gliffy", Gliffy);

        refused.ShouldAllBe(r => r.Status == HttpStatusCode.ServiceUnavailable);
        refused[^1].Body.ShouldContain("calls are paused"); // EU's breaker is open
        usJob.StatusCode.ShouldBe(HttpStatusCode.OK, await usJob.Content.ReadAsStringAsync());
        _us.Received.ShouldContain("POST /v1/import/gliffy");
    }

    [Fact]
    public async Task Lockdown_RefusesBeforeSendingAnything()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);
        await SetAsync(site, new { lockdown = true });

        using var response = await JobAsync(site, "gliffy", Gliffy);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"code\":\"lockdown\"");
        _eu.Received.ShouldBeEmpty();
        _us.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task Audit_IsForAdminsOnly()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);

        using var response = await _system.ApiAsync(site, HttpMethod.Get, "/api/jobs/audit", sub: "someone-else");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task UnknownKind_Is404ProblemDetails()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);

        using var response = await JobAsync(site, "nope", "<mxfile/>");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task PdfJob_PassesItsOptionsToTheRegionsConverter_AndReturnsThePdf()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);
        const string Diagram = """<mxfile><diagram name="P"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/><mxCell id="2" value="Proxy PDF" vertex="1" parent="1"><mxGeometry width="120" height="40" as="geometry"/></mxCell></root></mxGraphModel></diagram></mxfile>""";

        using var response = await JobAsync(site, "pdf?paper=a4&fit=true", Diagram);

        var pdf = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, System.Text.Encoding.UTF8.GetString(pdf));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        pdf[..5].ShouldBe("%PDF-"u8.ToArray());
        _eu.Received.ShouldContain("POST /v1/export/pdf");
        _us.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task Converter_StallingMidAnswer_IsCutAtTheJobTimeLimit_AndAudited()
    {
        // A "converter" that answers its headers and a few bytes, then holds the connection open and says nothing.
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var release = new CancellationTokenSource();
        var stalled = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var request = new List<byte>();
            var buffer = new byte[64 * 1024];
            while (!RequestComplete(request))
            {
                var read = await stream.ReadAsync(buffer);
                read.ShouldBeGreaterThan(0, "App closed the connection before sending the whole job");
                request.AddRange(buffer.AsSpan(0, read));
            }

            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.jgraph.mxfile\r\nContent-Length: 100000\r\n\r\n<mxfile>"u8.ToArray());
            await Task.Delay(Timeout.Infinite, release.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var system = await TestSystem.StartAsync(1, [$"--Regions:EU:Url=http://127.0.0.1:{port}", $"--Regions:EU:Key={_eu.Key}", .. _us.AppArgs(), "--Regions:JobTimeoutSeconds=2"]);
        var site = await system.Sim.InstallTenantAsync("confluence", Admin);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs/gliffy") { Content = new StringContent(Gliffy) };
        request.Headers.Authorization = new AuthenticationHeaderValue("JWT", await system.Sim.ContextTokenAsync(site));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        using var response = await system.App.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var reading = response.Content.ReadAsStringAsync();
        var ended = await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(20)));

        ended.ShouldBe(reading, "App must end the answer when the job time limit runs out");
        await Should.ThrowAsync<HttpRequestException>(reading); // cut, not a short body that looks complete
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
        // The row is written when App gives up on the stalled body, which can be a moment after the client saw the cut.
        var rows = await AuditRowsAsync(system, site, atLeast: 1);
        rows[0].GetProperty("outcome").GetString().ShouldBe("504 timeout");
        rows[0].GetProperty("bytesOut").GetInt64().ShouldBe(8); // "<mxfile>"
        await release.CancelAsync();
        await stalled;
    }

    private static async Task<JsonElement> AuditRowsAsync(TestSystem system, Site site, int atLeast)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var audit = await system.ApiAsync(site, HttpMethod.Get, "/api/jobs/audit", sub: Admin);
            var rows = JsonDocument.Parse(await audit.Content.ReadAsStringAsync()).RootElement;
            if (rows.GetArrayLength() >= atLeast || attempt == 50)
            {
                return rows;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Headers and a body of the Gliffy job's length have arrived.</summary>
    private static bool RequestComplete(List<byte> received)
    {
        var end = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(received).IndexOf("\r\n\r\n"u8);
        return end >= 0 && received.Count - (end + 4) >= System.Text.Encoding.UTF8.GetByteCount(Gliffy);
    }

    [Fact]
    public async Task Input_OverTheLimit_Answers413WithoutForwarding()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);

        using var response = await JobAsync(site, "gliffy", new string(' ', 11 * 1024 * 1024));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        _eu.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task EmbeddedDefault_InDevelopmentWithoutRegions_RunsJobsOnLocalConverters()
    {
        await using var system = await TestSystem.StartAsync(1, Sandbox.LocalConverters.AddTo, "--environment=Development");
        var site = await system.Sim.InstallTenantAsync("confluence", Admin);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs/gliffy") { Content = new StringContent(Gliffy) };
        request.Headers.Authorization = new AuthenticationHeaderValue("JWT", await system.Sim.ContextTokenAsync(site));
        using var response = await system.App.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadAsStringAsync()).ShouldStartWith("<mxfile");
        system.App.Logs.Lines.ShouldContain(l => l.Contains("Local EU converter", StringComparison.Ordinal));
    }

    private async Task<HttpResponseMessage> JobAsync(Site site, string kind, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/jobs/{kind}") { Content = new StringContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("JWT", await _system.Sim.ContextTokenAsync(site));
        return await _system.App.Http.SendAsync(request);
    }

    private async Task SetAsync(Site site, object settings)
    {
        using var response = await _system.ApiAsync(site, HttpMethod.Put, "/api/settings", settings, sub: Admin, ifMatch: "*");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<JsonElement> AuditAsync(Site site)
    {
        using var response = await _system.ApiAsync(site, HttpMethod.Get, "/api/jobs/audit", sub: Admin);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
