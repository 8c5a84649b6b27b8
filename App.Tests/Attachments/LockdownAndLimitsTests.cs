using System.Net;
using System.Net.Sockets;
using System.Text;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Attachments;

/// <summary>Lockdown and the size limit answer from the headers alone: the body is never read.</summary>
public sealed class LockdownAndLimitsTests : IAsyncLifetime
{
    private const string Admin = "admin-1";
    private TestSystem _system = null!;
    private Site _confluence = null!;
    private Site _jira = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(1, DiagramRequests.AppArgs);
        _confluence = await _system.Sim.InstallTenantAsync("confluence", Admin);
        _jira = await _system.Sim.InstallTenantAsync("jira", Admin);
        await _system.Sim.PutPageAsync(_confluence, "100");
        await _system.Sim.PutIssueAsync(_jira, "DEMO-1");
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    public static TheoryData<string, string> Routes => new()
    {
        { "PUT", "/api/diagrams/confluence/pages/100/d" },
        { "GET", "/api/diagrams/confluence/pages/100" },
        { "GET", "/api/diagrams/confluence/pages/100/d" },
        { "PUT", "/api/diagrams/jira/issues/DEMO-1/d" },
        { "GET", "/api/diagrams/jira/issues/DEMO-1" },
        { "GET", "/api/diagrams/jira/issues/DEMO-1/d" },
        { "DELETE", "/api/diagrams/jira/issues/DEMO-1/d" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Lockdown_EveryDiagramRoute_Answers403LockdownWithoutReadingTheBody(string method, string path)
    {
        var site = path.Contains("/jira/", StringComparison.Ordinal) ? _jira : _confluence;
        using (var put = await _system.ApiAsync(site, HttpMethod.Put, "/api/settings", new { lockdown = true }, sub: Admin, ifMatch: "*"))
        {
            put.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var callsBefore = (await _system.Sim.CallsAsync()).Length;

        // Announce a 5 MB body and send none of it: only an answer from the headers can come back.
        var (status, body) = await HeadersOnlyAsync(method, path, await _system.Sim.ContextTokenAsync(site, SimClient.DefaultUser), contentLength: 5_000_000);

        status.ShouldBe(403);
        body.ShouldContain("\"code\":\"lockdown\"");
        (await _system.Sim.CallsAsync()).Length.ShouldBe(callsBefore);
    }

    [Fact]
    public async Task Save_OverTheSizeLimit_Answers413BeforeReadingTheBody()
    {
        var (status, body) = await HeadersOnlyAsync("PUT", "/api/diagrams/confluence/pages/100/d", await _system.Sim.ContextTokenAsync(_confluence, SimClient.DefaultUser), contentLength: 11 * 1024 * 1024);

        status.ShouldBe(413);
        body.ShouldContain("10485760");
    }

    [Fact]
    public async Task Save_ChunkedBodyOverTheLimit_Answers413()
    {
        await using var small = await _system.StartAppAsync(TestSystem.FreePort(), [.. DiagramRequests.AppArgs, "--Attachments:MaxUploadBytes=4096"]);
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(new string('x', 20_000))));
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/diagrams/confluence/pages/100/d") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Authorization = new("JWT", await _system.Sim.ContextTokenAsync(_confluence, SimClient.DefaultUser));

        using var response = await small.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await _system.Sim.AttachmentsAsync(_confluence)).ShouldBeEmpty();
    }

    /// <summary>A whole HTTP/1.1 response: chunked and terminated, or as long as its Content-Length.</summary>
    private static bool Complete(string text)
    {
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var length = System.Text.RegularExpressions.Regex.Match(text[..end], "(?im)^content-length: *([0-9]+)");
        return length.Success ? Encoding.UTF8.GetByteCount(text[(end + 4)..]) >= int.Parse(length.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : text.EndsWith("0\r\n\r\n", StringComparison.Ordinal);
    }

    /// <summary>Sends only the request head over a raw socket and reads whatever answer comes.</summary>
    private async Task<(int Status, string Body)> HeadersOnlyAsync(string method, string path, string token, long contentLength)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_system.App.Url.Host, _system.App.Url.Port);
        var stream = tcp.GetStream();
        var head = $"{method} {path} HTTP/1.1\r\nHost: {_system.App.Url.Authority}\r\nAuthorization: JWT {token}\r\n" +
                   $"Content-Type: multipart/form-data; boundary=b\r\nContent-Length: {contentLength}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[16 * 1024];
        var received = new StringBuilder();
        while (!Complete(received.ToString()))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        var text = received.ToString();
        return (int.Parse(text.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), text[(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
    }
}
