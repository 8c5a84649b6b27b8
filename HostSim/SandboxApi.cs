using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Diagrams.HostSim;

public sealed record FrameRequest(string Module, string? PageId = null, string? MacroId = null, string? Key = null, string? IssueKey = null);

public sealed record SaveMacroRequest(Dictionary<string, string>? Params);

/// <summary>
/// What host.js calls on behalf of the frames, with the sandbox session (cookie) only: context tokens, signed URLs of
/// modules opened later (macro editor, Jira dialog), the page's macros (<c>saveMacro</c> storage) and publish.
/// Writes take JSON only (a cross-site form cannot send it; the cookie is SameSite=Strict as well).
/// </summary>
public static partial class SandboxApi
{
    private const int MaxParams = 50;
    private const int MaxParamsChars = 16_384;

    public static IEndpointRouteBuilder MapSandboxApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/sandbox/{siteId}/api");
        api.MapPost("/context-token", (string siteId, HttpContext http, SimState state) => WithSession(state, siteId, http, (site, session) =>
            Task.FromResult(Results.Ok(new { token = Tokens.Hs256(site, "context-qsh", session.AccountId, TimeSpan.FromMinutes(3)) }))));

        api.MapPost("/frames", (string siteId, FrameRequest request, HttpContext http, SimState state, AppDescriptors descriptors) =>
            WithSession(state, siteId, http, async (site, session) =>
            {
                var descriptor = await descriptors.GetAsync(site.Product, http.RequestAborted);
                return request.Module switch
                {
                    "macro-editor" when site.Product == "confluence" => MacroEditor(site, session, descriptor, request),
                    "dialog" => Dialog(site, session, descriptor, request),
                    _ => Results.Problem(statusCode: 400, detail: "module must be 'macro-editor' (Confluence) or 'dialog'."),
                };
            }));

        api.MapGet("/pages/{pageId}/macros", (string siteId, string pageId, HttpContext http, SimState state) => WithSession(state, siteId, http, (site, _) =>
            Task.FromResult(WithPage(site, pageId, page =>
            {
                lock (page.Sync)
                {
                    return Results.Ok(new { version = page.Version, macros = page.Macros.Select((m, i) => new { index = i, macroId = m.MacroId, @params = m.Params }).ToArray() });
                }
            }))));

        // AP.confluence.saveMacro: the editor's parameters onto that macro, or a new macro at the end of the body.
        api.MapPut("/pages/{pageId}/macros/{macroId}", (string siteId, string pageId, string macroId, SaveMacroRequest request, HttpContext http, SimState state) =>
            WithSession(state, siteId, http, (site, _) => Task.FromResult(WithPage(site, pageId, page =>
            {
                if (!MacroIdPattern().IsMatch(macroId))
                {
                    return Results.Problem(statusCode: 400, detail: "macroId must be 1-100 letters, digits or '-'.");
                }

                var parameters = request.Params ?? [];
                if (parameters.Count > MaxParams || parameters.Sum(p => p.Key.Length + p.Value.Length) > MaxParamsChars || parameters.Keys.Any(k => !ParamNamePattern().IsMatch(k)))
                {
                    return Results.Problem(statusCode: 400, detail: $"params must be at most {MaxParams} string values, {MaxParamsChars} characters in all, named [-_A-Za-z0-9.]{{1,64}}.");
                }

                var saved = new SimMacro(macroId, new Dictionary<string, string>(parameters, StringComparer.Ordinal));
                lock (page.Sync)
                {
                    var index = page.Macros.FindIndex(m => m.MacroId == macroId);
                    if (index < 0)
                    {
                        page.Macros.Add(saved);
                        index = page.Macros.Count - 1;
                    }
                    else
                    {
                        page.Macros[index] = saved;
                    }

                    return Results.Ok(new { index, macroId, @params = saved.Params });
                }
            }))));

        // Publish: Confluence bumps the page version.
        api.MapPost("/pages/{pageId}/publish", (string siteId, string pageId, HttpContext http, SimState state) => WithSession(state, siteId, http, (site, _) =>
            Task.FromResult(WithPage(site, pageId, page =>
            {
                lock (page.Sync)
                {
                    return Results.Ok(new { version = ++page.Version });
                }
            }))));
        api.MapForgeApi();
        return routes;
    }

    private static IResult MacroEditor(SimSite site, SandboxSession session, JsonObject descriptor, FrameRequest request) =>
        WithPage(site, request.PageId ?? string.Empty, page =>
        {
            var macroModule = AppDescriptors.Macro(descriptor);
            var editor = macroModule["editor"] as JsonObject ?? throw new InvalidOperationException("The macro has no editor.");
            SimMacro? macro;
            int version;
            lock (page.Sync)
            {
                macro = request.MacroId is null ? null : page.Macros.Find(m => m.MacroId == request.MacroId);
                version = page.Version;
            }

            if (request.MacroId is not null && macro is null)
            {
                return Results.Problem(statusCode: 404, detail: $"No macro '{request.MacroId}' on page {request.PageId}.");
            }

            var macroId = macro?.MacroId ?? Guid.NewGuid().ToString();
            var variables = SandboxContext.MacroVariables(request.PageId!, version, macro ?? new SimMacro(macroId, new Dictionary<string, string>()));
            var url = AppDescriptors.IframeUrl(descriptor, AppDescriptors.Text(editor["url"])!, variables, site, session.AccountId);
            var title = AppDescriptors.Text(macro is null ? editor["insertTitle"] : editor["editTitle"]) ?? "Diagram";
            return Results.Ok(new { url, macroId, @params = macro?.Params, title });
        });

    /// <summary>A dialog module of the site's product, opened from a Jira issue (issueKey) or a Confluence page (pageId).</summary>
    private static IResult Dialog(SimSite site, SandboxSession session, JsonObject descriptor, FrameRequest request)
    {
        var dialog = AppDescriptors.Modules(descriptor, site.Product)["dialogs"]?.AsArray().OfType<JsonObject>()
            .FirstOrDefault(d => AppDescriptors.Text(d["key"]) == request.Key);
        if (dialog is null)
        {
            return Results.Problem(statusCode: 404, detail: $"The {site.Product} descriptor has no dialog with key '{request.Key}'.");
        }

        Dictionary<string, string?> variables;
        if (site.Product == "jira")
        {
            if (request.IssueKey is null || !site.Issues.ContainsKey(request.IssueKey))
            {
                return Results.Problem(statusCode: 404, detail: "issueKey must name an issue of this site.");
            }

            variables = SandboxContext.IssueVariables(request.IssueKey);
        }
        else if (request.PageId is null || !site.Pages.TryGetValue(request.PageId, out var page))
        {
            return Results.Problem(statusCode: 404, detail: "pageId must name a page of this site.");
        }
        else
        {
            lock (page.Sync)
            {
                variables = SandboxContext.MacroVariables(request.PageId, page.Version, null);
            }
        }

        var url = AppDescriptors.IframeUrl(descriptor, AppDescriptors.Text(dialog["url"])!, variables, site, session.AccountId);
        return Results.Ok(new { url, title = AppDescriptors.Text(dialog["options"]?["header"]) ?? AppDescriptors.Text(dialog["name"]) ?? "Dialog" });
    }

    internal static IResult WithPage(SimSite site, string pageId, Func<SimPage, IResult> action) =>
        site.Product == "confluence" && site.Pages.TryGetValue(pageId, out var page)
            ? action(page)
            : Results.Problem(statusCode: 404, detail: $"No page '{pageId}' on this site.");

    internal static async Task<IResult> WithSession(SimState state, string siteId, HttpContext http, Func<SimSite, SandboxSession, Task<IResult>> action)
    {
        if (!state.Sites.TryGetValue(siteId, out var site) || SandboxSessions.Find(state, site, http.Request) is not { } session)
        {
            return Results.Problem(statusCode: 401, detail: "No sandbox session for this site: open one of its sandbox pages first.");
        }

        if (!HttpMethods.IsGet(http.Request.Method) && !http.Request.HasJsonContentType())
        {
            return Results.Problem(statusCode: 415, detail: "Send application/json.");
        }

        return await action(site, session);
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,100}$")]
    private static partial Regex MacroIdPattern();

    [GeneratedRegex("^[-_A-Za-z0-9.]{1,64}$")]
    private static partial Regex ParamNamePattern();
}
