extern alias hostsim;

using System.Net;
using Diagrams.App.Tests.Attachments;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;
using FaultSpec = hostsim::Diagrams.HostSim.FaultSpec;

namespace Diagrams.App.Tests.Connect;

/// <summary>
/// A site's <c>Retry-After</c> / <c>Beta-Retry-After</c> that is no usable wait (NaN, -1, Infinity) counts as none; one
/// past a day (1e308, a huge integer, a far-future date) counts as a day: over the cap, passed on, never a 500.
/// </summary>
public sealed class RetryAfterTests : IAsyncLifetime
{
    private const string Base = "/api/diagrams/confluence/pages/100";
    private TestSystem _system = null!;
    private Site _site = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(1, DiagramRequests.AppArgs); // RetryAfterCapSeconds=5
        _site = await _system.Sim.InstallTenantAsync();
        await _system.Sim.PutPageAsync(_site, "100");
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Theory]
    [InlineData(false, "1e308")]
    [InlineData(true, "1e308")]
    [InlineData(false, "99999999999999999999")]
    [InlineData(true, "99999999999999999999")]
    [InlineData(false, "Fri, 31 Dec 9999 23:59:59 GMT")]
    [InlineData(true, "Fri, 31 Dec 9999 23:59:59 GMT")]
    public async Task RateLimited_WithAWaitPastADay_Answers429AtOnceWithADay(bool beta, string value)
    {
        await FaultAsync("429", beta, value, count: 10);

        using var response = await _system.SaveAsync(_site, Base + "/d", DiagramRequests.Mxfile("x"));

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, body);
        response.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldBe(TimeSpan.FromDays(1));
        body.ShouldContain("86400 s");
        (await _system.Sim.FiredFaultsAsync()).Length.ShouldBe(1); // over the cap: not waited out
    }

    [Theory]
    [InlineData(false, "NaN")]
    [InlineData(true, "NaN")]
    [InlineData(false, "-1")]
    [InlineData(true, "-1")]
    [InlineData(false, "Infinity")]
    [InlineData(true, "Infinity")]
    [InlineData(true, "-Infinity")]
    [InlineData(false, "soon")]
    public async Task Unavailable_WithAnUnusableWait_IsTreatedAsNoRetryAfter(bool beta, string value)
    {
        await FaultAsync("503", beta, value);

        using var response = await _system.SaveAsync(_site, Base + "/d", DiagramRequests.Mxfile("x"));

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, body); // a write after a 503 without Retry-After is not retried
        response.Headers.RetryAfter.ShouldBeNull();
        body.ShouldContain("try again later");
        (await _system.Sim.FiredFaultsAsync()).Length.ShouldBe(1);
    }

    [Theory]
    [InlineData(false, "NaN")]
    [InlineData(true, "NaN")]
    [InlineData(true, "Infinity")]
    [InlineData(true, "-1")]
    public async Task RateLimited_WithAnUnusableWait_BacksOffAndSucceeds(bool beta, string value)
    {
        await FaultAsync("429", beta, value, count: 2);

        using var response = await _system.SaveAsync(_site, Base + "/d", DiagramRequests.Mxfile("x"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await _system.Sim.FiredFaultsAsync()).Length.ShouldBe(2);
    }

    private Task FaultAsync(string kind, bool beta, string value, int count = 1) =>
        _system.Sim.AddFaultAsync(new FaultSpec(kind, _site.SiteId, "/child/attachment", "PUT", count, BetaRetryAfter: beta, RetryAfterValue: value));
}
