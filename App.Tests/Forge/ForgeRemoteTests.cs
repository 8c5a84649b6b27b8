extern alias hostsim;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Diagrams.App.Tests.Attachments;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;
using MintFit = hostsim::Diagrams.HostSim.MintFit;

namespace Diagrams.App.Tests.Forge;

/// <summary>
/// The backend as a Forge Remote (issue 10 §2): FITs verified as Forge signs them (HostSim mints them with its JWKS),
/// one tenant model with Connect, and the same settings, lockdown and region rules through the same handlers under /forge.
/// </summary>
public sealed class ForgeRemoteTests : IAsyncLifetime
{
    private const string Admin = "557058:forge-admin";
    private TestSystem _system = null!;
    private TestConverter _eu = null!;
    private TestConverter _us = null!;

    public async Task InitializeAsync()
    {
        _eu = await TestConverter.StartAsync("EU");
        _us = await TestConverter.StartAsync("US");
        _system = await TestSystem.StartAsync(1, [.. DiagramRequests.AppArgs, .. _eu.AppArgs(), .. _us.AppArgs(), .. ForgeRequests.AppArgs]);
    }

    public async Task DisposeAsync()
    {
        await _system.DisposeAsync();
        await _eu.DisposeAsync();
        await _us.DisposeAsync();
    }

    [Fact]
    public async Task Capabilities_ValidFit_Answers200()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);

        using var response = await ForgeAsync(site, HttpMethod.Get, "/api/capabilities");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public static TheoryData<string, MintFit> BrokenFits() => new()
    {
        { "wrong aud", new MintFit(Audience: "ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000") },
        { "wrong iss", new MintFit(Issuer: "forge/other") },
        { "expired", new MintFit(LifetimeSeconds: -120) },
        { "nbf ahead", new MintFit(NotBeforeInSeconds: 120) },
        { "alg none", new MintFit(Alg: "none") },
        { "HS256 with the public key", new MintFit(Alg: "HS256") },
        { "RS512", new MintFit(Alg: "RS512") },
        { "no app claim", new MintFit(Omit: ["app"]) },
        { "no nbf", new MintFit(Omit: ["nbf"]) },
        { "no exp", new MintFit(Omit: ["exp"]) },
        { "exp out of range", new MintFit(Claims: new() { ["exp"] = JsonSerializer.SerializeToElement(1e20) }) },
        { "foreign apiBaseUrl", new MintFit(Claims: new() { ["app"] = JsonSerializer.SerializeToElement(new { installationId = "i", environment = new { id = "e" }, apiBaseUrl = "https://evil.example/ex/confluence/0b0b0b0b-0000-0000-0000-000000000000" }) }) },
        { "missing installationId", new MintFit(Claims: new() { ["app"] = JsonSerializer.SerializeToElement(new { environment = new { id = "e" }, apiBaseUrl = "http://127.0.0.1/ex/confluence/0b0b0b0b-0000-0000-0000-000000000000" }) }) },
        { "cloudId mismatch", new MintFit(Claims: new() { ["context"] = JsonSerializer.SerializeToElement(new { cloudId = "11111111-2222-3333-4444-555555555555" }) }) },
    };

    [Theory]
    [MemberData(nameof(BrokenFits))]
    public async Task AnyApiCall_BrokenFit_Is401(string why, MintFit spec)
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);

        using var response = await ForgeAsync(site, HttpMethod.Get, "/api/capabilities", spec);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, why);
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
    }

    [Fact]
    public async Task Fit_SignedWithAKeyNotYetPublished_Is401_ThenAcceptedAfterTheJwksRotation()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);
        var kid = await _system.Sim.NewForgeKeyAsync(published: false);

        using (var before = await ForgeAsync(site, HttpMethod.Get, "/api/capabilities", new MintFit(Kid: kid)))
        {
            before.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await before.Content.ReadAsStringAsync()).ShouldContain("not among Forge's published keys");
        }

        await _system.Sim.PublishForgeKeyAsync(kid);
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // Forge:JwksRefreshSeconds=1 in these tests

        using var after = await ForgeAsync(site, HttpMethod.Get, "/api/capabilities", new MintFit(Kid: kid));
        after.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Fit_OnlyUnderForge_AndAConnectTokenNeverUnderForge()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);
        var (fit, _) = await _system.Sim.ForgeFitAsync(site);
        using var direct = new HttpRequestMessage(HttpMethod.Get, "/api/capabilities");
        direct.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fit);
        using var connectUnderForge = new HttpRequestMessage(HttpMethod.Get, "/forge/api/capabilities");
        connectUnderForge.Headers.Authorization = new AuthenticationHeaderValue("JWT", await _system.Sim.ContextTokenAsync(site));

        using var fitOnConnectPath = await _system.App.Http.SendAsync(direct);
        using var jwtOnForgePath = await _system.App.Http.SendAsync(connectUnderForge);

        fitOnConnectPath.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        jwtOnForgePath.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Settings_FitForInstallationA_CannotSeeOrChangeB()
    {
        var a = await _system.Sim.InstallTenantAsync("confluence", Admin);
        var b = await _system.Sim.InstallTenantAsync("confluence", Admin);

        using (var put = await ForgeAsync(a, HttpMethod.Put, "/api/settings", new MintFit(Principal: Admin), JsonContent.Create(new { lockdown = true })))
        {
            put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        }

        (await SettingAsync(a, "lockdown")).ShouldBe("True");
        (await SettingAsync(b, "lockdown")).ShouldBe("False");
    }

    [Fact]
    public async Task Settings_NonAdminPrincipalOrNoPrincipal_CannotChangeThem()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);

        using var stranger = await ForgeAsync(site, HttpMethod.Put, "/api/settings", new MintFit(Principal: SimClient.DefaultUser), JsonContent.Create(new { lockdown = true }));
        using var nobody = await ForgeAsync(site, HttpMethod.Put, "/api/settings", new MintFit(), JsonContent.Create(new { lockdown = true }));

        stranger.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        nobody.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await SettingAsync(site, "lockdown")).ShouldBe("False");
    }

    [Fact]
    public async Task Settings_ConnectTokenAndFitForTheSameSite_SeeTheSameSettings()
    {
        var site = await _system.Sim.CreateSiteAsync("confluence", [Admin], linkForge: true);
        using (var connect = await _system.ApiAsync(site, HttpMethod.Put, "/api/settings", new { dataGovernance = "US" }, sub: Admin, ifMatch: "*"))
        {
            connect.StatusCode.ShouldBe(HttpStatusCode.OK, await connect.Content.ReadAsStringAsync());
        }

        (await SettingAsync(site, "dataGovernance")).ShouldBe("US");
        using (var forge = await ForgeAsync(site, HttpMethod.Put, "/api/settings", new MintFit(Principal: Admin), JsonContent.Create(new { dataGovernance = "EU" })))
        {
            forge.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var back = await _system.ApiAsync(site, HttpMethod.Get, "/api/settings", sub: Admin);
        (await back.Content.ReadAsStringAsync()).ShouldContain("\"EU\"");
    }

    [Fact]
    public async Task Policy_ChangedOnAnotherInstance_ReachesForgeCallsHere()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);
        var other = await _system.StartAppAsync(TestSystem.FreePort(), [.. DiagramRequests.AppArgs, .. _eu.AppArgs(), .. _us.AppArgs(), .. ForgeRequests.AppArgs]);
        (await CapabilitiesLockdownAsync(site, _system.App)).ShouldBeFalse(); // cached here now

        using (var put = await _system.ForgeAsync(site, HttpMethod.Put, "/api/settings", new MintFit(Principal: Admin), JsonContent.Create(new { lockdown = true }), other))
        {
            put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        }

        var seen = false;
        for (var i = 0; i < 50 && !seen; i++)
        {
            seen = await CapabilitiesLockdownAsync(site, _system.App);
            if (!seen)
            {
                await Task.Delay(100);
            }
        }

        seen.ShouldBeTrue("the change feed evicts the cached Forge policy on every instance");
    }

    private async Task<bool> CapabilitiesLockdownAsync(Site site, AppInstance instance)
    {
        using var response = await _system.ForgeAsync(site, HttpMethod.Get, "/api/capabilities", null, null, instance);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("lockdown").GetBoolean();
    }

    [Fact]
    public async Task Reinstall_NewInstallationId_KeepsTheSettings()
    {
        var site = await _system.Sim.InstallTenantAsync("jira", Admin);
        (await _system.Sim.ForgeEventAsync(site, "installed")).ShouldBe([200]);
        using (var put = await ForgeAsync(site, HttpMethod.Put, "/api/settings", new MintFit(Principal: Admin), JsonContent.Create(new { dataGovernance = "US" })))
        {
            put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        }

        await _system.Sim.ForgeReinstallAsync(site);
        (await _system.Sim.ForgeEventAsync(site, "installed")).ShouldBe([200]);
        (await _system.Sim.ForgeEventAsync(site, "upgraded")).ShouldBe([200]); // events are idempotent

        (await SettingAsync(site, "dataGovernance")).ShouldBe("US");
    }

    [Fact]
    public async Task Jobs_OnTheForgePath_RunOnlyAtTheChosenRegion_AndLockdownRefusesThem()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);
        using (var put = await ForgeAsync(site, HttpMethod.Put, "/api/settings", new MintFit(Principal: Admin), JsonContent.Create(new { dataGovernance = "US" })))
        {
            put.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var euBefore = _eu.Received.Count;
        using (var job = await ForgeAsync(site, HttpMethod.Post, "/api/jobs/plantuml", new MintFit(Principal: Admin), new StringContent("@startuml\nA -> B\n@enduml\n")))
        {
            job.StatusCode.ShouldBe(HttpStatusCode.OK, await job.Content.ReadAsStringAsync());
        }

        _us.Received.ShouldContain(r => r.Contains("plantuml", StringComparison.Ordinal));
        _eu.Received.Count.ShouldBe(euBefore);

        using (var put = await ForgeAsync(site, HttpMethod.Put, "/api/settings", new MintFit(Principal: Admin), JsonContent.Create(new { lockdown = true })))
        {
            put.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var usBefore = _us.Received.Count;
        using var refused = await ForgeAsync(site, HttpMethod.Post, "/api/jobs/plantuml", new MintFit(Principal: Admin), new StringContent("@startuml\nA -> B\n@enduml\n"));
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("lockdown");
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/json"); // Forge hands only JSON refusals to the page
        _us.Received.Count.ShouldBe(usBefore);
    }

    [Fact]
    public async Task Diagrams_OnTheForgePath_UseTheSystemTokenAndTheUsersPermission()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);
        await _system.Sim.PutPageAsync(site, "100");
        await _system.Sim.RestrictAsync(site, "100", viewers: [Admin], editors: [Admin]);

        using (var save = await ForgeAsync(site, HttpMethod.Put, "/api/diagrams/confluence/pages/100/plan", new MintFit(Principal: Admin), DiagramRequests.Form(DiagramRequests.Mxfile("via-forge"))))
        {
            save.StatusCode.ShouldBe(HttpStatusCode.OK, await save.Content.ReadAsStringAsync());
        }

        using (var read = await ForgeAsync(site, HttpMethod.Get, "/api/diagrams/confluence/pages/100/plan", new MintFit(Principal: Admin)))
        {
            (await read.Content.ReadAsStringAsync()).ShouldContain("via-forge");
        }

        using var outsider = await ForgeAsync(site, HttpMethod.Get, "/api/diagrams/confluence/pages/100/plan", new MintFit(Principal: SimClient.DefaultUser));
        outsider.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var calls = await _system.Sim.CallsAsync();
        calls.ShouldContain(c => c.GetProperty("caller").GetString() == "forge" && c.GetProperty("path").GetString()!.EndsWith("/permission/check", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Diagrams_WithoutTheSystemToken_Is502AndNothingIsSent()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);
        await _system.Sim.PutPageAsync(site, "100");
        var (fit, _) = await _system.Sim.ForgeFitAsync(site, new MintFit(Principal: Admin));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/forge/api/diagrams/confluence/pages/100");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fit);

        using var response = await _system.App.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        (await response.Content.ReadAsStringAsync()).ShouldContain("app system token");
    }

    [Fact]
    public async Task LifecycleEvent_UnknownEventType_Is400_AndAnEventWithoutFitIs401()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);
        using var unknown = await ForgeAsync(site, HttpMethod.Post, "/", null, JsonContent.Create(new { eventType = "jira:issue_created" }));
        using var anonymous = await _system.App.Http.PostAsync("/forge", JsonContent.Create(new { eventType = "avi:forge:installed:app" }));

        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task<string> SettingAsync(Site site, string key)
    {
        using var response = await ForgeAsync(site, HttpMethod.Get, "/api/settings", new MintFit(Principal: Admin));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("settings").GetProperty(key).ToString();
    }

    private Task<HttpResponseMessage> ForgeAsync(Site site, HttpMethod method, string path, MintFit? spec = null, HttpContent? content = null) =>
        _system.ForgeAsync(site, method, path, spec, content);
}
