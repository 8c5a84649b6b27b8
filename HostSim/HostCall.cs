namespace Diagrams.HostSim;

/// <summary>
/// The common path of every host REST call: find the site, authenticate the caller, record the call, apply any fault
/// the test armed, then handle. Two callers exist, as on a real site: the app (verify its JWT as Atlassian does: HS256
/// with the site secret, iss = app key, exp, qsh relative to the site base URL path) and, for requests without an
/// Authorization header, the signed-in user of a sandbox page (<see cref="SandboxSessions"/>: what <c>AP.request</c>
/// runs as). A failed authentication is always 401; a user's write without <c>X-Atlassian-Token: no-check</c> is 403
/// (XSRF) as Atlassian answers cookie-authenticated writes; faults fire only on authenticated calls.
/// </summary>
public static class HostCall
{
    public static async Task<IResult> Verified(SimState state, string id, HttpContext http, Func<SimSite, Task<IResult>> handle)
    {
        if (!state.Sites.TryGetValue(id, out var site))
        {
            return Results.NotFound();
        }

        var request = http.Request;
        var forge = ForgeSim.IsForgeCall(http, site);
        var user = !forge && request.Headers.Authorization.Count == 0 ? SandboxSessions.Find(state, site, request) : null;
        var failure = user is null && !forge ? await Tokens.VerifyAppTokenAsync(site, request) : null;
        var xsrf = user is not null && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) ? Uploads.CheckXsrf(request) : null;
        var fault = failure is null && xsrf is null ? state.Faults.Take(site.Id, request.Method, request.Path.Value ?? string.Empty) : null;
        state.Calls.Enqueue(new ReceivedCall(id, request.Method, request.Path, failure is null ? 200 : 401, failure, request.QueryString.Value, fault?.Kind,
            forge ? "forge" : user is null ? "app" : "user"));
        if (failure is not null)
        {
            return Results.Problem(statusCode: 401, title: "Unauthorized", detail: "JWT verification failed: " + failure);
        }

        if (xsrf is not null)
        {
            return xsrf;
        }

        return await Faults.ApplyAsync(fault, site.Product, http, () => handle(site));
    }

    /// <summary>An error body in the product's own shape (Confluence: statusCode/message; Jira: errorMessages/errors).</summary>
    public static IResult Error(string product, int status, string message) => product == "jira"
        ? Results.Json(new { errorMessages = new[] { message }, errors = new Dictionary<string, string>() }, statusCode: status)
        : Results.Json(new
        {
            statusCode = status,
            data = new { authorized = status != 403, valid = status != 400, allowedInReadOnlyMode = true, errors = Array.Empty<object>(), successful = false },
            message,
        }, statusCode: status);

    public static IResult Error(SimSite site, int status, string message) => Error(site.Product, status, message);

    /// <summary>A redirect with an explicit status (302 for Confluence downloads, 303 for Jira content).</summary>
    public static IResult Redirect(int status, string location) => new RedirectWithStatus(status, location);

    public static bool TryParseInt(HttpRequest request, string name, int fallback, out int value)
    {
        var raw = request.Query[name].ToString();
        if (raw.Length == 0)
        {
            value = fallback;
            return true;
        }

        return int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    private sealed class RedirectWithStatus(int status, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
