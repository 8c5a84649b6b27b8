using System.Net;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Connect;

/// <summary>Two App instances share one database: secrets and policy changed on one take effect on both at once.</summary>
public sealed class MultiInstanceTests : IAsyncLifetime
{
    private TestSystem _system = null!;

    public async Task InitializeAsync() => _system = await TestSystem.StartAsync(instances: 2);

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Reinstall_OnOneInstance_OldTokensFailAndNewPassOnBoth()
    {
        var site = await _system.Sim.InstallTenantAsync();
        var oldToken = await _system.Sim.ContextTokenAsync(site);
        foreach (var instance in _system.Apps)
        {
            // Warm both tenant caches with the old secret.
            (await StatusAsync(instance, oldToken)).ShouldBe(HttpStatusCode.OK);
        }

        (await _system.Sim.ReinstallAsync(site)).ShouldBe(204);
        var newToken = await _system.Sim.ContextTokenAsync(site);

        // The old token first: a new token's signature failure would itself refresh the cache.
        foreach (var instance in _system.Apps)
        {
            (await EventuallyAsync(() => StatusAsync(instance, oldToken), HttpStatusCode.Unauthorized)).ShouldBe(HttpStatusCode.Unauthorized);
            (await StatusAsync(instance, newToken)).ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Uninstall_OnOneInstance_TokensFailOnBoth()
    {
        var site = await _system.Sim.InstallTenantAsync();
        var token = await _system.Sim.ContextTokenAsync(site);
        foreach (var instance in _system.Apps)
        {
            (await StatusAsync(instance, token)).ShouldBe(HttpStatusCode.OK);
        }

        (await _system.Sim.UninstallAsync(site)).ShouldBe(204);

        foreach (var instance in _system.Apps)
        {
            (await EventuallyAsync(() => StatusAsync(instance, token), HttpStatusCode.Unauthorized)).ShouldBe(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Lockdown_SetOnOneInstance_TurnsServerFeaturesOffOnBoth()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", "admin-1");
        foreach (var instance in _system.Apps)
        {
            (await LockdownAsync(site, instance)).ShouldBeFalse(); // warm both caches
        }

        using (var put = await _system.ApiAsync(site, HttpMethod.Put, "/api/settings", new { lockdown = true }, sub: "admin-1", ifMatch: "*", instance: _system.Apps[0]))
        {
            put.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var onSecond = await LockdownAsync(site, _system.Apps[1]);
        for (var i = 0; i < 20 && !onSecond; i++)
        {
            await Task.Delay(50);
            onSecond = await LockdownAsync(site, _system.Apps[1]);
        }

        onSecond.ShouldBeTrue();
        (await LockdownAsync(site, _system.Apps[0])).ShouldBeTrue();
    }

    private async Task<bool> LockdownAsync(Site site, AppInstance instance)
    {
        using var response = await _system.ApiAsync(site, HttpMethod.Get, "/api/capabilities", instance: instance);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("lockdown").GetBoolean();
    }

    private static async Task<HttpStatusCode> StatusAsync(AppInstance instance, string token)
    {
        using var response = await instance.Http.SendWithJwtHeaderAsync(HttpMethod.Get, "/api/capabilities", token);
        return response.StatusCode;
    }

    /// <summary>Cross-instance eviction travels by PostgreSQL NOTIFY: allow it a moment, far below the cache lifetime.</summary>
    private static async Task<HttpStatusCode> EventuallyAsync(Func<Task<HttpStatusCode>> probe, HttpStatusCode expected)
    {
        var status = await probe();
        for (var i = 0; i < 20 && status != expected; i++)
        {
            await Task.Delay(50);
            status = await probe();
        }

        return status;
    }
}
