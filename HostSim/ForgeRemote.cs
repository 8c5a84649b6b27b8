using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Diagrams.HostSim;

/// <param name="ModuleKey">The calling frame's module (its FIT's <c>app.module</c>).</param>
/// <param name="Extension">The calling frame's <c>context.extension</c> (its FIT's <c>context.extension</c>).</param>
public sealed record ForgeInvokeRequest(string? ModuleKey, string? Path, string? Method, Dictionary<string, string>? Headers, JsonElement? Body, JsonElement? Extension);

/// <summary>A UI call Forge proxied to the remote, for tests (<c>GET /_sim/forge/invocations</c>): no token, no body.</summary>
public sealed record ForgeInvocationRecord(string SiteId, string ModuleKey, string Method, string Path, int Status, DateTimeOffset Time);

/// <summary>
/// What Forge does for <c>invokeRemote</c> from a Custom UI frame (docs: ui-api-bridge/invokeRemote): a fresh FIT for the
/// site's installation with the signed-in user as <c>principal</c>, the app system token in <c>x-forge-oauth-system</c>,
/// <c>JSON.stringify(body)</c> to <c>{remote baseUrl}{path}</c> (App's base URL; the pages name <c>/forge/…</c>), a 25 s
/// limit, and the answer checked as Forge checks it: 401 and non-JSON answers reject the call, everything else resolves
/// with <c>{status, headers: {name: [values]}, body}</c> (<c>success</c> false for a non-2xx).
/// </summary>
public static partial class ForgeRemote
{
    public const int TimeoutSeconds = 25;
    private const int MaxResponseBytes = 5 * 1024 * 1024;
    private const int MaxExtensionChars = 16 * 1024;
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];
    private static readonly string[] ReservedHeaders = ["authorization", "cookie", "host", "content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "expect"];
    private static readonly string[] DroppedResponseHeaders = ["set-cookie", "connection", "transfer-encoding", "keep-alive"];

    public static async Task<IResult> InvokeAsync(SimSite site, SandboxSession session, ForgeInvokeRequest call, HttpContext http, SimState state, SimOptions options,
        IHttpClientFactory httpFactory)
    {
        if (Problem(site, call, options) is { } problem)
        {
            return problem;
        }

        var module = ForgeModules.Find(site.Product, call.ModuleKey)!;
        var method = call.Method!.ToUpperInvariant();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(new Uri(options.AppBaseUrl), call.Path));
        if (call.Body is { ValueKind: JsonValueKind.Object or JsonValueKind.Array } body)
        {
            request.Content = new StringContent(body.GetRawText(), Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in call.Headers ?? [])
        {
            if (!name.Equals("content-type", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        var fit = ForgeSim.Fit(state, options, site, ForgeSim.ApiBaseUrl(http.Request, site),
            new MintFit(Principal: session.AccountId, ModuleKey: module.Key, ModuleType: module.Type, Extension: call.Extension is { ValueKind: JsonValueKind.Object } e ? e : null));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fit);
        request.Headers.Add("x-forge-oauth-system", site.Forge.SystemToken);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        limit.CancelAfter(TimeSpan.FromSeconds(TimeoutSeconds));
        try
        {
            using var client = httpFactory.CreateClient(nameof(ForgeRemote));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            state.ForgeInvocations.Enqueue(new ForgeInvocationRecord(site.Id, module.Key, method, request.RequestUri!.AbsolutePath, (int)response.StatusCode, DateTimeOffset.UtcNow));
            return await AnswerAsync(response, limit.Token);
        }
        catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
        {
            return Rejected(504, $"The remote did not answer within {TimeoutSeconds} s; Forge ends a UI call then.");
        }
        catch (HttpRequestException ex)
        {
            return Rejected(502, $"The remote could not be reached ({ex.Message}). Is the app running at HostSim:AppBaseUrl ({options.AppBaseUrl})?");
        }
    }

    private static async Task<IResult> AnswerAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        if (status == 401)
        {
            return Rejected(502, "Remote could not verify the Forge Invocation Token");
        }

        var bytes = await ReadBoundedAsync(response, ct);
        if (bytes is null)
        {
            return Rejected(502, $"Invalid response from remote: the body is over {MaxResponseBytes / (1024 * 1024)} MB.");
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var success = status is >= 200 and < 300;
        if (!success && (bytes.Length == 0 || (mediaType is not null && mediaType != "application/json")))
        {
            return Rejected(502, $"Invalid response from remote: a non-2xx answer ({status}) needs a JSON body{(mediaType is null ? string.Empty : $", not {mediaType}")}.");
        }

        JsonNode? parsed = null;
        if (bytes.Length > 0)
        {
            try
            {
                parsed = JsonNode.Parse(bytes);
            }
            catch (JsonException)
            {
                return Rejected(502, $"Invalid response from remote: the body ({mediaType ?? "no content-type"}, status {status}) is not JSON; invokeRemote carries JSON only.");
            }
        }

        var answer = new JsonObject { ["status"] = status, ["headers"] = Headers(response) };
        if (bytes.Length > 0)
        {
            answer["body"] = parsed;
        }

        return Results.Json(new JsonObject { ["success"] = success, [success ? "payload" : "error"] = answer });
    }

    private static JsonObject Headers(HttpResponseMessage response)
    {
        var headers = new JsonObject();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            var key = name.ToLowerInvariant();
            if (!DroppedResponseHeaders.Contains(key))
            {
                headers[key] = new JsonArray([.. values.Select(v => (JsonNode)v)]);
            }
        }

        return headers;
    }

    private static async Task<byte[]?> ReadBoundedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxResponseBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    /// <summary>What Forge itself would refuse, or HostSim cannot do, before any call: 400 naming the fix.</summary>
    private static IResult? Problem(SimSite site, ForgeInvokeRequest call, SimOptions options)
    {
        if (ForgeModules.Find(site.Product, call.ModuleKey) is null)
        {
            return Bad($"moduleKey must name a {site.Product} UI module of the manifest: {string.Join(", ", ForgeModules.All.Where(m => m.Product == site.Product).Select(m => m.Key))}.");
        }

        if (call.Path is not { Length: > 0 and <= 2048 } path || path[0] != '/' || path.StartsWith("//", StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal)
            || path.Any(char.IsControl) || new Uri(new Uri(options.AppBaseUrl), path).GetLeftPart(UriPartial.Authority) != new Uri(options.AppBaseUrl).GetLeftPart(UriPartial.Authority))
        {
            return Bad("invokeRemote: path must be a path on the remote starting with one '/' (this app's pages use /forge/...), at most 2048 characters.");
        }

        if (call.Method is null || !Methods.Contains(call.Method.ToUpperInvariant()))
        {
            return Bad($"invokeRemote: method must be one of {string.Join(", ", Methods)}.");
        }

        if (call.Body is { } body && body.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null or JsonValueKind.Undefined))
        {
            return Bad($"invokeRemote: body must be a JSON object or array (Forge sends JSON.stringify(body) as application/json); got a {body.ValueKind.ToString().ToLowerInvariant()}.");
        }

        if (call.Body is { ValueKind: JsonValueKind.Object or JsonValueKind.Array } && call.Method.Equals("GET", StringComparison.OrdinalIgnoreCase))
        {
            return Bad("invokeRemote: a GET carries no body.");
        }

        if (call.Extension is { } extension && (extension.ValueKind != JsonValueKind.Object || extension.GetRawText().Length > MaxExtensionChars))
        {
            return Bad($"extension must be the frame's context.extension object, at most {MaxExtensionChars} characters.");
        }

        foreach (var (name, value) in call.Headers ?? [])
        {
            var lower = name.ToLowerInvariant();
            if (!HeaderName().IsMatch(name) || value.Length > 4096 || value.Any(c => c is '\r' or '\n'))
            {
                return Bad($"invokeRemote: header '{name}' is not a valid header name and value.");
            }

            if (ReservedHeaders.Contains(lower) || lower.StartsWith("x-forge-", StringComparison.Ordinal))
            {
                return Bad($"invokeRemote: header '{name}' is Forge's to set (the FIT, the app system token and the transport headers).");
            }

            if (lower == "content-type" && !value.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                return Bad("invokeRemote: the body always goes as application/json (Forge sends JSON.stringify(body)); another content-type cannot be sent.");
            }
        }

        return (call.Headers?.Count ?? 0) > 30 ? Bad("invokeRemote: at most 30 headers.") : null;
    }

    private static IResult Bad(string detail) => Results.Problem(statusCode: 400, title: "Refused before the call", detail: detail);

    /// <summary>The bridge call rejects with <paramref name="message"/>, as Forge rejects it.</summary>
    private static IResult Rejected(int status, string message) => Results.Problem(statusCode: status, title: "invokeRemote rejected", detail: message);

    [GeneratedRegex("^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$")]
    private static partial Regex HeaderName();
}
