extern alias hostsim;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Diagrams.App.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Shouldly;
using Xunit;
using MintFit = hostsim::Diagrams.HostSim.MintFit;

namespace Diagrams.App.Tests.Forge;

/// <summary>
/// Issue 10: Forge answers a UI call within 25 s, so a job through /forge is cut at <c>Forge:UiCallTimeoutSeconds</c>;
/// long jobs go with a single-use, short-lived job ticket straight to the backend, under the same region, lockdown and audit.
/// </summary>
public sealed class ForgeJobTicketTests : IAsyncLifetime
{
    private const string Admin = "557058:forge-admin";
    private const string PlantUml = "@startuml\nA -> B\n@enduml\n";
    private const string UiOrigin = "https://abc123.cdn.example-forge.test";
    private TestSystem _system = null!;
    private TestConverter _eu = null!;
    private TestConverter _us = null!;

    public async Task InitializeAsync()
    {
        _eu = await TestConverter.StartAsync("EU");
        _us = await TestConverter.StartAsync("US");
        _system = await TestSystem.StartAsync(1, [.. _eu.AppArgs(), .. _us.AppArgs(), .. ForgeRequests.AppArgs, "--Forge:UiOrigins:0=https://*.cdn.example-forge.test"]);
    }

    public async Task DisposeAsync()
    {
        await _system.DisposeAsync();
        await _eu.DisposeAsync();
        await _us.DisposeAsync();
    }

    [Fact]
    public async Task Ticket_RunsTheJob_AtTheChosenRegionOnly_AndIsAudited()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);
        await SetAsync(site, new { dataGovernance = "US" });

        var (ticket, url) = await TicketAsync(site, "plantuml");
        url.ShouldStartWith(_system.PublicUrl.ToString().TrimEnd('/') + "/jobs/ticketed/plantuml");
        using var job = await TicketedAsync(ticket, new Uri(url).AbsolutePath, PlantUml);

        job.StatusCode.ShouldBe(HttpStatusCode.OK, await job.Content.ReadAsStringAsync());
        (await job.Content.ReadAsStringAsync()).ShouldContain("<svg");
        _us.Received.ShouldContain(r => r.Contains("plantuml", StringComparison.Ordinal));
        _eu.Received.ShouldBeEmpty();
        job.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([UiOrigin]);
        using var audit = await _system.ForgeAsync(site, HttpMethod.Get, "/api/jobs/audit", new MintFit(Principal: Admin));
        var rows = JsonDocument.Parse(await audit.Content.ReadAsStringAsync()).RootElement;
        rows.GetArrayLength().ShouldBe(1);
        rows[0].GetProperty("region").GetString().ShouldBe("US");
        rows[0].GetProperty("outcome").GetString().ShouldBe("200 ok");
    }

    [Fact]
    public async Task Ticket_UsedTwice_ForAnotherKind_Tampered_OrExpired_IsRefused_AndNothingReachesAConverter()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);
        var (ticket, _) = await TicketAsync(site, "plantuml");

        using (var wrongKind = await TicketedAsync(ticket, "/jobs/ticketed/pdf", PlantUml))
        {
            wrongKind.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await wrongKind.Content.ReadAsStringAsync()).ShouldContain("is for a plantuml job, not pdf");
        }

        var parts = ticket.Split('.');
        var payload = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(parts[1])).Replace("\"k\":\"plantuml\"", "\"k\":\"pdf\"", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
        using (var forged = await TicketedAsync(tampered, "/jobs/ticketed/pdf", PlantUml))
        {
            forged.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await forged.Content.ReadAsStringAsync()).ShouldContain("signature does not verify");
        }

        using (var expired = await TicketedAsync(SignedTicket(parts[1], exp: DateTimeOffset.UtcNow.AddSeconds(-1)), "/jobs/ticketed/plantuml", PlantUml))
        {
            expired.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await expired.Content.ReadAsStringAsync()).ShouldContain("expired");
        }

        using (var none = await TicketedAsync(null, "/jobs/ticketed/plantuml", PlantUml))
        {
            none.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        _eu.Received.ShouldBeEmpty();
        _us.Received.ShouldBeEmpty();
        using (var first = await TicketedAsync(ticket, "/jobs/ticketed/plantuml", PlantUml))
        {
            first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        }

        var received = _eu.Received.Count;
        using var again = await TicketedAsync(ticket, "/jobs/ticketed/plantuml", PlantUml);
        again.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await again.Content.ReadAsStringAsync()).ShouldContain("already used");
        _eu.Received.Count.ShouldBe(received);
        _us.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task Ticket_UsedOnOneInstance_IsRefusedOnAnotherSharingTheDatabase()
    {
        await using var system = await TestSystem.StartAsync(2, [.. _eu.AppArgs(), .. _us.AppArgs(), .. ForgeRequests.AppArgs]);
        var site = await system.Sim.InstallTenantAsync("confluence", Admin);
        using var issued = await system.ForgeAsync(site, HttpMethod.Post, "/api/jobs/tickets", new MintFit(Principal: Admin), JsonContent.Create(new { kind = "plantuml" }));
        var json = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement;
        var (ticket, path) = (json.GetProperty("ticket").GetString()!, new Uri(json.GetProperty("url").GetString()!).AbsolutePath);

        using var first = await TicketedAsync(ticket, path, PlantUml, system.Apps[0]);
        using var replay = await TicketedAsync(ticket, path, PlantUml, system.Apps[1]);

        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        replay.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await replay.Content.ReadAsStringAsync()).ShouldContain("already used");
        _eu.Received.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Ticket_RegionDown_Is503WithRetryAfter_ThatTheForgePageMayRead_AndNoOtherRegionRunsIt()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);
        await SetAsync(site, new { dataGovernance = "US" });
        var (ticket, url) = await TicketAsync(site, "plantuml");
        await _us.StopAsync();

        using var job = await TicketedAsync(ticket, new Uri(url).AbsolutePath, PlantUml);

        job.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, await job.Content.ReadAsStringAsync());
        job.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await job.Content.ReadAsStringAsync()).ShouldContain("US");
        job.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(10));
        job.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([UiOrigin]); // the page can read why
        _eu.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task Lockdown_RefusesTickets_AndATicketIssuedBeforeIt_AndUnknownKinds()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);
        using (var unknown = await _system.ForgeAsync(site, HttpMethod.Post, "/api/jobs/tickets", new MintFit(Principal: Admin), JsonContent.Create(new { kind = "exe" })))
        {
            unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await unknown.Content.ReadAsStringAsync()).ShouldContain("plantuml");
        }

        var (ticket, _) = await TicketAsync(site, "plantuml");
        await SetAsync(site, new { lockdown = true });

        using (var issued = await _system.ForgeAsync(site, HttpMethod.Post, "/api/jobs/tickets", new MintFit(Principal: Admin), JsonContent.Create(new { kind = "plantuml" })))
        {
            issued.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await issued.Content.ReadAsStringAsync()).ShouldContain("lockdown");
        }

        using var used = await TicketedAsync(ticket, "/jobs/ticketed/plantuml", PlantUml);
        used.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await used.Content.ReadAsStringAsync()).ShouldContain("lockdown");
        _eu.Received.ShouldBeEmpty();
        _us.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task Preflight_AnswersTheConfiguredForgeOriginOnly()
    {
        using var allowed = await PreflightAsync(UiOrigin);
        allowed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        allowed.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([UiOrigin]);
        allowed.Headers.GetValues("Access-Control-Allow-Methods").ShouldBe(["POST"]);
        allowed.Headers.Contains("Access-Control-Allow-Credentials").ShouldBeFalse();

        foreach (var origin in new[] { "https://evil.example", "https://a.b.cdn.example-forge.test", "http://abc123.cdn.example-forge.test", "https://cdn.example-forge.test.evil.example" })
        {
            using var refused = await PreflightAsync(origin);
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden, origin);
            refused.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse(origin);
        }
    }

    [Fact]
    public async Task SlowJob_ThroughForge_IsCutAtTheUiBudget_NamingTheTicketRoute_ButRunsWithATicket()
    {
        await using var slow = await SlowConverter.StartAsync(TimeSpan.FromSeconds(4));
        await using var system = await TestSystem.StartAsync(1, [.. ForgeRequests.AppArgs, $"--Regions:EU:Url={slow.Url}", $"--Regions:EU:Key={_eu.Key}", .. _us.AppArgs(),
            "--Forge:UiCallTimeoutSeconds=1", "--Regions:JobTimeoutSeconds=30"]);
        var site = await system.Sim.InstallTenantAsync("confluence", Admin);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        using (var cut = await system.ForgeAsync(site, HttpMethod.Post, "/api/jobs/plantuml", new MintFit(Principal: Admin), new StringContent(PlantUml)))
        {
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3.5));
            cut.StatusCode.ShouldBe(HttpStatusCode.GatewayTimeout);
            var problem = await cut.Content.ReadAsStringAsync();
            problem.ShouldContain("POST /forge/api/jobs/tickets");
            problem.ShouldContain("Forge:UiCallTimeoutSeconds");
        }

        using var issued = await system.ForgeAsync(site, HttpMethod.Post, "/api/jobs/tickets", new MintFit(Principal: Admin), JsonContent.Create(new { kind = "plantuml" }));
        var ticket = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("ticket").GetString()!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/jobs/ticketed/plantuml") { Content = new StringContent(PlantUml) };
        request.Headers.TryAddWithoutValidation("Authorization", $"Ticket {ticket}");
        using var ran = await system.App.Http.SendAsync(request);
        ran.StatusCode.ShouldBe(HttpStatusCode.OK, await ran.Content.ReadAsStringAsync());
        (await ran.Content.ReadAsStringAsync()).ShouldBe("slow");
        slow.Requests.ShouldBe(2);

        using var audit = await system.ForgeAsync(site, HttpMethod.Get, "/api/jobs/audit", new MintFit(Principal: Admin));
        var outcomes = JsonDocument.Parse(await audit.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(r => r.GetProperty("outcome").GetString()).ToList();
        outcomes.ShouldBe(["200 ok", "504 timeout"], ignoreOrder: true);
    }

    private async Task<(string Ticket, string Url)> TicketAsync(Site site, string kind)
    {
        using var response = await _system.ForgeAsync(site, HttpMethod.Post, "/api/jobs/tickets", new MintFit(Principal: Admin), JsonContent.Create(new { kind }));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var json = JsonDocument.Parse(body).RootElement;
        json.GetProperty("expiresInSeconds").GetInt32().ShouldBe(60);
        return (json.GetProperty("ticket").GetString()!, json.GetProperty("url").GetString()!);
    }

    private async Task<HttpResponseMessage> TicketedAsync(string? ticket, string path, string body, AppInstance? instance = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body) };
        request.Headers.TryAddWithoutValidation("Origin", UiOrigin);
        if (ticket is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"Ticket {ticket}");
        }

        return await (instance ?? _system.App).Http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PreflightAsync(string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/jobs/ticketed/pdf");
        request.Headers.TryAddWithoutValidation("Origin", origin);
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Method", "POST");
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Headers", "authorization, content-type");
        return await _system.App.Http.SendAsync(request);
    }

    /// <summary>A correctly signed ticket (the server's HKDF-derived key) with the issued payload but another expiry.</summary>
    private string SignedTicket(string issuedPayload, DateTimeOffset exp)
    {
        var json = JsonNodeOf(issuedPayload);
        json["exp"] = exp.ToUnixTimeSeconds();
        var signed = $"v1.{WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(json.ToJsonString()))}";
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromBase64String(_system.MasterKey), 32, [], "diagrams/forge-job-ticket/v1"u8.ToArray());
        return $"{signed}.{WebEncoders.Base64UrlEncode(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signed)))}";
    }

    private static System.Text.Json.Nodes.JsonObject JsonNodeOf(string payload) =>
        System.Text.Json.Nodes.JsonNode.Parse(WebEncoders.Base64UrlDecode(payload))!.AsObject();

    private async Task SetAsync(Site site, object settings)
    {
        using var put = await _system.ForgeAsync(site, HttpMethod.Put, "/api/settings", new MintFit(Principal: Admin), JsonContent.Create(settings));
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
    }

    /// <summary>A "converter" on a raw socket that reads the whole job, waits, then answers <c>slow</c>.</summary>
    private sealed class SlowConverter(TcpListener listener, TimeSpan delay) : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private int _requests;
        private Task _loop = Task.CompletedTask;

        public string Url => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

        public int Requests => Volatile.Read(ref _requests);

        public static Task<SlowConverter> StartAsync(TimeSpan delay)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var converter = new SlowConverter(listener, delay);
            converter._loop = converter.AcceptAsync();
            return Task.FromResult(converter);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            listener.Stop();
            await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(_stop.Token);
                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    var stream = client.GetStream();
                    var received = new List<byte>();
                    var buffer = new byte[16 * 1024];
                    while (!Complete(received))
                    {
                        var read = await stream.ReadAsync(buffer, _stop.Token);
                        if (read == 0)
                        {
                            return;
                        }

                        received.AddRange(buffer.AsSpan(0, read));
                    }

                    Interlocked.Increment(ref _requests);
                    await Task.Delay(delay, _stop.Token);
                    await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 4\r\nConnection: close\r\n\r\nslow"u8.ToArray(), _stop.Token);
                }
                catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
                {
                    // App gave up on this job (the UI budget) or the test ended.
                }
            }
        }

        private static bool Complete(List<byte> received)
        {
            var text = Encoding.ASCII.GetString(received.ToArray());
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0)
            {
                return false;
            }

            var length = text[..end].Split("\r\n").Select(h => h.Split(':', 2)).Where(h => h.Length == 2 && h[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                .Select(h => int.Parse(h[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
            return received.Count - (end + 4) >= length;
        }
    }
}
