using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Settings;

/// <summary>Regions are configuration (<c>Regions:{CODE}:Url</c>/<c>:Key</c>): what start-up accepts, and what a new site starts in.</summary>
public sealed class RegionConfigurationTests : IAsyncLifetime
{
    private static readonly string Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private TestSystem _system = null!;

    public async Task InitializeAsync() => _system = await TestSystem.StartAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    public static TheoryData<string[], string> BadRegions => new()
    {
        { ["--Regions:au:Url=http://127.0.0.1:9", $"--Regions:au:Key={Key}"], "Regions:au: a region code is 2 to 8 upper-case letters or digits" },
        { ["--Regions:EUROPEWEST:Url=http://127.0.0.1:9", $"--Regions:EUROPEWEST:Key={Key}"], "Regions:EUROPEWEST: a region code is 2 to 8" },
        { ["--Regions:A:Url=http://127.0.0.1:9", $"--Regions:A:Key={Key}"], "Regions:A: a region code is 2 to 8" },
        { ["--Regions:E-U:Url=http://127.0.0.1:9", $"--Regions:E-U:Key={Key}"], "Regions:E-U: a region code is 2 to 8" },
        { ["--Regions:AU:Url=http://127.0.0.1:9"], "Regions:AU:Url is set but Regions:AU:Key is not" },
        { ["--Regions:AU:Url=/converter", $"--Regions:AU:Key={Key}"], "Regions:AU:Url must be an absolute http or https URL" },
        { ["--Regions:AU:Url=http://127.0.0.1:9", "--Regions:AU:Key=c2hvcnQ="], "Regions:AU:Key must be base64 of at least 32 bytes" },
        { ["--Regions:AU=http://127.0.0.1:9"], "Regions:AU is a single value; a region is configured with Regions:AU:Url and Regions:AU:Key" },
        { ["--Regions:AU:Uri=http://127.0.0.1:9", $"--Regions:AU:Key={Key}"], "Regions:AU:Uri is not a region setting" },
        { ["--Regions:MaxJobByte=1000"], "Regions:MaxJobByte is a single value" }, // a misspelt job key is not silently ignored
    };

    [Theory]
    [MemberData(nameof(BadRegions))]
    public async Task Start_WithABadRegionEntry_FailsNamingTheKey(string[] regions, string message)
    {
        var error = await Should.ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>(async () =>
        {
            await using var app = Program.Build([$"--urls=http://127.0.0.1:{TestSystem.FreePort()}", .. _system.AppArgs(regions)]);
            await app.StartAsync();
        });

        error.Message.ShouldContain(message);
    }

    [Fact]
    public async Task JobKeysOfTheSection_AreNotRegions_TheDefaultSetStaysEuAndUs()
    {
        var instance = await _system.StartAppAsync(TestSystem.FreePort(),
            "--Regions:MaxJobBytes=1000", "--Regions:JobTimeoutSeconds=30", "--Regions:JobInputTimeoutSeconds=20", "--Regions:Local=false");
        var site = await _system.Sim.InstallTenantAsync();

        using var response = await _system.ApiAsync(site, HttpMethod.Get, "/api/capabilities", instance: instance);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Codes(await JsonAsync(response)).ShouldBe(["EU", "US"]);
    }

    [Fact]
    public async Task NewSite_WithoutEuConfigured_StartsInTheFirstConfiguredCode()
    {
        await using var system = await TestSystem.StartAsync(1,
            "--Regions:US:Url=http://127.0.0.1:9", $"--Regions:US:Key={Key}", "--Regions:AU:Url=http://127.0.0.1:9", $"--Regions:AU:Key={Key}");
        var site = await system.Sim.InstallTenantAsync("confluence", "admin-1");

        using var settings = await system.ApiAsync(site, HttpMethod.Get, "/api/settings");
        using var eu = await system.ApiAsync(site, HttpMethod.Put, "/api/settings", new { dataGovernance = "EU" }, sub: "admin-1", ifMatch: "*");

        var view = await JsonAsync(settings);
        view.GetProperty("settings").GetProperty("dataGovernance").GetString().ShouldBe("AU"); // alphabetical: AU before US
        Codes(view).ShouldBe(["AU", "US"]);
        eu.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "configuring any region replaces the default set");
        (await eu.Content.ReadAsStringAsync()).ShouldContain("Must be one of the regions this server offers");
    }

    private static string?[] Codes(JsonElement view) => [.. view.GetProperty("regions").EnumerateArray().Select(r => r.GetString())];

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
