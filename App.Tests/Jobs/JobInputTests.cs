using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Jobs;

/// <summary>A client's bad job input (too large, too slow, cut off, an unreadable Content-Type) is that client's 4xx, never the region's failure.</summary>
public sealed class JobInputTests : IAsyncLifetime
{
    private const string Admin = "admin-1";
    private const string Diagram = "@startuml\nAlice -> Bob: hello\n@enduml\n";
    private const int InputTimeoutSeconds = 3;
    private const string ChunkedText = "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n";
    private TestConverter _eu = null!;
    private TestConverter _us = null!;
    private TestSystem _system = null!;

    public async Task InitializeAsync()
    {
        _eu = await TestConverter.StartAsync("EU");
        _us = await TestConverter.StartAsync("US");
        _system = await TestSystem.StartAsync(1, [.. _eu.AppArgs(), .. _us.AppArgs(), $"--Regions:JobInputTimeoutSeconds={InputTimeoutSeconds}"]);
    }

    public async Task DisposeAsync()
    {
        await _system.DisposeAsync();
        await _eu.DisposeAsync();
        await _us.DisposeAsync();
    }

    [Fact]
    public async Task OneTenantsBadBodies_Are413And408ForIt_AndTheRegionStaysOpenForAnother()
    {
        var a = await _system.Sim.InstallTenantAsync("confluence", Admin);
        var b = await _system.Sim.InstallTenantAsync("confluence", Admin);

        var oversize = new List<(int Status, string Body)>();
        for (var i = 0; i < 3; i++)
        {
            oversize.Add(await RawJobAsync(a, WriteChunkedAsync(11 * 1024 * 1024)));
        }

        var slow = await Task.WhenAll(RawJobAsync(a, WriteTrickleAsync(bytes: 1, every: TimeSpan.FromSeconds(2))), RawJobAsync(a, WriteTrickleAsync(bytes: 1, every: TimeSpan.FromSeconds(2))));
        await CutOffJobAsync(a);
        var clock = Stopwatch.StartNew();
        using var valid = await JobAsync(b, "plantuml", Diagram);

        oversize.ShouldAllBe(r => r.Status == 413, string.Join("\n", oversize.Select(r => $"{r.Status} {r.Body}")));
        oversize[0].Body.ShouldContain("Regions:MaxJobBytes");
        slow.ShouldAllBe(r => r.Status == 408, string.Join("\n", slow.Select(r => $"{r.Status} {r.Body}")));
        slow[0].Body.ShouldContain("Regions:JobInputTimeoutSeconds");
        valid.StatusCode.ShouldBe(HttpStatusCode.OK, await valid.Content.ReadAsStringAsync());
        (await valid.Content.ReadAsStringAsync()).ShouldContain("<svg");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
        _us.Received.ShouldBeEmpty();
        var outcomes = await OutcomesAsync(a, expected: 6);
        outcomes.Count(o => o == "413 too-large").ShouldBe(3, string.Join(", ", outcomes));
        outcomes.Count(o => o == "408 client-too-slow").ShouldBe(2, string.Join(", ", outcomes));
        outcomes.Count(o => o == "408 client-aborted").ShouldBe(1, string.Join(", ", outcomes));
        (await OutcomesAsync(b, expected: 1)).ShouldBe(["200 ok"]);
    }

    [Fact]
    public async Task Trickle_AboveKestrelsMinimumRate_Is408AtTheJobInputTimeout()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);
        var clock = Stopwatch.StartNew();

        // 500 bytes a second: above Kestrel's 240 B/s minimum, so only Regions:JobInputTimeoutSeconds stops it.
        var (status, body) = await RawJobAsync(site, WriteTrickleAsync(bytes: 100, every: TimeSpan.FromMilliseconds(200)));

        status.ShouldBe(408, body);
        body.ShouldContain($"within {InputTimeoutSeconds} s (Regions:JobInputTimeoutSeconds)");
        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(InputTimeoutSeconds - 0.5));
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(InputTimeoutSeconds + 10));
        (await OutcomesAsync(site, expected: 1)).ShouldBe(["408 client-too-slow"]);
    }

    [Fact]
    public async Task SlowBody_BelowKestrelsMinimumRate_Is408_AndNotTheRegionsFailure()
    {
        // A budget longer than Kestrel's grace period: Kestrel's own minimum data rate (240 B/s after 5 s) ends it.
        await using var system = await TestSystem.StartAsync(1, [.. _eu.AppArgs(), .. _us.AppArgs(), "--Regions:JobInputTimeoutSeconds=60"]);
        var a = await system.Sim.InstallTenantAsync("confluence", Admin);
        var b = await system.Sim.InstallTenantAsync("confluence", Admin);
        var clock = Stopwatch.StartNew();

        var slow = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RawJobAsync(system, a, WriteTrickleAsync(bytes: 1, every: TimeSpan.FromSeconds(2)))));
        var elapsed = clock.Elapsed;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs/plantuml") { Content = new StringContent(Diagram) };
        request.Headers.Authorization = new AuthenticationHeaderValue("JWT", await system.Sim.ContextTokenAsync(b));
        using var valid = await system.App.Http.SendAsync(request);

        slow.ShouldAllBe(r => r.Status == 408, string.Join("\n", slow.Select(r => $"{r.Status} {r.Body}")));
        elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
        valid.StatusCode.ShouldBe(HttpStatusCode.OK, await valid.Content.ReadAsStringAsync());
        using var audit = await system.ApiAsync(a, HttpMethod.Get, "/api/jobs/audit", sub: Admin);
        var rows = JsonDocument.Parse(await audit.Content.ReadAsStringAsync()).RootElement;
        rows.EnumerateArray().Select(r => r.GetProperty("outcome").GetString()).ShouldAllBe(o => o!.StartsWith("408 ", StringComparison.Ordinal)); // "408 client-too-slow"
    }

    [Theory]
    [InlineData("a b")]
    [InlineData(";;;")]
    [InlineData("text/plain, application/json")]
    [InlineData("text/plain; charset=")]
    [InlineData("text")]
    public async Task UnreadableContentType_Is415NamingTheHeader_AndNothingIsForwarded(string contentType)
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs/plantuml") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Diagram)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType).ShouldBeTrue();
        request.Headers.Authorization = new AuthenticationHeaderValue("JWT", await _system.Sim.ContextTokenAsync(site));

        using var response = await _system.App.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("Content-Type");
        _eu.Received.ShouldBeEmpty();
        (await OutcomesAsync(site, expected: 1)).ShouldBe(["415 bad-content-type"]);
    }

    [Fact]
    public async Task SeveralContentTypeHeaders_Are415()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);
        var headers = $"Content-Type: text/plain\r\nContent-Type: application/json\r\nContent-Length: {Diagram.Length}\r\n";

        var (status, body) = await RawJobAsync(site, async stream => await stream.WriteAsync(Encoding.UTF8.GetBytes(Diagram)), headers);

        status.ShouldBe(415, body);
        _eu.Received.ShouldBeEmpty();
    }

    /// <summary>Sends one job over a raw connection (chunked unless <paramref name="headers"/> say otherwise) and reads the answer (body as sent, chunk framing included) while the body is still going out.</summary>
    private Task<(int Status, string Body)> RawJobAsync(Site site, Func<Stream, Task> writeBody, string headers = ChunkedText) => RawJobAsync(_system, site, writeBody, headers);

    private static async Task<(int Status, string Body)> RawJobAsync(TestSystem system, Site site, Func<Stream, Task> writeBody, string headers = ChunkedText)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, system.App.Url.Port);
        var stream = client.GetStream();
        var head = $"POST /api/jobs/plantuml HTTP/1.1\r\nHost: {system.App.Url.Authority}\r\nConnection: close\r\nAuthorization: JWT {await system.Sim.ContextTokenAsync(site)}\r\n{headers}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var stop = new CancellationTokenSource();
        var writing = Task.Run(async () =>
        {
            try
            {
                await writeBody(stream).WaitAsync(stop.Token);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The app answered and closed while the body was still going out.
            }
        });
        var answer = await ReadAnswerAsync(stream).WaitAsync(TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        client.Client.Close(0);
        await writing;
        var status = int.Parse(answer.AsSpan(9, 3), provider: System.Globalization.CultureInfo.InvariantCulture);
        return (status, answer[(answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
    }

    /// <summary>One answer: until its Content-Length or last chunk is in (Kestrel then drains the unread body a while), or the connection closes.</summary>
    private static async Task<string> ReadAnswerAsync(NetworkStream stream)
    {
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer);
            }
            catch (IOException) when (received.Length > 0)
            {
                break;
            }

            if (read == 0)
            {
                break;
            }

            received.Write(buffer, 0, read);
            var text = Encoding.UTF8.GetString(received.ToArray());
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var length = text.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
            if (end >= 0 && (length is not null
                ? Encoding.UTF8.GetByteCount(text[(end + 4)..]) >= int.Parse(length["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)
                : text.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal)))
            {
                break;
            }
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }

    private static Func<Stream, Task> WriteChunkedAsync(int total) => async stream =>
    {
        var chunk = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
        var frame = Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n").Concat(chunk).Concat("\r\n"u8.ToArray()).ToArray();
        for (var sent = 0; sent < total; sent += chunk.Length)
        {
            await stream.WriteAsync(frame);
        }

        await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
    };

    private static Func<Stream, Task> WriteTrickleAsync(int bytes, TimeSpan every) => async stream =>
    {
        var frame = Encoding.ASCII.GetBytes($"{bytes:x}\r\n{new string('x', bytes)}\r\n");
        for (var i = 0; i < 10_000; i++)
        {
            await stream.WriteAsync(frame);
            await stream.FlushAsync();
            await Task.Delay(every);
        }
    };

    /// <summary>Half a declared body, then the connection is reset: there is no one left to answer.</summary>
    private async Task CutOffJobAsync(Site site)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _system.App.Url.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /api/jobs/plantuml HTTP/1.1\r\nHost: {_system.App.Url.Authority}\r\nAuthorization: JWT {await _system.Sim.ContextTokenAsync(site)}\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n"));
        await stream.WriteAsync(new byte[50_000]);
        await Task.Delay(500);
        client.Client.LingerState = new LingerOption(true, 0);
        client.Client.Close(0); // RST
    }

    private async Task<HttpResponseMessage> JobAsync(Site site, string kind, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/jobs/{kind}") { Content = new StringContent(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("JWT", await _system.Sim.ContextTokenAsync(site));
        return await _system.App.Http.SendAsync(request);
    }

    /// <summary>The tenant's audit outcomes, once the expected number of rows is written (a cut-off job's row lands after its connection is gone).</summary>
    private async Task<string[]> OutcomesAsync(Site site, int expected)
    {
        var outcomes = Array.Empty<string>();
        for (var attempt = 0; attempt < 50 && outcomes.Length < expected; attempt++)
        {
            using var response = await _system.ApiAsync(site, HttpMethod.Get, "/api/jobs/audit", sub: Admin);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            outcomes = [.. JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(r => r.GetProperty("outcome").GetString()!)];
            if (outcomes.Length < expected)
            {
                await Task.Delay(200);
            }
        }

        return outcomes;
    }
}
