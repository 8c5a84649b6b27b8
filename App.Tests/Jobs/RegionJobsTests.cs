using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Jobs;

/// <summary>A third region by configuration only (AU, with its own Converter): chosen, it gets the site's jobs and nobody else does; removed, they are refused.</summary>
public sealed class RegionJobsTests : IAsyncLifetime
{
    private const string Admin = "admin-1";
    private const string Gliffy = """{"contentType":"application/gliffy+json","version":"1.3","stage":{"width":200,"height":100,"objects":[{"x":10,"y":10,"width":80,"height":40,"rotation":0,"id":1,"uid":"com.gliffy.shape.basic.basic_v1.default.rectangle","order":1,"graphic":{"type":"Shape","Shape":{"tid":"com.gliffy.stencil.rectangle.basic_v1","strokeWidth":2,"strokeColor":"#333333","fillColor":"#FFFFFF","gradient":false,"dropShadow":false,"opacity":1}},"children":[]}],"layers":[{"guid":"l1","order":0,"name":"Layer 0","active":true,"locked":false,"visible":true,"nodeIndex":1}]}}""";
    private TestConverter _eu = null!;
    private TestConverter _us = null!;
    private TestConverter _au = null!;
    private TestSystem _system = null!;

    private IEnumerable<TestConverter> Converters => [_eu, _us, _au];

    public async Task InitializeAsync()
    {
        _eu = await TestConverter.StartAsync("EU");
        _us = await TestConverter.StartAsync("US");
        _au = await TestConverter.StartAsync("AU");
        _system = await TestSystem.StartAsync(1, [.. _eu.AppArgs(), .. _us.AppArgs(), .. _au.AppArgs()]);
    }

    public async Task DisposeAsync()
    {
        await _system.DisposeAsync();
        foreach (var converter in Converters)
        {
            await converter.DisposeAsync();
        }
    }

    [Fact]
    public async Task Au_ChosenBySite_IsOffered_AndItsJobsGoOnlyToAusConverter()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);

        using var put = await _system.ApiAsync(site, HttpMethod.Put, "/api/settings", new { dataGovernance = "au" }, sub: Admin, ifMatch: "*");
        using var capabilities = await _system.ApiAsync(site, HttpMethod.Get, "/api/capabilities");
        using var job = await JobAsync(site, _system.App);

        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        (await JsonAsync(put)).GetProperty("settings").GetProperty("dataGovernance").GetString().ShouldBe("AU");
        var caps = await JsonAsync(capabilities);
        caps.GetProperty("region").GetString().ShouldBe("AU");
        caps.GetProperty("regions").EnumerateArray().Select(r => r.GetString()).ShouldBe(["AU", "EU", "US"]);
        caps.GetProperty("features").GetProperty("gliffyImport").GetBoolean().ShouldBeTrue();
        job.StatusCode.ShouldBe(HttpStatusCode.OK, await job.Content.ReadAsStringAsync());
        (await job.Content.ReadAsStringAsync()).ShouldStartWith("<mxfile");
        _au.Received.ShouldBe(["POST /v1/import/gliffy"]);
        _eu.Received.ShouldBeEmpty();
        _us.Received.ShouldBeEmpty();
        (await AuditAsync(site, _system.App))[0].GetProperty("region").GetString().ShouldBe("AU");
    }

    [Fact]
    public async Task UnconfiguredCode_Is400NamingTheConfiguredCodes()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);

        using var response = await _system.ApiAsync(site, HttpMethod.Put, "/api/settings", new { dataGovernance = "XX" }, sub: Admin, ifMatch: "*");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(response)).GetProperty("errors").GetProperty("dataGovernance")[0].GetString()
            .ShouldBe("Must be one of the regions this server offers: \"AU\", \"EU\", \"US\" (case-insensitive).");
    }

    [Fact]
    public async Task SiteInAu_OnAnInstanceWithoutAu_Gets503NamingAu_NothingReachesAnyConverter_AndIsToldWhy()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);
        using (var put = await _system.ApiAsync(site, HttpMethod.Put, "/api/settings", new { dataGovernance = "AU" }, sub: Admin, ifMatch: "*"))
        {
            put.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // The same database, configured without AU: as after an operator removed Regions:AU:*.
        var withoutAu = await _system.StartAppAsync(TestSystem.FreePort(), [.. _eu.AppArgs(), .. _us.AppArgs()]);

        using var job = await JobAsync(site, withoutAu);
        using var settings = await _system.ApiAsync(site, HttpMethod.Get, "/api/settings", instance: withoutAu);
        using var capabilities = await _system.ApiAsync(site, HttpMethod.Get, "/api/capabilities", instance: withoutAu);

        job.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var problem = await JsonAsync(job);
        problem.GetProperty("title").GetString().ShouldBe("Region not configured");
        problem.GetProperty("detail").GetString()!.ShouldStartWith("The AU region is not configured on this server (it offers \"EU\", \"US\").");
        job.Headers.RetryAfter.ShouldBeNull("waiting does not bring a removed region back");
        Converters.ShouldAllBe(c => c.Received.IsEmpty);
        (await AuditAsync(site, withoutAu))[0].GetProperty("outcome").GetString().ShouldBe("503 region-not-configured");
        var view = await JsonAsync(settings);
        view.GetProperty("settings").GetProperty("dataGovernance").GetString().ShouldBe("AU");
        view.GetProperty("effective").GetProperty("notes")[0].GetString()!.ShouldContain("dataGovernance (AU) is not a region this server offers (\"EU\", \"US\")");
        view.GetProperty("regions").EnumerateArray().Select(r => r.GetString()).ShouldBe(["EU", "US"]);
        var caps = await JsonAsync(capabilities);
        caps.GetProperty("region").GetString().ShouldBe("AU");
        caps.GetProperty("features").GetProperty("gliffyImport").GetBoolean().ShouldBeFalse();
        caps.GetProperty("features").GetProperty("serverSave").GetBoolean().ShouldBeTrue(); // saving needs no region
        caps.GetProperty("unavailable").GetProperty("pdfExport").GetString()!.ShouldContain("(AU)");
    }

    [Fact]
    public async Task Development_RunsALocalConverterPerRegionWithoutUrl_AuIncluded()
    {
        await using var system = await TestSystem.StartAsync(1, Sandbox.LocalConverters.AddTo, "--environment=Development", "--Regions:EU:Url=", "--Regions:AU:Url=");
        var site = await system.Sim.InstallTenantAsync("confluence", Admin);
        using (var put = await system.ApiAsync(site, HttpMethod.Put, "/api/settings", new { dataGovernance = "AU" }, sub: Admin, ifMatch: "*"))
        {
            put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        }

        using var job = await JobAsync(site, system.App, system);

        job.StatusCode.ShouldBe(HttpStatusCode.OK, await job.Content.ReadAsStringAsync());
        var started = system.App.Logs.Lines.Where(l => l.Contains("(Development default) listening", StringComparison.Ordinal)).ToList();
        started.Count.ShouldBe(2);
        started.ShouldContain(l => l.Contains("Local AU converter", StringComparison.Ordinal));
        started.ShouldContain(l => l.Contains("Local EU converter", StringComparison.Ordinal));
    }

    private async Task<HttpResponseMessage> JobAsync(Site site, AppInstance instance, TestSystem? system = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs/gliffy") { Content = new StringContent(Gliffy) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("JWT", await (system ?? _system).Sim.ContextTokenAsync(site));
        return await instance.Http.SendAsync(request);
    }

    private async Task<JsonElement> AuditAsync(Site site, AppInstance instance)
    {
        using var response = await _system.ApiAsync(site, HttpMethod.Get, "/api/jobs/audit", sub: Admin, instance: instance);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
