using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Diagrams.App.Tests.Infrastructure;

public static class HttpExtensions
{
    /// <summary>Calls an <c>/api</c> route with a fresh context token, as the iframe's JS would.</summary>
    public static async Task<HttpResponseMessage> ApiAsync(this TestSystem system, Site site, HttpMethod method, string path,
        object? json = null, string? sub = null, string? ifMatch = null, AppInstance? instance = null, string? rawJson = null)
    {
        var token = await system.Sim.ContextTokenAsync(site, sub);
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("JWT", token);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (rawJson is not null)
        {
            request.Content = new StringContent(rawJson, System.Text.Encoding.UTF8, "application/json");
        }
        else if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }

        return await (instance ?? system.App).Http.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> SendWithJwtHeaderAsync(this HttpClient http, HttpMethod method, string path, string token)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("JWT", token);
        return await http.SendAsync(request);
    }
}
