extern alias hostsim;

using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;
using FaultSpec = hostsim::Diagrams.HostSim.FaultSpec;

namespace Diagrams.App.Tests.Attachments;

/// <summary>Every fault mode HostSim injects: rate limits, outages, slow answers, dropped connections.</summary>
public sealed class HostFaultTests : IAsyncLifetime
{
    private const string Base = "/api/diagrams/confluence/pages/100";
    private TestSystem _system = null!;
    private Site _site = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(1, DiagramRequests.AppArgs);
        _site = await _system.Sim.InstallTenantAsync();
        await _system.Sim.PutPageAsync(_site, "100");
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Save_RateLimitedTwice_HonoursRetryAfterAndSucceedsWithOneVersion(bool betaHeader)
    {
        await Fault("429", "PUT", count: 2, retryAfter: 1, beta: betaHeader);
        var clock = Stopwatch.StartNew();

        using var response = await _system.SaveAsync(_site, Base + "/d", DiagramRequests.Mxfile("x"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9)); // two waits of Retry-After: 1
        (await _system.Sim.FiredFaultsAsync()).Length.ShouldBe(2);
        await ShouldHaveVersionsAsync("d", 1);
    }

    [Fact]
    public async Task Save_RateLimitedBeyondTheCap_Answers429WithRetryAfterAndDoesNotWait()
    {
        await Fault("429", "PUT", count: 10, retryAfter: 120);

        using var response = await _system.SaveAsync(_site, Base + "/d", DiagramRequests.Mxfile("x"));

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(120));
        (await response.Content.ReadAsStringAsync()).ShouldContain("120 s");
        (await _system.Sim.FiredFaultsAsync()).Length.ShouldBe(1);
    }

    [Fact]
    public async Task Save_RateLimitStorm_GivesUpAfterFourRetries()
    {
        await Fault("429", "PUT", count: 50, retryAfter: 0);

        using var response = await _system.SaveAsync(_site, Base + "/d", DiagramRequests.Mxfile("x"));

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await _system.Sim.FiredFaultsAsync()).Length.ShouldBe(5); // 1 attempt + 4 retries
        await ShouldHaveVersionsAsync("d", 0);
    }

    [Fact]
    public async Task Save_RetriedAfterRateLimits_LogsEachRetryButNeverTheSitesUrl()
    {
        await Fault("429", "PUT", count: 2, retryAfter: 0);

        using var response = await _system.SaveAsync(_site, Base + "/d", DiagramRequests.Mxfile("x"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var lines = _system.AllLogLines().ToList();
        lines.Count(l => l.Contains("Host call retry", StringComparison.Ordinal)).ShouldBe(2);
        var site = new Uri(_site.BaseUrl).Authority;
        lines.ShouldAllBe(l => !l.Contains(site, StringComparison.Ordinal)); // Polly's own log lines would name the pipeline instance, the site's origin
    }

    [Fact]
    public async Task Save_WithMaxRetriesZero_IsTriedOnceAndAnswersTheSitesRateLimit()
    {
        await using var once = await _system.StartAppAsync(TestSystem.FreePort(), [.. DiagramRequests.AppArgs, "--Connect:HostCalls:MaxRetries=0"]);
        await Fault("429", "PUT", count: 5, retryAfter: 0);

        using var response = await _system.SaveAsync(_site, Base + "/d", DiagramRequests.Mxfile("x"), instance: once);

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, await response.Content.ReadAsStringAsync());
        (await _system.Sim.FiredFaultsAsync()).Length.ShouldBe(1);
    }

    [Fact]
    public async Task Save_503WithoutRetryAfter_IsNotRetried_With_IsRetried()
    {
        await Fault("503", "PUT");
        using (var refused = await _system.SaveAsync(_site, Base + "/d", DiagramRequests.Mxfile("x")))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        }

        await Fault("503", "PUT", retryAfter: 1);
        using var retried = await _system.SaveAsync(_site, Base + "/d", DiagramRequests.Mxfile("x"));

        retried.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _system.Sim.FiredFaultsAsync()).Length.ShouldBe(2);
        await ShouldHaveVersionsAsync("d", 1);
    }

    [Fact]
    public async Task Read_503AndSlowAnswers_AreRetried()
    {
        using (var saved = await _system.SaveAsync(_site, Base + "/d", DiagramRequests.Mxfile("x")))
        {
            saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await Fault("503", "GET");
        await Fault("slow", "GET", delayMs: 3000); // beyond the 2 s attempt timeout

        using var list = await _system.SendAsync(_site, HttpMethod.Get, Base);

        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _system.Sim.FiredFaultsAsync()).Length.ShouldBe(2);
    }

    [Fact]
    public async Task Read_AnswerStallingMidBody_Is504WithinTheAnswerTimeout()
    {
        using (var saved = await _system.SaveAsync(_site, Base + "/d", DiagramRequests.Mxfile("x")))
        {
            saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await Fault("stall-body", "GET", delayMs: 20_000); // headers and half the JSON, then silence
        var clock = Stopwatch.StartNew();

        using var list = await _system.SendAsync(_site, HttpMethod.Get, Base);

        list.StatusCode.ShouldBe(HttpStatusCode.GatewayTimeout, await list.Content.ReadAsStringAsync());
        (await list.Content.ReadAsStringAsync()).ShouldContain("did not answer in time");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(12)); // AnswerTimeoutSeconds=2 here, not the site's 20 s of silence
    }

    [Theory]
    [InlineData("drop-after-processing")]
    [InlineData("reset-before-processing")]
    [InlineData("slow")]
    [InlineData("stall-body")] // the site stored it, then its answer broke off halfway
    public async Task Save_AmbiguousFailure_ChecksTheSiteFirst_NeverTwoVersions(string kind)
    {
        using (var first = await _system.SaveAsync(_site, Base + "/d", DiagramRequests.Mxfile("first")))
        {
            first.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await Fault(kind, "PUT", delayMs: kind switch { "slow" => 3000, "stall-body" => 20_000, _ => null });

        using var response = await _system.SaveAsync(_site, Base + "/d", DiagramRequests.Mxfile("second"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt32().ShouldBe(2);
        await ShouldHaveVersionsAsync("d", 2);
    }

    [Fact]
    public async Task Download_RedirectToAForeignHost_IsRefused()
    {
        using (var saved = await _system.SaveAsync(_site, Base + "/d", DiagramRequests.Mxfile("x")))
        {
            saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await _system.Sim.SetMediaBaseAsync(_site, $"http://127.0.0.2:{_system.Sim.Url.Port}");

        using var response = await _system.SendAsync(_site, HttpMethod.Get, Base + "/d");

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        (await response.Content.ReadAsStringAsync()).ShouldContain("outside the allowlist");
        (await _system.Sim.MediaRequestsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Read_AnswerOverMaxAnswerBytes_Is502NamingTheLimit()
    {
        using (var saved = await _system.SaveAsync(_site, Base + "/d", DiagramRequests.Mxfile("x")))
        {
            saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await using var small = await _system.StartAppAsync(TestSystem.FreePort(), [.. DiagramRequests.AppArgs, "--Connect:HostCalls:MaxAnswerBytes=100"]);

        using var list = await _system.SendAsync(_site, HttpMethod.Get, Base, instance: small);

        list.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        (await list.Content.ReadAsStringAsync()).ShouldContain("larger than 100 bytes (Connect:HostCalls:MaxAnswerBytes)");
    }

    [Fact]
    public async Task Save_TenantBaseUrlNoLongerAllowed_SendsNothing()
    {
        await using var strict = await _system.StartAppAsync(TestSystem.FreePort(), [.. DiagramRequests.AppArgs, "--Connect:AllowedHosts:0=only.atlassian.net"]);
        var before = (await _system.Sim.CallsAsync()).Length;

        using var response = await _system.SaveAsync(_site, Base + "/d", DiagramRequests.Mxfile("x"), instance: strict);

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        (await response.Content.ReadAsStringAsync()).ShouldContain("AllowedHosts");
        (await _system.Sim.CallsAsync()).Length.ShouldBe(before);
    }

    [Fact]
    public async Task CircuitBreaker_IsPerSiteHost_OneFailingSiteDoesNotStopAnother()
    {
        await using var strict = await _system.StartAppAsync(TestSystem.FreePort(), DiagramRequests.AppArgs);
        using var viaLocalhost = new SimClient(new Uri($"http://localhost:{_system.Sim.Url.Port}"), _system.PublicUrl);
        var other = await viaLocalhost.InstallTenantAsync();
        other.BaseUrl.ShouldStartWith("http://localhost:");
        await _system.Sim.PutPageAsync(other, "100");
        await _system.Sim.AddFaultAsync(new FaultSpec("503", _site.SiteId, "/child/attachment", "GET", Count: 1000));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var failing = await _system.SendAsync(_site, HttpMethod.Get, Base, instance: strict);
            statuses.Add(failing.StatusCode);
        }

        using var paused = await _system.SendAsync(_site, HttpMethod.Get, Base, instance: strict);
        using var healthy = await _system.SendAsync(other, HttpMethod.Get, Base, instance: strict);

        statuses.ShouldAllBe(s => s == HttpStatusCode.ServiceUnavailable);
        (await paused.Content.ReadAsStringAsync()).ShouldContain("paused");
        healthy.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private Task Fault(string kind, string method, int count = 1, int? retryAfter = null, bool beta = false, int? delayMs = null) =>
        _system.Sim.AddFaultAsync(new FaultSpec(kind, _site.SiteId, "/child/attachment", method, count, retryAfter, beta, delayMs));

    private async Task ShouldHaveVersionsAsync(string name, int versions)
    {
        var stored = (await _system.Sim.AttachmentsAsync(_site)).Where(a => a.GetProperty("name").GetString() == name).ToList();
        (stored.Count == 0 ? 0 : stored.Single().GetProperty("versions").GetArrayLength()).ShouldBe(versions);
    }
}
