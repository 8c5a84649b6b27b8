namespace Diagrams.HostSim;

/// <param name="LocalId">The macro to configure; none inserts a new one.</param>
public sealed record ForgeFrameRequest(string? Module, string? PageId = null, string? LocalId = null);

/// <summary>
/// What forge-host.js calls on behalf of the Custom UI frames, with the sandbox session only: the macro config frame
/// (resource URL and context) and <c>invokeRemote</c> (<see cref="ForgeRemote"/>). Submitting a macro's config uses the
/// same macro storage as Connect's <c>saveMacro</c> (<see cref="SandboxApi"/>), so one page holds the macros of both modes.
/// </summary>
public static class ForgeSandboxApi
{
    public static RouteGroupBuilder MapForgeApi(this RouteGroupBuilder api)
    {
        api.MapPost("/forge/frames", (string siteId, ForgeFrameRequest request, HttpContext http, SimState state, SimOptions options) =>
            SandboxApi.WithSession(state, siteId, http, (site, session) => Task.FromResult(request.Module == "macro-config" && site.Product == "confluence"
                ? MacroConfig(site, session, request, http.Request, options)
                : Results.Problem(statusCode: 400, detail: "module must be 'macro-config' (Confluence)."))));
        api.MapPost("/forge/invoke", (string siteId, ForgeInvokeRequest request, HttpContext http, SimState state, SimOptions options, IHttpClientFactory httpFactory) =>
            SandboxApi.WithSession(state, siteId, http, (site, session) => ForgeRemote.InvokeAsync(site, session, request, http, state, options, httpFactory)));
        return api;
    }

    private static IResult MacroConfig(SimSite site, SandboxSession session, ForgeFrameRequest request, HttpRequest http, SimOptions options) =>
        SandboxApi.WithPage(site, request.PageId ?? string.Empty, page =>
        {
            SimMacro? macro;
            lock (page.Sync)
            {
                macro = request.LocalId is null ? null : page.Macros.Find(m => m.MacroId == request.LocalId);
            }

            if (request.LocalId is not null && macro is null)
            {
                return Results.Problem(statusCode: 404, detail: $"No macro '{request.LocalId}' on page {request.PageId}.");
            }

            var localId = macro?.MacroId ?? Guid.NewGuid().ToString();
            var extension = ForgeContext.Macro(request.PageId!, macro?.Params, configuring: true);
            return Results.Ok(new
            {
                url = ForgeCdn.ResourceUrl(http, options, site, ForgeModules.Macro.ConfigResource!),
                localId,
                title = "Diagram",
                context = ForgeContext.Full(site, session.AccountId, ForgeModules.Macro, localId, extension),
            });
        });
}
