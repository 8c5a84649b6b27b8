extern alias hostsim;

using System.Net;
using System.Text;
using Diagrams.App.Platform.Connect;
using Diagrams.App.Tests.Infrastructure;
using Diagrams.Atlassian;
using Microsoft.IdentityModel.Tokens;
using Shouldly;
using Xunit;
using InstallFaults = hostsim::Diagrams.HostSim.InstallFaults;

namespace Diagrams.App.Tests.Connect;

/// <summary>Every kind of token on every kind of route: only the right one gets through.</summary>
public sealed class TokenTests : IAsyncLifetime
{
    private const string Page = "/confluence/macro/view?pageId=42&diagramName=flow&revision=3";
    private TestSystem _system = null!;
    private Site _site = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync();
        _site = await _system.Sim.InstallTenantAsync();
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Page_WithRequestToken_RendersPage()
    {
        using var response = await _system.App.Http.GetAsync(await _system.Sim.PageUrlAsync(_site, Page));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await response.Content.ReadAsStringAsync()).ShouldContain("flow");
    }

    [Fact]
    public async Task Page_WithRequestTokenInAuthorizationHeader_RendersPage()
    {
        var token = await _system.Sim.RequestTokenAsync(_site, "GET", Page);

        using var response = await _system.App.Http.SendWithJwtHeaderAsync(HttpMethod.Get, Page, token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Page_WithContextToken_Answers401()
    {
        var token = await _system.Sim.ContextTokenAsync(_site);

        using var response = await _system.App.Http.GetAsync(Page + "&jwt=" + token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("context token cannot be used here");
    }

    [Fact]
    public async Task Page_WithTokenForAnotherRequest_Answers401()
    {
        var token = await _system.Sim.RequestTokenAsync(_site, "GET", "/confluence/macro/view?pageId=43&diagramName=flow&revision=3");

        using var response = await _system.App.Http.GetAsync(Page + "&jwt=" + token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("qsh does not match");
    }

    [Fact]
    public async Task Page_WithOversizedQuery_Answers401NotServerError()
    {
        var path = "/confluence/macro/view?" + string.Join('&', Enumerable.Range(0, 600).Select(i => $"p{i}=1"));
        var token = await _system.Sim.RequestTokenAsync(_site, "GET", "/confluence/macro/view");

        using var response = await _system.App.Http.GetAsync(path + "&jwt=" + token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("too large");
    }

    [Fact]
    public async Task Page_WithExpiredToken_Answers401()
    {
        var token = await _system.Sim.RequestTokenAsync(_site, "GET", Page, lifetimeSeconds: 60, issuedSecondsAgo: 120);

        using var response = await _system.App.Http.GetAsync(Page + "&jwt=" + token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("expired");
    }

    [Fact]
    public async Task Page_ExpiredWithinLeeway_RendersPage()
    {
        var token = await _system.Sim.RequestTokenAsync(_site, "GET", Page, lifetimeSeconds: 60, issuedSecondsAgo: 75);

        using var response = await _system.App.Http.GetAsync(Page + "&jwt=" + token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Api_WithContextToken_Answers200()
    {
        using var response = await _system.ApiAsync(_site, HttpMethod.Get, "/api/capabilities");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Api_WithFullQshToken_Answers401()
    {
        var token = await _system.Sim.RequestTokenAsync(_site, "GET", "/api/capabilities");

        using var response = await _system.App.Http.SendWithJwtHeaderAsync(HttpMethod.Get, "/api/capabilities", token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("context-qsh");
    }

    [Fact]
    public async Task Api_WithContextTokenInQuery_Answers401()
    {
        var token = await _system.Sim.ContextTokenAsync(_site);

        using var response = await _system.App.Http.GetAsync("/api/capabilities?jwt=" + token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Api_WithExpiredContextToken_Answers401()
    {
        var token = await _system.Sim.ContextTokenAsync(_site, lifetimeSeconds: 30, issuedSecondsAgo: 100);

        using var response = await _system.App.Http.SendWithJwtHeaderAsync(HttpMethod.Get, "/api/capabilities", token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("alg none")]
    [InlineData("alg RS256")]
    [InlineData("HS256 with another secret")]
    [InlineData("not a JWT")]
    public async Task Api_WithForgedToken_Answers401(string forgery)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = $$"""{"iss":"{{_site.ClientKey}}","iat":{{now}},"exp":{{now + 120}},"qsh":"context-qsh"}""";
        var token = forgery switch
        {
            "alg none" => Encode("""{"alg":"none","typ":"JWT"}""") + "." + Encode(claims) + ".",
            "alg RS256" => Encode("""{"alg":"RS256","typ":"JWT","kid":"x"}""") + "." + Encode(claims) + "." + Encode("signature"),
            "HS256 with another secret" => SignHs256(Encode("""{"alg":"HS256","typ":"JWT"}""") + "." + Encode(claims), "not-the-shared-secret-at-all-123456"),
            _ => "definitely.not.a-jwt",
        };

        using var response = await _system.App.Http.SendWithJwtHeaderAsync(HttpMethod.Get, "/api/capabilities", token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, forgery);
        response.Headers.WwwAuthenticate.ToString().ShouldBe("JWT");
    }

    [Theory]
    [InlineData("exp")]
    [InlineData("iat")]
    [InlineData("qsh")]
    public async Task Api_WithValidlySignedTokenMissingClaim_Answers401(string claim)
    {
        var token = await _system.Sim.ContextTokenAsync(_site, omit: [claim]);

        using var response = await _system.App.Http.SendWithJwtHeaderAsync(HttpMethod.Get, "/api/capabilities", token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("lacks a required claim");
    }

    [Fact]
    public async Task Api_WithTokenOfUnknownTenant_Answers401()
    {
        var other = await _system.Sim.CreateSiteAsync(faults: new InstallFaults(NoToken: true));
        var token = await _system.Sim.ContextTokenAsync(other);

        using var response = await _system.App.Http.SendWithJwtHeaderAsync(HttpMethod.Get, "/api/capabilities", token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("no installed tenant");
    }

    [Theory]
    [InlineData("exp")]
    [InlineData("iat")]
    public async Task Api_WithContextTokenWhoseTimeClaimIsNoNumericDate_Answers401NamingTheClaim(string claim)
    {
        var answers = new List<string>();
        foreach (var value in BadTokenTimes.For(claim))
        {
            var token = await _system.Sim.ContextTokenAsync(_site, claims: new Dictionary<string, string> { [claim] = value });
            using var response = await _system.App.Http.SendWithJwtHeaderAsync(HttpMethod.Get, "/api/capabilities", token);
            answers.Add($"{value}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        answers.ShouldAllBe(a => a.Contains(": 401 ", StringComparison.Ordinal) && a.Contains($"'{claim}'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("exp")]
    [InlineData("iat")]
    public async Task Page_WithRequestTokenWhoseTimeClaimIsNoNumericDate_Answers401NamingTheClaim(string claim)
    {
        var answers = new List<string>();
        foreach (var value in BadTokenTimes.For(claim))
        {
            var token = await _system.Sim.RequestTokenAsync(_site, "GET", Page, claims: new Dictionary<string, string> { [claim] = value });
            using var response = await _system.App.Http.GetAsync(Page + "&jwt=" + token);
            answers.Add($"{value}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        answers.ShouldAllBe(a => a.Contains(": 401 ", StringComparison.Ordinal) && a.Contains($"'{claim}'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Api_WithExpAtTheLastSecondOfYear9999_Answers200()
    {
        var token = await _system.Sim.ContextTokenAsync(_site, claims: new Dictionary<string, string> { ["exp"] = "253402300799" });

        using var response = await _system.App.Http.SendWithJwtHeaderAsync(HttpMethod.Get, "/api/capabilities", token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Api_WithIatAtTheLastSecondOfYear9999_Answers401IssuedInTheFuture()
    {
        var token = await _system.Sim.ContextTokenAsync(_site, claims: new Dictionary<string, string> { ["iat"] = "253402300799", ["exp"] = "253402300799" });

        using var response = await _system.App.Http.SendWithJwtHeaderAsync(HttpMethod.Get, "/api/capabilities", token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("issued in the future");
    }

    [Theory]
    [InlineData("/confluence/macro/x/../view")]
    [InlineData("/confluence/macro/./view")]
    [InlineData("/confluence/macro/%76iew")]
    public async Task Page_TokenForOnePathReplayedOnAnotherSpellingOfIt_Answers401(string spelling)
    {
        var token = await _system.Sim.RequestTokenAsync(_site, "GET", Page);

        var (status, body) = await RawGetAsync(spelling + Page[Page.IndexOf('?', StringComparison.Ordinal)..] + "&jwt=" + token);

        status.ShouldBe(401, body);
        body.ShouldContain("qsh does not match");
    }

    [Theory]
    [InlineData("/confluence/macro/x/../view")]
    [InlineData("/confluence/macro/%76iew")]
    public async Task Page_TokenSignedForTheRawTarget_RendersPage(string spelling)
    {
        var query = Page[(Page.IndexOf('?', StringComparison.Ordinal) + 1)..];
        var token = await _system.Sim.RequestTokenAsync(_site, "GET", Page, qsh: Qsh.Compute("GET", spelling, query));

        var (status, body) = await RawGetAsync(spelling + "?" + query + "&jwt=" + token);

        status.ShouldBe(200, body);
    }

    [Fact]
    public async Task Page_AbsoluteFormTarget_IsVerifiedOnItsPath()
    {
        var token = await _system.Sim.RequestTokenAsync(_site, "GET", Page);

        var (status, body) = await RawGetAsync(new Uri(_system.App.Url, Page) + "&jwt=" + token);

        status.ShouldBe(200, body);
    }

    /// <summary>A GET with this exact request target (HttpClient would normalise dot segments and escapes away).</summary>
    private async Task<(int Status, string Body)> RawGetAsync(string target)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(_system.App.Url.Host, _system.App.Url.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: {_system.App.Url.Authority}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync();
        return (int.Parse(answer.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture), answer);
    }

    private static string Encode(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    private static string SignHs256(string unsigned, string secret) =>
        unsigned + "." + Base64UrlEncoder.Encode(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(unsigned)));
}
