namespace Diagrams.HostSim;

/// <param name="LinkForge">The Connect install names the site's Forge installation (as Atlassian does while Connect is supported).</param>
public sealed record CreateSite(string Product, string? ClientKey = null, string? BaseUrl = null, string[]? Admins = null, string[]? Users = null, InstallFaults? Faults = null,
    bool LinkForge = false);

/// <param name="Claims">Claims set to these raw JSON values after the defaults (e.g. <c>"exp": 1e20</c>).</param>
public sealed record MintToken(string Kind, string? Method = null, string? Url = null, string? Sub = null, int? LifetimeSeconds = null, int? IssuedSecondsAgo = null, string? Secret = null, string? Qsh = null, string[]? Omit = null,
    Dictionary<string, System.Text.Json.JsonElement>? Claims = null);

/// <summary>The test and demo control plane: create sites, drive lifecycle events, mint tokens.</summary>
public static class Control
{
    public static IEndpointRouteBuilder MapControl(this IEndpointRouteBuilder routes)
    {
        var sim = routes.MapGroup("/_sim");
        sim.MapPost("/sites", async (CreateSite request, HttpRequest http, SimState state, Lifecycle lifecycle, CancellationToken ct) =>
        {
            if (request.Product is not ("confluence" or "jira"))
            {
                return Results.Problem(statusCode: 400, detail: "product must be 'confluence' or 'jira'.");
            }

            var (site, status, body) = await CreateSiteAsync(request, http, state, lifecycle, ct);
            return Results.Ok(new { siteId = site.Id, site.ClientKey, site.BaseUrl, installStatus = status, installBody = body });
        });
        sim.MapPost("/sites/{id}/reinstall", (string id, SimState state, Lifecycle lifecycle, CancellationToken ct) =>
            WithSite(state, id, site =>
            {
                site.SharedSecret = SimState.NewSecret();
                return lifecycle.InstallAsync(site, new InstallFaults(), ct);
            }));
        sim.MapPost("/sites/{id}/uninstall", (string id, SimState state, Lifecycle lifecycle, CancellationToken ct) =>
            WithSite(state, id, site => lifecycle.UninstallAsync(site, new InstallFaults(), ct)));
        sim.MapPost("/sites/{id}/{eventType:regex(^(enabled|disabled)$)}", (string id, string eventType, SimState state, Lifecycle lifecycle, CancellationToken ct) =>
            WithSite(state, id, site => lifecycle.SendHs256CallbackAsync(site, eventType, ct)));
        sim.MapPost("/sites/{id}/tokens", (string id, MintToken request, SimState state, SimOptions options) =>
        {
            if (!state.Sites.TryGetValue(id, out var site))
            {
                return Results.NotFound();
            }

            var qsh = request.Qsh ?? (request.Kind == "context"
                ? "context-qsh"
                : Tokens.QshFor(request.Method ?? "GET", new Uri(request.Url ?? throw new BadHttpRequestException("url is required")), new Uri(options.AppBaseUrl.TrimEnd('/') + "/")));
            var token = Tokens.Hs256(site, qsh, request.Sub, TimeSpan.FromSeconds(request.LifetimeSeconds ?? 180),
                DateTimeOffset.UtcNow.AddSeconds(-(request.IssuedSecondsAgo ?? 0)), request.Secret, request.Omit, request.Claims);
            return Results.Ok(new { token });
        });
        sim.MapPut("/sites/{id}/admins/{accountId}", (string id, string accountId, SimState state) =>
        {
            if (!state.Sites.TryGetValue(id, out var site))
            {
                return Results.NotFound();
            }

            site.Admins[accountId] = true;
            site.Users[accountId] = true;
            return Results.NoContent();
        });
        sim.MapPut("/sites/{id}/users/{accountId}", (string id, string accountId, SimState state) =>
        {
            if (!state.Sites.TryGetValue(id, out var site))
            {
                return Results.NotFound();
            }

            site.Users[accountId] = true;
            return Results.NoContent();
        });
        sim.MapGet("/calls", (SimState state) => Results.Ok(state.Calls.ToArray()));
        sim.MapGet("/requests", (SimState state) => Results.Ok(state.Requests.ToArray()));
        sim.MapContentControl();
        sim.MapSandboxSetup();
        sim.MapFaultControl();
        sim.MapForgeControl();
        return routes;
    }

    /// <summary>Creates a site under this HostSim's origin and installs the app into it through the signed lifecycle.</summary>
    public static async Task<(SimSite Site, int Status, string Body)> CreateSiteAsync(CreateSite request, HttpRequest http, SimState state, Lifecycle lifecycle,
        CancellationToken ct, Action<SimSite>? prepare = null)
    {
        var id = state.NextSiteId();
        var root = $"{http.Scheme}://{http.Host}/sites/{id}";
        var site = new SimSite
        {
            Id = id,
            ClientKey = request.ClientKey ?? Guid.NewGuid().ToString(),
            Product = request.Product,
            BaseUrl = request.BaseUrl ?? (request.Product == "confluence" ? root + "/wiki" : root),
            SharedSecret = SimState.NewSecret(),
        };
        site.Forge.LinkedToConnect = request.LinkForge;
        foreach (var admin in request.Admins ?? [])
        {
            site.Admins[admin] = true;
            site.Users[admin] = true;
        }

        foreach (var user in request.Users ?? [])
        {
            site.Users[user] = true;
        }

        prepare?.Invoke(site);
        state.Sites[id] = site;
        var (status, body) = await lifecycle.InstallAsync(site, request.Faults ?? new InstallFaults(), ct);
        return (site, status, body);
    }

    private static async Task<IResult> WithSite(SimState state, string id, Func<SimSite, Task<(int Status, string Body)>> action)
    {
        if (!state.Sites.TryGetValue(id, out var site))
        {
            return Results.NotFound();
        }

        var (status, body) = await action(site);
        return Results.Ok(new { status, body });
    }
}
