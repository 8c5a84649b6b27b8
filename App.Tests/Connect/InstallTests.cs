extern alias hostsim;

using Diagrams.Atlassian;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Diagrams.App.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;
using Shouldly;
using Xunit;
using InstallFaults = hostsim::Diagrams.HostSim.InstallFaults;

namespace Diagrams.App.Tests.Connect;

/// <summary>Signed install (REFERENCE §1): the happy path and every refusal, over real HTTP from HostSim.</summary>
public sealed class InstallTests : IAsyncLifetime
{
    private TestSystem _system = null!;

    public async Task InitializeAsync() => _system = await TestSystem.StartAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Theory]
    [InlineData("confluence")]
    [InlineData("jira")]
    public async Task Installed_SignedByAtlassian_StoresTenantAndAcceptsItsTokens(string product)
    {
        var site = await _system.Sim.InstallTenantAsync(product);

        var page = product == "jira" ? "/jira/issue/panel?issueKey=DEMO-1" : "/confluence/macro/view?diagramName=a&revision=1";
        using var response = await _system.App.Http.GetAsync(await _system.Sim.PageUrlAsync(site, page));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _system.Database.ScalarAsync<string>($"SELECT product_type FROM tenants WHERE client_key = '{site.ClientKey}'")).ShouldBe(product);
        (await _system.Database.ScalarAsync<string>($"SELECT data_governance FROM tenant_settings WHERE client_key = '{site.ClientKey}'")).ShouldBe("EU");
    }

    public static TheoryData<string, InstallFaults> Faults => new()
    {
        { "unknown kid", new InstallFaults(UnknownKid: true) },
        { "bad signature", new InstallFaults(BadSignature: true) },
        { "wrong aud", new InstallFaults(Audience: "https://evil.example.com") },
        { "iss is not the clientKey", new InstallFaults(Issuer: "some-other-client-key") },
        { "expired", new InstallFaults(Expired: true) },
        { "qsh of another request", new InstallFaults(WrongQsh: true) },
        { "no token", new InstallFaults(NoToken: true) },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Installed_WithFault_Answers401AndStoresNothing(string fault, InstallFaults faults)
    {
        var site = await _system.Sim.CreateSiteAsync(faults: faults);

        site.InstallStatus.ShouldBe(401, fault);
        site.InstallBody.ShouldContain("\"status\":401");
        (await _system.Database.ScalarAsync<long>("SELECT count(*) FROM tenants")).ShouldBe(0);
    }

    [Theory]
    [InlineData("https://evil.example.com/wiki")]
    [InlineData("http://10.0.0.5/wiki")]
    [InlineData("https://127.0.0.1.evil.example.com/wiki")]
    [InlineData("ftp://127.0.0.1/wiki")]
    public async Task Installed_BaseUrlNotAllowed_Answers400(string baseUrl)
    {
        var site = await _system.Sim.CreateSiteAsync(faults: new InstallFaults(BaseUrl: baseUrl));

        site.InstallStatus.ShouldBe(400);
        site.InstallBody.ShouldContain("baseUrl");
        (await _system.Database.ScalarAsync<long>("SELECT count(*) FROM tenants")).ShouldBe(0);
    }

    [Fact]
    public async Task Installed_Hs256SignedWithTheSharedSecret_Answers401()
    {
        var site = await _system.Sim.InstallTenantAsync();

        var hs256 = await _system.Sim.CreateSiteAsync(clientKey: site.ClientKey + "-x", faults: new InstallFaults(Hs256: true, Issuer: site.ClientKey));

        hs256.InstallStatus.ShouldBe(401);
        hs256.InstallBody.ShouldContain("RS256");
    }

    [Fact]
    public async Task Installed_EachDescriptor_StoresItsOwnAppKey()
    {
        (await _system.Sim.CreateSiteAsync("confluence", clientKey: "k1")).InstallStatus.ShouldBe(204);
        (await _system.Sim.CreateSiteAsync("jira", clientKey: "k2")).InstallStatus.ShouldBe(204);

        (await _system.Database.ScalarAsync<string>("SELECT app_key FROM tenants WHERE client_key = 'k1'")).ShouldBe("io.securediagrams.app");
        (await _system.Database.ScalarAsync<string>("SELECT app_key FROM tenants WHERE client_key = 'k2'")).ShouldBe("io.securediagrams.app.jira");
    }

    [Theory]
    [InlineData("someone.elses.app", null, "'key'")]
    [InlineData(null, "jira", "'productType'")]
    public async Task Installed_ForAnotherAppKeyOrProduct_Answers400(string? key, string? productType, string named)
    {
        var site = await _system.Sim.CreateSiteAsync("confluence", faults: new InstallFaults(Key: key, ProductType: productType));

        site.InstallStatus.ShouldBe(400);
        site.InstallBody.ShouldContain(named);
        (await _system.Database.ScalarAsync<long>("SELECT count(*) FROM tenants")).ShouldBe(0);
    }

    [Fact]
    public async Task Uninstalled_Signed_ErasesSecretKeepsSettingsAnd401sAfterwards()
    {
        var site = await _system.Sim.InstallTenantAsync();
        var page = await _system.Sim.PageUrlAsync(site, "/confluence/admin/configure");

        (await _system.Sim.UninstallAsync(site)).ShouldBe(204);
        (await _system.Sim.UninstallAsync(site)).ShouldBe(204); // idempotent

        using var response = await _system.App.Http.GetAsync(page);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _system.Database.ScalarAsync<string>($"SELECT shared_secret_cipher FROM tenants WHERE client_key = '{site.ClientKey}'")).ShouldBeNull();
        (await _system.Database.ScalarAsync<long>($"SELECT count(*) FROM tenant_settings WHERE client_key = '{site.ClientKey}'")).ShouldBe(1);
    }

    [Fact]
    public async Task DisabledAndEnabled_TogglePagesAndTolerateAnyOrder()
    {
        var site = await _system.Sim.InstallTenantAsync();

        (await _system.Sim.DisabledAsync(site)).ShouldBe(204);
        (await _system.Sim.DisabledAsync(site)).ShouldBe(204);
        using (var disabled = await _system.App.Http.GetAsync(await _system.Sim.PageUrlAsync(site, "/confluence/admin/configure")))
        {
            disabled.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await disabled.Content.ReadAsStringAsync()).ShouldContain("disabled");
        }

        (await _system.Sim.EnabledAsync(site)).ShouldBe(204);
        using (var enabled = await _system.App.Http.GetAsync(await _system.Sim.PageUrlAsync(site, "/confluence/admin/configure")))
        {
            enabled.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // uninstalled may overtake disabled: the late disabled is a no-op, not an error.
        (await _system.Sim.UninstallAsync(site)).ShouldBe(204);
        (await _system.Sim.DisabledAsync(site)).ShouldBe(204);
    }

    [Fact]
    public async Task Enabled_ForUnknownTenant_Answers401()
    {
        var site = await _system.Sim.CreateSiteAsync(faults: new InstallFaults(NoToken: true));

        (await _system.Sim.EnabledAsync(site)).ShouldBe(401);
    }

    [Fact]
    public async Task EnabledAfterUninstalled_Signed_IsANoOp()
    {
        var site = await _system.Sim.InstallTenantAsync();
        (await _system.Sim.UninstallAsync(site)).ShouldBe(204);

        (await _system.Sim.EnabledAsync(site)).ShouldBe(204);

        (await _system.Database.ScalarAsync<bool>($"SELECT installed OR enabled FROM tenants WHERE client_key = '{site.ClientKey}'")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("disabled")]
    [InlineData("enabled")]
    public async Task LifecycleCallback_ForgedOrUnsigned_AnswersAlikeForUninstalledAndNeverInstalledSites(string eventType)
    {
        var uninstalled = await _system.Sim.InstallTenantAsync();
        (await _system.Sim.UninstallAsync(uninstalled)).ShouldBe(204);
        var neverInstalled = await _system.Sim.CreateSiteAsync(faults: new InstallFaults(NoToken: true));

        foreach (var forgery in new[] { "another secret", "alg none", "no token" })
        {
            var forUninstalled = await ForgedCallbackAsync(uninstalled, eventType, forgery);
            var forNeverInstalled = await ForgedCallbackAsync(neverInstalled, eventType, forgery);

            forUninstalled.ShouldBe(forNeverInstalled, forgery);
            forUninstalled.Status.ShouldBe(401, forgery);
        }
    }

    [Theory]
    [InlineData("exp")]
    [InlineData("iat")]
    public async Task Installed_WithTimeClaimThatIsNoNumericDate_Answers401NamingTheClaim(string claim)
    {
        var answers = new List<string>();
        foreach (var value in BadTokenTimes.For(claim))
        {
            var site = await _system.Sim.CreateSiteAsync(faults: new InstallFaults(Claims: SimClient.RawJson(new Dictionary<string, string> { [claim] = value })));
            answers.Add($"{value}: {site.InstallStatus} {site.InstallBody}");
        }

        answers.ShouldAllBe(a => a.Contains(": 401 ", StringComparison.Ordinal) && a.Contains($"'{claim}'", StringComparison.Ordinal));
        (await _system.Database.ScalarAsync<long>("SELECT count(*) FROM tenants")).ShouldBe(0);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("%2e%2e")]
    [InlineData("../install-keys")]
    [InlineData("a.b")]
    [InlineData("a\\b")]
    [InlineData("a\n")]
    [InlineData("kéy")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123x")]
    public async Task Installed_WithKidOutsideAtlassianKeyIds_Answers401AndFetchesNothing(string kid)
    {
        var site = await _system.Sim.CreateSiteAsync(faults: new InstallFaults(Kid: kid));

        site.InstallStatus.ShouldBe(401, site.InstallBody);
        site.InstallBody.ShouldContain("kid");
        (await _system.Sim.RequestsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Installed_WithWellFormedKid_FetchesExactlyThatKey()
    {
        (await _system.Sim.CreateSiteAsync(faults: new InstallFaults(Kid: "0e50fccb-239d-4991-a5db-dc850ba3f236"))).InstallStatus.ShouldBe(401);
        (await _system.Sim.InstallTenantAsync()).InstallStatus.ShouldBe(204);

        var requests = await _system.Sim.RequestsAsync();

        requests.Length.ShouldBe(2, string.Join(", ", requests));
        requests[0].ShouldBe("GET /install-keys/0e50fccb-239d-4991-a5db-dc850ba3f236");
        requests[1].ShouldStartWith("GET /install-keys/hostsim-");
    }

    /// <summary>An enabled/disabled callback with a right qsh and payload but a token not signed with the site's secret.</summary>
    private async Task<(int Status, string? Detail)> ForgedCallbackAsync(Site site, string eventType, string forgery)
    {
        var path = "/lifecycle/" + eventType;
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = JsonContent.Create(new { key = "io.securediagrams.app", clientKey = site.ClientKey, baseUrl = site.BaseUrl, productType = "confluence", eventType }),
        };
        var token = forgery switch
        {
            "another secret" => await _system.Sim.RequestTokenAsync(site, "POST", path, secret: "not-the-shared-secret-of-this-site"),
            "alg none" => AlgNone(await _system.Sim.RequestTokenAsync(site, "POST", path)),
            _ => null,
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("JWT", token);
        }

        using var response = await _system.App.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, body.Length == 0 ? null : JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());
    }

    /// <summary>The same claims under <c>{"alg":"none"}</c> with no signature.</summary>
    private static string AlgNone(string token) =>
        Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}""")) + "." + token.Split('.')[1] + ".";
}
