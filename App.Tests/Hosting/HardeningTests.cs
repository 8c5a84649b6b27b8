using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Diagrams.App.Platform.HostCalls;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Hosting;

/// <summary>Response headers, TLS, start-up validation, and what never reaches a log.</summary>
public sealed class HardeningTests
{
    private const string Admin = "557058:5fa0c1d2-secret-admin";

    [Fact]
    public async Task IframePage_AllowsFramingByAtlassianHostsOnly_AndLeaksNoReferrer()
    {
        await using var system = await TestSystem.StartAsync();
        var site = await system.Sim.InstallTenantAsync();

        using var page = await system.App.Http.GetAsync(await system.Sim.PageUrlAsync(site, "/confluence/macro/view?diagramName=a"));
        using var api = await system.ApiAsync(site, HttpMethod.Get, "/api/settings");

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldEndWith("frame-ancestors https://127.0.0.1 http://127.0.0.1:* https://127.0.0.1:*");
        csp.ShouldNotContain("atlassian.net"); // configured hosts replace the defaults
        csp.ShouldNotContain("frame-ancestors *");
        csp.ShouldContain("object-src 'none'");
        page.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        page.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        page.Headers.CacheControl!.NoStore.ShouldBeTrue();
        api.Headers.CacheControl!.NoStore.ShouldBeTrue();
        api.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
    }

    [Fact]
    public async Task DefaultAllowlist_FramesOnlyAtlassianHosts()
    {
        await using var system = await TestSystem.StartAsync();
        var policy = new App.Platform.HostCalls.HostUrlPolicy(Microsoft.Extensions.Options.Options.Create(new App.Platform.Connect.ConnectOptions { AllowedHosts = App.Platform.Connect.ConnectOptions.DefaultAllowedHosts }));

        policy.FrameAncestors().ShouldBe("https://*.atlassian.net https://*.jira.com");
        policy.IsAllowed("https://acme.atlassian.net/wiki").ShouldBeTrue();
        policy.IsAllowed("https://atlassian.net.evil.com/wiki").ShouldBeFalse();
        policy.IsAllowed("https://evilatlassian.net/wiki").ShouldBeFalse();
        policy.IsAllowed("http://acme.atlassian.net/wiki").ShouldBeFalse();
        policy.IsAllowed("https://user@acme.atlassian.net/wiki").ShouldBeFalse();
    }

    [Fact]
    public async Task Https_OutsideDevelopment_SendsHstsAndSpeaksTls12OrLater()
    {
        await using var system = await TestSystem.StartAsync();
        var (certificatePath, password, thumbprint) = SelfSignedCertificate();
        bool TrustOurs(object sender, X509Certificate? presented, X509Chain? chain, SslPolicyErrors errors) => presented?.GetCertHashString() == thumbprint;
        var port = TestSystem.FreePort();
        await using var app = Program.Build(system.AppArgs(
            $"--Kestrel:Endpoints:Https:Url=https://127.0.0.1:{port}",
            $"--Kestrel:Endpoints:Https:Certificate:Path={certificatePath}",
            $"--Kestrel:Endpoints:Https:Certificate:Password={password}"));
        await app.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = TrustOurs },
        });

        using var response = await http.GetAsync($"https://127.0.0.1:{port}/healthz");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("Strict-Transport-Security").Single().ShouldBe("max-age=31536000; includeSubDomains");
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new SslStream(tcp.GetStream(), false, TrustOurs);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1", EnabledSslProtocols = SslProtocols.None });
        tls.SslProtocol.ShouldBeOneOf(SslProtocols.Tls12, SslProtocols.Tls13);
        await app.StopAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BehindATlsProxy_HstsFollowsTheForwardedScheme_OnlyWhenTrusted(bool trusted)
    {
        await using var system = await TestSystem.StartAsync();
        await using var app = await system.StartAppAsync(TestSystem.FreePort(), $"--App:TrustForwardedProto={trusted}");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await app.Http.SendAsync(request);

        response.Headers.Contains("Strict-Transport-Security").ShouldBe(trusted);
    }

    [Theory]
    [InlineData("Secrets:MasterKey")]
    [InlineData("App:BaseUrl")]
    public async Task Start_OutsideDevelopmentWithoutRequiredKey_FailsNamingIt(string key)
    {
        await using var system = await TestSystem.StartAsync();
        var args = system.AppArgs().Where(a => !a.StartsWith($"--{key}=", StringComparison.Ordinal)).ToArray();

        var error = await Should.ThrowAsync<Exception>(async () =>
        {
            await using var app = Program.Build([$"--urls=http://127.0.0.1:{TestSystem.FreePort()}", .. args]);
            await app.StartAsync();
        });

        error.Message.ShouldContain(key);
    }

    [Fact]
    public async Task Logs_AtTraceLevel_HoldNoTokenSecretOrAccountId()
    {
        await using var system = await TestSystem.StartAsync();
        var site = await system.Sim.InstallTenantAsync("confluence", Admin);
        var pageUrl = await system.Sim.PageUrlAsync(site, "/confluence/macro/view?diagramName=a");
        var contextToken = await system.Sim.ContextTokenAsync(site, Admin);
        using (var page = await system.App.Http.GetAsync(pageUrl))
        {
            page.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using (var rejected = await system.App.Http.GetAsync(pageUrl.Replace("diagramName=a", "diagramName=b", StringComparison.Ordinal)))
        {
            rejected.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using (var put = await system.ApiAsync(site, HttpMethod.Put, "/api/settings", new { lockdown = true }, sub: Admin, ifMatch: "*"))
        {
            put.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await system.Sim.ReinstallAsync(site)).ShouldBe(204);
        var cipher = await system.Database.ScalarAsync<string>("SELECT shared_secret_cipher FROM tenants");
        var secret = new App.Data.SecretProtector(Microsoft.Extensions.Options.Options.Create(new App.Data.SecretsOptions { MasterKey = system.MasterKey }))
            .Unprotect(cipher!, site.ClientKey);
        var jwt = pageUrl[(pageUrl.IndexOf("jwt=", StringComparison.Ordinal) + 4)..];

        var lines = system.AllLogLines().ToList();
        lines.Count.ShouldBeGreaterThan(10);
        lines.ShouldContain(l => l.Contains("Rejected", StringComparison.Ordinal));
        foreach (var needle in new[] { jwt, jwt.Split('.')[2], contextToken.Split('.')[2], secret, Admin, system.MasterKey, cipher! })
        {
            lines.ShouldAllBe(l => !l.Contains(needle, StringComparison.Ordinal), needle.Length > 12 ? needle[..12] + "..." : needle);
        }
    }

    private static (string Path, string Password, string Thumbprint) SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        var path = Path.Combine(Path.GetTempPath(), $"diagrams-test-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return (path, password, certificate.GetCertHashString());
    }
}
