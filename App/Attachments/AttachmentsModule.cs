using System.Text.RegularExpressions;
using Diagrams.App.Platform.Connect;
using Diagrams.App.Platform.Forge;
using Diagrams.App.Platform.HostCalls;
using Diagrams.App.Platform.Tenants;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Diagrams.App.Attachments;

/// <summary>
/// <c>/api/diagrams/...</c>: server-side diagram operations on the tenant's own attachments. Refused under
/// lockdown before the body is read; bodies bounded before buffering; nothing is kept after the request.
/// </summary>
public static partial class AttachmentsModule
{
    public static IHostApplicationBuilder AddAttachments(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AttachmentsOptions>().BindConfiguration(AttachmentsOptions.Section)
            .Validate(o => o.MaxUploadBytes is > 0 and <= 1L << 30 && o.MaxDownloadBytes is > 0 and <= 1L << 32 && o.DownloadTimeoutSeconds > 0,
                "Attachments:MaxUploadBytes (1 B to 1 GiB), Attachments:MaxDownloadBytes (1 B to 4 GiB) and Attachments:DownloadTimeoutSeconds (> 0) must be set sensibly.")
            .ValidateOnStart();
        builder.Services.AddScoped<ConfluenceAttachments>();
        builder.Services.AddScoped<JiraAttachments>();
        builder.Services.AddScoped<DiagramAccess>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAttachments(this IEndpointRouteBuilder routes)
    {
        var diagrams = routes.MapGroup("/api/diagrams").RequireConnectJwt(ConnectAuthKind.ContextToken).AddEndpointFilter(RefuseUnderLockdownAsync);
        var confluence = diagrams.MapGroup("/confluence/pages/{pageId}").AddEndpointFilter(RequireUserAccess(ProductTypes.Confluence, "pageId", PageId()));
        confluence.MapPut("/{name}", SaveConfluenceAsync);
        confluence.MapGet("/", (string pageId, string? status, CurrentTenant t, ConfluenceAttachments c, CancellationToken ct) =>
            Run(pageId, null, status, async s => Results.Ok(await c.ListAsync(t.Tenant, pageId, s, ct))));
        confluence.MapGet("/{name}", (string pageId, string name, string? status, int? version, CurrentTenant t, ConfluenceAttachments c, IOptions<AttachmentsOptions> o, CancellationToken ct) =>
            version is < 1
                ? Task.FromResult(Invalid("version", "version must be a positive attachment version number."))
                : Run(pageId, name, status, async s => Content(await c.OpenAsync(t.Tenant, pageId, name, s, version, ct), o.Value)));

        var jira = diagrams.MapGroup("/jira/issues/{issueKey}").AddEndpointFilter(RequireUserAccess(ProductTypes.Jira, "issueKey", IssueKey()));
        jira.MapPut("/{name}", SaveJiraAsync);
        jira.MapGet("/", (string issueKey, CurrentTenant t, JiraAttachments j, CancellationToken ct) =>
            RunJira(issueKey, null, async () => Results.Ok(await j.ListAsync(t.Tenant, issueKey, ct))));
        jira.MapGet("/{name}", (string issueKey, string name, CurrentTenant t, JiraAttachments j, IOptions<AttachmentsOptions> o, CancellationToken ct) =>
            RunJira(issueKey, name, async () => Content(await j.OpenAsync(t.Tenant, issueKey, name, ct), o.Value)));
        jira.MapDelete("/{name}", (string issueKey, string name, CurrentTenant t, JiraAttachments j, CancellationToken ct) =>
            RunJira(issueKey, name, async () => await j.DeleteAsync(t.Tenant, issueKey, name, ct)
                ? Results.NoContent()
                : Results.Problem(statusCode: 404, title: "Not found", detail: $"Issue {issueKey} has no diagram named '{name}'.")));
        return routes;
    }

    private static async Task<IResult> SaveConfluenceAsync(string pageId, string name, string? status, HttpContext context, CurrentTenant t, ConfluenceAttachments c, IOptions<AttachmentsOptions> o) =>
        await Run(pageId, name, status, async s =>
        {
            var (upload, error) = await ReadUploadAsync(context, o.Value);
            return upload is null ? error! : Results.Ok(await c.SaveAsync(t.Tenant, pageId, name, s, upload, context.RequestAborted));
        });

    private static async Task<IResult> SaveJiraAsync(string issueKey, string name, HttpContext context, CurrentTenant t, JiraAttachments j, IOptions<AttachmentsOptions> o) =>
        await RunJira(issueKey, name, async () =>
        {
            var (upload, error) = await ReadUploadAsync(context, o.Value);
            return upload is null ? error! : Results.Ok(await j.SaveAsync(t.Tenant, issueKey, name, upload, context.RequestAborted));
        });

    /// <summary>
    /// Lockdown answers before anything reads the body. The policy comes with the verified tenant: a settings
    /// change evicts it on every instance when it commits (PostgreSQL NOTIFY), and while that feed is down
    /// entries live 2 s (see <see cref="TenantDirectory"/>). A database read here added 2–3 ms to every call (bench/SaveLatency).
    /// </summary>
    private static async ValueTask<object?> RefuseUnderLockdownAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        if (invocation.HttpContext.RequestServices.GetRequiredService<CurrentTenant>().Tenant.Policy.Lockdown)
        {
            return Results.Problem(statusCode: 403, title: "Lockdown", detail: "This site is in lockdown: nothing is sent to the app's servers. The browser saves straight to the site.",
                extensions: new Dictionary<string, object?> { ["code"] = "lockdown" });
        }

        return await next(invocation);
    }

    /// <summary>
    /// After lockdown and before the body is read: the token's user must be allowed to view (GET) or change (PUT, DELETE)
    /// this page or issue, as the site says. A malformed id goes on to the handler's 400 without any call to the site.
    /// </summary>
    private static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> RequireUserAccess(string product, string routeKey, Regex valid) =>
        async (invocation, next) =>
        {
            var http = invocation.HttpContext;
            if (http.Request.RouteValues[routeKey] is not string container || !valid.IsMatch(container))
            {
                return await next(invocation);
            }

            var kind = HttpMethods.IsGet(http.Request.Method) ? DiagramAccessKind.View
                : HttpMethods.IsDelete(http.Request.Method) ? DiagramAccessKind.Delete : DiagramAccessKind.Edit;
            var access = http.RequestServices.GetRequiredService<DiagramAccess>();
            return await access.RefuseAsync(http.RequestServices.GetRequiredService<CurrentTenant>(), product, container, kind, http.RequestAborted)
                ?? await next(invocation);
        };

    private static async Task<(DiagramUpload? Upload, IResult? Error)> ReadUploadAsync(HttpContext context, AttachmentsOptions options)
    {
        if (context.Request.ContentLength > options.MaxUploadBytes)
        {
            return (null, TooLarge(options));
        }

        ForgeCallLimits.LimitRequestBody(context, options.MaxUploadBytes); // chunked bodies stop here too

        try
        {
            var (upload, error) = await DiagramUpload.ReadAsync(context.Request, context.RequestAborted);
            return upload is null ? (null, Results.Problem(statusCode: 400, title: "Invalid diagram upload", detail: error)) : (upload, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(options));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            return (null, Results.Problem(statusCode: 400, title: "Invalid diagram upload", detail: "The multipart body is malformed or truncated."));
        }
    }

    private static WithDeclaredLength Content(HttpResponseMessage response, AttachmentsOptions options)
    {
        if (response.Content.Headers.ContentLength > options.MaxDownloadBytes)
        {
            response.Dispose();
            throw new HostCallException(502, "Diagram too large", $"The stored diagram is larger than {options.MaxDownloadBytes} bytes, the most this app reads.");
        }

        // The site's declared length goes on the answer: clients see a complete download, and a Forge UI call over its bound
        // is refused before anything is sent (ForgeCallLimits).
        return new WithDeclaredLength(response.Content.Headers.ContentLength, Results.Stream(async output =>
        {
            using (response)
            {
                // The site may stall mid-body: bound the whole copy in time as well as in size.
                using var stall = new CancellationTokenSource(TimeSpan.FromSeconds(options.DownloadTimeoutSeconds));
                await using var input = await response.Content.ReadAsStreamAsync(stall.Token);
                var buffer = new byte[81920];
                long total = 0;
                for (int read; (read = await input.ReadAsync(buffer, stall.Token)) > 0;)
                {
                    total += read;
                    if (total > options.MaxDownloadBytes)
                    {
                        throw new InvalidDataException("The diagram exceeds the download limit.");
                    }

                    await output.WriteAsync(buffer.AsMemory(0, read), stall.Token);
                }
            }
        }, DiagramUpload.MxfileType));
    }

    private static async Task<IResult> Run(string pageId, string? name, string? status, Func<string, Task<IResult>> action)
    {
        status ??= "current";
        if (!PageId().IsMatch(pageId))
        {
            return Invalid("pageId", "The page id must be a number.");
        }

        if (status is not ("current" or "draft"))
        {
            return Invalid("status", "status must be 'current' or 'draft' (pages never published are drafts).");
        }

        return name is not null && DiagramName.Problem(name) is { } problem ? Invalid("name", problem) : await action(status);
    }

    private static async Task<IResult> RunJira(string issueKey, string? name, Func<Task<IResult>> action)
    {
        if (!IssueKey().IsMatch(issueKey))
        {
            return Invalid("issueKey", "The issue key must look like ABC-123 (or be a numeric issue id).");
        }

        return name is not null && DiagramName.Problem(name) is { } problem ? Invalid("name", problem) : await action();
    }

    private static IResult Invalid(string key, string detail) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [key] = [detail] }, detail: detail, title: $"Invalid {key}");

    private static IResult TooLarge(AttachmentsOptions options) =>
        Results.Problem(statusCode: 413, title: "Diagram too large", detail: $"A diagram save may send at most {options.MaxUploadBytes} bytes (Attachments:MaxUploadBytes).");

    [GeneratedRegex("^[0-9]{1,20}$")]
    private static partial Regex PageId();

    [GeneratedRegex("^([A-Z][A-Z0-9_]{0,30}-[0-9]{1,12}|[0-9]{1,20})$")]
    private static partial Regex IssueKey();

    private sealed class WithDeclaredLength(long? length, IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentLength = length;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
