using Diagrams.Atlassian;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Diagrams.App.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Shouldly;
using Xunit;
using ConverterProgram = Diagrams.Converter.Program;

namespace Diagrams.App.Tests.Converter;

/// <summary>The Converter's service token over HTTP: a malformed time claim is a 401 naming it, never a 500.</summary>
public sealed class ServiceTokenTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new();
    private readonly string _key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private WebApplication _app = null!;
    private Uri _url = null!;

    public async Task InitializeAsync()
    {
        _url = new Uri($"http://127.0.0.1:{TestSystem.FreePort()}");
        _app = ConverterProgram.Build([$"--urls={_url}", "--Converter:Region=EU", $"--Converter:ServiceKey={_key}", "--Logging:LogLevel:Default=Warning"]);
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("exp")]
    [InlineData("iat")]
    public async Task Job_WithTimeClaimThatIsNoNumericDate_Answers401NamingTheClaim(string claim)
    {
        var answers = new List<string>();
        foreach (var value in BadTokenTimes.For(claim))
        {
            using var response = await ImportAsync(ServiceTokens.Sign(_key, claims: new Dictionary<string, string> { [claim] = value }));
            answers.Add($"{value}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        answers.ShouldAllBe(a => a.Contains(": 401 ", StringComparison.Ordinal) && a.Contains($"'{claim}'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Job_WithExpAtTheLastSecondOfYear9999_Answers401LivesTooLong()
    {
        using var response = await ImportAsync(ServiceTokens.Sign(_key, claims: new Dictionary<string, string> { ["exp"] = "253402300799" }));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("longer than 60 s");
    }

    [Fact]
    public async Task Job_WithValidToken_PassesTheTokenCheck()
    {
        using var response = await ImportAsync(ServiceTokens.Sign(_key));

        response.StatusCode.ShouldNotBe(HttpStatusCode.Unauthorized, await response.Content.ReadAsStringAsync());
        ((int)response.StatusCode).ShouldBeLessThan(500);
    }

    private async Task<HttpResponseMessage> ImportAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_url, "/v1/import/gliffy")) { Content = new StringContent("{}") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Http.SendAsync(request);
    }
}
