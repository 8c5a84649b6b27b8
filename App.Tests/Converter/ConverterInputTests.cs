using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Diagrams.App.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Shouldly;
using Xunit;
using ConverterProgram = Diagrams.Converter.Program;

namespace Diagrams.App.Tests.Converter;

/// <summary>The Converter's own job routes: a request's unreadable headers or body are a 4xx naming the problem, never a 500.</summary>
public sealed class ConverterInputTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };
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

    public static TheoryData<string, string> Routes()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in new[] { "v1/render/plantuml", "v1/import/gliffy", "v1/import/visio", "v1/export/pdf" })
        {
            foreach (var type in new[] { "a b", ";;;", "text/plain, application/json", "text/plain; charset=", "text" })
            {
                data.Add(route, type);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task UnreadableContentType_Is415NamingTheHeader(string route, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_url, route)) { Content = new ByteArrayContent("@startuml\nA -> B\n@enduml\n"u8.ToArray()) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType).ShouldBeTrue();
        request.Headers.Authorization = ServiceTokens.Bearer(_key);

        using var response = await Http.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        body.ShouldContain("Content-Type");
    }

    [Fact]
    public async Task BodyBelowKestrelsMinimumRate_Is408NotA500()
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _url.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /v1/render/plantuml HTTP/1.1\r\nHost: {_url.Authority}\r\nConnection: close\r\nAuthorization: Bearer {ServiceTokens.Sign(_key)}\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n"));
        using var stop = new CancellationTokenSource();
        var trickle = Task.Run(async () =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    await stream.WriteAsync("x"u8.ToArray(), stop.Token);
                    await Task.Delay(2000, stop.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException)
            {
                // answered and closed
            }
        });

        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await trickle;

        var answer = Encoding.UTF8.GetString(buffer, 0, read);
        answer.ShouldStartWith("HTTP/1.1 408", Case.Sensitive, answer);
    }

    [Fact]
    public async Task BodyCutOffByTheCaller_IsNotAnUnhandledError()
    {
        var logs = new LogCapture();
        var url = new Uri($"http://127.0.0.1:{TestSystem.FreePort()}");
        await using var app = ConverterProgram.Build([$"--urls={url}", "--Converter:Region=EU", $"--Converter:ServiceKey={_key}", "--Logging:LogLevel:Default=Information"],
            builder => builder.Logging.AddProvider(logs));
        await app.StartAsync();
        using (var client = new System.Net.Sockets.TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, url.Port);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /v1/render/plantuml HTTP/1.1\r\nHost: {url.Authority}\r\nAuthorization: Bearer {ServiceTokens.Sign(_key)}\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n@startuml\n"));
            await Task.Delay(300);
            client.Client.LingerState = new System.Net.Sockets.LingerOption(true, 0);
            client.Client.Close(0); // RST mid-body
        }

        for (var i = 0; i < 50 && !logs.Lines.Any(l => l.Contains("Job plantuml finished", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(100);
        }

        await app.StopAsync();
        logs.Lines.ShouldContain(l => l.Contains("Job plantuml finished: aborted", StringComparison.Ordinal), string.Join("\n", logs.Lines));
        logs.Lines.ShouldNotContain(l => l.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase), string.Join("\n", logs.Lines));
    }
}
