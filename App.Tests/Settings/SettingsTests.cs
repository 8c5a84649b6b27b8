using System.Net;
using System.Text.Json;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Settings;

/// <summary>Per-site settings: defaults, validation, the admin check through the host, concurrency and audit.</summary>
public sealed class SettingsTests : IAsyncLifetime
{
    private const string Admin = "557058:admin-account";
    private const string Member = "557058:member-account";
    private TestSystem _system = null!;

    public async Task InitializeAsync() => _system = await TestSystem.StartAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Get_NewTenant_ReturnsDefaultsWithETag()
    {
        var site = await _system.Sim.InstallTenantAsync();

        using var response = await _system.ApiAsync(site, HttpMethod.Get, "/api/settings");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.ETag!.Tag.ShouldBe("\"0\"");
        var body = await JsonAsync(response);
        body.GetProperty("settings").GetProperty("dataGovernance").GetString().ShouldBe("EU");
        body.GetProperty("settings").GetProperty("lockdown").GetBoolean().ShouldBeFalse();
        body.GetProperty("effective").GetProperty("dataGovernance").GetString().ShouldBe("EU");
        body.GetProperty("regions").EnumerateArray().Select(r => r.GetString()).ShouldBe(["EU", "US"]); // the default set: no Regions:{CODE} configured
    }

    [Theory]
    [InlineData("confluence")]
    [InlineData("jira")]
    public async Task Put_ByAdmin_ChangesSettingsAndAuditsWithoutIdentity(string product)
    {
        var site = await _system.Sim.InstallTenantAsync(product, Admin);

        using var response = await _system.ApiAsync(site, HttpMethod.Put, "/api/settings", new { dataGovernance = "us" }, sub: Admin, ifMatch: "\"0\"");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        (await JsonAsync(response)).GetProperty("settings").GetProperty("dataGovernance").GetString().ShouldBe("US");
        (await _system.Database.ScalarAsync<string>($"SELECT new_value FROM settings_changes WHERE client_key = '{site.ClientKey}'")).ShouldBe("""{"dataGovernance":"US","lockdown":false}""");
        (await _system.Database.AllTextAsync()).ShouldNotContain(v => v.Contains(Admin, StringComparison.Ordinal));
        var calls = await _system.Sim.CallsAsync();
        calls.ShouldContain(c => c.GetProperty("siteId").GetString() == site.SiteId && c.GetProperty("status").GetInt32() == 200);
        calls.ShouldAllBe(c => c.GetProperty("jwtFailure").ValueKind == JsonValueKind.Null);
    }

    [Theory]
    [InlineData("confluence")]
    [InlineData("jira")]
    public async Task Put_ByNonAdmin_Answers403AndChangesNothing(string product)
    {
        var site = await _system.Sim.InstallTenantAsync(product, Admin);

        using var response = await _system.ApiAsync(site, HttpMethod.Put, "/api/settings", new { lockdown = true }, sub: Member, ifMatch: "\"0\"");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _system.Database.ScalarAsync<bool>($"SELECT lockdown FROM tenant_settings WHERE client_key = '{site.ClientKey}'")).ShouldBeFalse();
    }

    [Fact]
    public async Task Put_WithoutUserInToken_Answers403()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);

        using var response = await _system.ApiAsync(site, HttpMethod.Put, "/api/settings", new { lockdown = true }, ifMatch: "\"0\"");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("""{"region":"EU"}""", "region", "Allowed keys: dataGovernance, lockdown")]
    [InlineData("""{"dataGovernance":"APAC"}""", "dataGovernance", "Must be one of")]
    [InlineData("""{"dataGovernance":1}""", "dataGovernance", "case-insensitive")]
    [InlineData("""{"lockdown":"true"}""", "lockdown", "true or false")]
    [InlineData("""{"lockdown":true,"lockdown":false}""", "lockdown", "more than once")]
    [InlineData("""["EU"]""", "$", "JSON object")]
    [InlineData("""{"lockdown":""", null, "not valid JSON")]
    [InlineData("""{"a":{"b":{"c":{"d":{"e":1}}}}}""", null, "deeper")]
    [InlineData("""{"\ud800":1}""", null, "lone surrogate")]
    [InlineData("""{"dataGovernance":"\udc00EU"}""", null, "lone surrogate")]
    [InlineData("""{"lockdown":true,"x":["\ud800\ud800"]}""", null, "lone surrogate")]
    public async Task Put_InvalidDocument_Answers400NamingTheKey(string json, string? key, string message)
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);

        using var response = await _system.ApiAsync(site, HttpMethod.Put, "/api/settings", sub: Admin, ifMatch: "\"0\"", rawJson: json);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain(message);
        if (key is not null)
        {
            JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(key, out _).ShouldBeTrue(body);
        }

        (await _system.Database.ScalarAsync<int>($"SELECT version FROM tenant_settings WHERE client_key = '{site.ClientKey}'")).ShouldBe(0);
    }

    [Theory]
    [InlineData("AU")] // a real Atlassian realm, but offered only where Regions:AU is configured
    [InlineData("xx")]
    public async Task Put_RegionThisServerDoesNotOffer_Answers400NamingTheOfferedOnes(string region)
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);

        using var response = await _system.ApiAsync(site, HttpMethod.Put, "/api/settings", new { dataGovernance = region }, sub: Admin, ifMatch: "*");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(response)).GetProperty("errors").GetProperty("dataGovernance")[0].GetString()
            .ShouldBe("Must be one of the regions this server offers: \"EU\", \"US\" (case-insensitive).");
        (await _system.Database.ScalarAsync<string>($"SELECT data_governance FROM tenant_settings WHERE client_key = '{site.ClientKey}'")).ShouldBe("EU");
    }

    [Fact]
    public async Task Put_TooLarge_Answers413()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);

        using var response = await _system.ApiAsync(site, HttpMethod.Put, "/api/settings", sub: Admin, ifMatch: "*",
            rawJson: "{\"lockdown\":true," + new string(' ', 20_000) + "}");

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Put_StaleETag_Answers412_MissingIfMatch_Answers428()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);
        using (var first = await _system.ApiAsync(site, HttpMethod.Put, "/api/settings", new { lockdown = true }, sub: Admin, ifMatch: "\"0\""))
        {
            first.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var stale = await _system.ApiAsync(site, HttpMethod.Put, "/api/settings", new { dataGovernance = "US" }, sub: Admin, ifMatch: "\"0\"");
        using var missing = await _system.ApiAsync(site, HttpMethod.Put, "/api/settings", new { dataGovernance = "US" }, sub: Admin);

        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await stale.Content.ReadAsStringAsync()).ShouldContain("version 1");
        missing.StatusCode.ShouldBe((HttpStatusCode)428);
        (await _system.Database.ScalarAsync<string>($"SELECT data_governance FROM tenant_settings WHERE client_key = '{site.ClientKey}'")).ShouldBe("EU");
    }

    [Fact]
    public async Task Lockdown_EffectiveViewIgnoresRegion_CapabilitiesTurnServerFeaturesOff()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);

        using var put = await _system.ApiAsync(site, HttpMethod.Put, "/api/settings", new { dataGovernance = "US", lockdown = true }, sub: Admin, ifMatch: "*");
        using var capabilities = await _system.ApiAsync(site, HttpMethod.Get, "/api/capabilities");

        var effective = (await JsonAsync(put)).GetProperty("effective");
        effective.GetProperty("dataGovernance").ValueKind.ShouldBe(JsonValueKind.Null);
        effective.GetProperty("ignored")[0].GetString().ShouldBe("dataGovernance");
        effective.GetProperty("notes")[0].GetString()!.ShouldContain("ignored while lockdown is on");
        var caps = await JsonAsync(capabilities);
        caps.GetProperty("lockdown").GetBoolean().ShouldBeTrue();
        caps.GetProperty("region").ValueKind.ShouldBe(JsonValueKind.Null);
        caps.GetProperty("features").EnumerateObject().ShouldAllBe(f => f.Value.ValueKind == JsonValueKind.False);
    }

    [Fact]
    public async Task Capabilities_WithoutLockdown_OfferEveryServerFeature()
    {
        var site = await _system.Sim.InstallTenantAsync();

        using var response = await _system.ApiAsync(site, HttpMethod.Get, "/api/capabilities");

        var caps = await JsonAsync(response);
        caps.GetProperty("region").GetString().ShouldBe("EU");
        caps.GetProperty("regions").EnumerateArray().Select(r => r.GetString()).ShouldBe(["EU", "US"]);
        var features = caps.GetProperty("features");
        features.GetProperty("gliffyImport").GetBoolean().ShouldBeTrue();
        features.GetProperty("plantuml").GetBoolean().ShouldBeTrue();
        features.GetProperty("serverSave").GetBoolean().ShouldBeTrue();
        features.GetProperty("pdfExport").GetBoolean().ShouldBeTrue();
        features.GetProperty("visioImport").GetBoolean().ShouldBeTrue();
        caps.GetProperty("unavailable").EnumerateObject().ShouldBeEmpty();
    }

    [Fact]
    public async Task Settings_SurviveUninstallAndReinstall()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);
        using (var put = await _system.ApiAsync(site, HttpMethod.Put, "/api/settings", new { dataGovernance = "US" }, sub: Admin, ifMatch: "*"))
        {
            put.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await _system.Sim.UninstallAsync(site)).ShouldBe(204);
        (await _system.Sim.ReinstallAsync(site)).ShouldBe(204);

        using var capabilities = await _system.ApiAsync(site, HttpMethod.Get, "/api/capabilities");
        (await JsonAsync(capabilities)).GetProperty("region").GetString().ShouldBe("US");
    }

    [Fact]
    public async Task Settings_AreScopedToTheTokensTenant()
    {
        var first = await _system.Sim.InstallTenantAsync("confluence", Admin);
        var second = await _system.Sim.InstallTenantAsync("confluence", Admin);
        using (var put = await _system.ApiAsync(first, HttpMethod.Put, "/api/settings", new { lockdown = true }, sub: Admin, ifMatch: "*"))
        {
            put.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var other = await _system.ApiAsync(second, HttpMethod.Get, "/api/settings");

        (await JsonAsync(other)).GetProperty("settings").GetProperty("lockdown").GetBoolean().ShouldBeFalse();
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
