extern alias hostsim;

using System.Net.Http.Headers;
using Diagrams.App.Tests.Infrastructure;
using ForgeSim = hostsim::Diagrams.HostSim.ForgeSim;
using MintFit = hostsim::Diagrams.HostSim.MintFit;

namespace Diagrams.App.Tests.Forge;

/// <summary>Intent helpers for calls that come through Forge: App configured for HostSim's Forge, and a request under /forge with a FIT.</summary>
public static class ForgeRequests
{
    /// <summary>App arguments: HostSim's Forge app id, its JWKS, its API host, and a fast JWKS refresh for rotation tests.</summary>
    public static readonly string[] AppArgs =
    [
        $"--Forge:AppId={ForgeSim.DefaultAppId}",
        $"--Forge:JwksUrl={TestSystem.SimUrlPlaceholder}forge/jwks.json",
        "--Forge:ApiHosts:0=127.0.0.1",
        "--Forge:JwksRefreshSeconds=1",
    ];

    /// <summary>Calls <c>/forge{path}</c> as Forge would: a fresh FIT (from <paramref name="spec"/>) and the site's app system token.</summary>
    public static async Task<HttpResponseMessage> ForgeAsync(this TestSystem system, Site site, HttpMethod method, string path, MintFit? spec = null, HttpContent? content = null,
        AppInstance? instance = null)
    {
        var (fit, systemToken) = await system.Sim.ForgeFitAsync(site, spec);
        using var request = new HttpRequestMessage(method, "/forge" + (path == "/" ? string.Empty : path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fit);
        request.Headers.Add("x-forge-oauth-system", systemToken);
        if (method == HttpMethod.Put && path == "/api/settings")
        {
            request.Headers.TryAddWithoutValidation("If-Match", "*");
        }

        return await (instance ?? system.App).Http.SendAsync(request);
    }
}
