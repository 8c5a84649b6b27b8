using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Diagrams.App.Tests.Infrastructure;
using Diagrams.Converter.PlantUml;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;
using ConverterProgram = Diagrams.Converter.Program;

namespace Diagrams.App.Tests.Converter;

/// <summary>PlantUML over HTTP on a real in-process Converter: warm sandboxed processes, hostile input refused, syntax errors a 422 naming the line.</summary>
public sealed class PlantUmlTests : IAsyncLifetime
{
    private const string Sequence = "@startuml\nparticipant Alice\nparticipant Bob\nAlice -> Bob: hello\nBob --> Alice: hi\n@enduml\n";
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly string _key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(90) };
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

    [Fact]
    public async Task Sequence_RendersSvg_WithItsParticipants()
    {
        using var response = await RenderAsync(Sequence);

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        body.ShouldContain("<svg");
        body.ShouldContain("Alice");
        body.ShouldContain("Bob");
        body.ShouldNotContain("Java Version", Case.Insensitive);
        body.ShouldNotContain("@startuml");
    }

    [Fact]
    public async Task Sequence_AsPng_StartsWithThePngSignature()
    {
        using var response = await RenderAsync(Sequence, "png");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Length.ShouldBeGreaterThan(100);
        bytes[..8].ShouldBe(PngSignature);
    }

    [Theory]
    [InlineData("@startuml\n!include /etc/passwd\nA -> B\n@enduml\n", "!include")]
    [InlineData("@startuml\n  !includeurl http://example.com/x\nA -> B\n@enduml\n", "!includeurl")]
    [InlineData("@startuml\nA -> B: %getenv(\"HOME\")\n@enduml\n", "%getenv")]
    [InlineData("@startuml\n!PRAGMA layout smetana\nA -> B\n@enduml\n", "!pragma")]
    [InlineData("@startuml\nA -> B: <img:/etc/passwd>\n@enduml\n", "<img")]
    [InlineData("@startuml\n@@@format png\nA -> B\n@enduml\n", "@@@format")]
    public async Task HostileSource_Is422NamingTheDirective_AndTheServiceStillRenders(string source, string named)
    {
        using (var refused = await RenderAsync(source))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
            (await refused.Content.ReadAsStringAsync()).ShouldContain(named);
        }

        Renderer.StartedProcesses.ShouldBe(0, "refused before any PlantUML process saw it");
        using var normal = await RenderAsync(Sequence);
        normal.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await normal.Content.ReadAsStringAsync()).ShouldContain("Alice");
    }

    [Theory]
    [InlineData("' a comment\n\n@startuml\nAlice -> Bob: hi\nthis is not PlantUML (((\n@enduml\n", "svg", 5)]
    [InlineData("@startuml\nAlice -> Bob: one \\\ntwo\nthis is not PlantUML (((\n@enduml\n", "png", 4)]
    public async Task SyntaxError_Is422WithTheUsersLineAndPlantUmlsMessage_NotAnErrorPicture(string source, string format, int line)
    {
        using var refused = await RenderAsync(source, format);

        var body = await refused.Content.ReadAsStringAsync();
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, body);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(body);
        problem.RootElement.GetProperty("title").GetString().ShouldBe("PlantUML syntax error");
        problem.RootElement.GetProperty("line").GetInt32().ShouldBe(line, "counted in the source as sent: comments, blank and joined lines included");
        problem.RootElement.GetProperty("message").GetString().ShouldBe("Syntax Error?");
        problem.RootElement.GetProperty("detail").GetString().ShouldBe($"PlantUML cannot read line {line}: Syntax Error? Correct the line and try again.");

        using var normal = await RenderAsync(Sequence);
        normal.StatusCode.ShouldBe(HttpStatusCode.OK); // the pool stays warm after an error: PlantUmlPoolTests
    }

    [Theory]
    [InlineData(11, 1, "@start")]
    [InlineData(1, 5001, "5000 lines")]
    public async Task OversizedSource_Is422(int blocks, int linesPerBlock, string named)
    {
        var block = "@startuml\n" + string.Concat(Enumerable.Repeat("A -> B\n", linesPerBlock)) + "@enduml\n";
        using var refused = await RenderAsync(string.Concat(Enumerable.Repeat(block, blocks)));

        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync()).ShouldContain(named);
    }

    [Fact]
    public async Task TwentySequentialRenders_ReuseTheWarmProcesses()
    {
        for (var i = 0; i < 20; i++)
        {
            using var response = await RenderAsync($"@startuml\nParticipant{i} -> Other: call {i}\n@enduml", i % 2 == 0 ? "svg" : "png");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        Renderer.StartedProcesses.ShouldBeGreaterThan(0);
        Renderer.StartedProcesses.ShouldBeLessThanOrEqualTo(Renderer.Options.PoolSize);
    }

    [Fact]
    public async Task AProcessStartedForAThreadThatEnds_StaysWarm()
    {
        // Warm the sandbox probe and the first slot, so the next render starts its process synchronously on the thread below.
        (await Renderer.RenderAsync(Sequence, PlantUmlFormat.Svg, CancellationToken.None)).Length.ShouldBeGreaterThan(0);
        var thread = new Thread(() => Renderer.RenderAsync(Sequence, PlantUmlFormat.Svg, CancellationToken.None).GetAwaiter().GetResult());
        thread.Start();
        thread.Join();
        Renderer.StartedProcesses.ShouldBe(2);
        await Task.Delay(1000); // the thread that asked for the second process is gone now

        for (var i = 0; i < 4; i++)
        {
            (await Renderer.RenderAsync(Sequence, PlantUmlFormat.Svg, CancellationToken.None)).Length.ShouldBeGreaterThan(0);
        }

        Renderer.StartedProcesses.ShouldBe(2, "bwrap's --die-with-parent must not kill a warm process when the thread that started it ends");
    }

    [Fact]
    public async Task BwrapUnusable_FailsClosedWith503_AndStartsNothing()
    {
        await using var app = ConverterProgram.Build([$"--urls=http://127.0.0.1:{TestSystem.FreePort()}", "--Converter:Region=EU", $"--Converter:ServiceKey={_key}",
            "--Logging:LogLevel:Default=Critical", "--Converter:PlantUml:BwrapPath=/nonexistent/bwrap"]);
        await app.StartAsync();
        var renderer = app.Services.GetRequiredService<PlantUmlRenderer>();

        var refused = await Should.ThrowAsync<Diagrams.Converter.JobRejectedException>(() => renderer.RenderAsync(Sequence, PlantUmlFormat.Svg, CancellationToken.None));

        refused.Status.ShouldBe(503);
        refused.Message.ShouldContain("bubblewrap");
        renderer.StartedProcesses.ShouldBe(0);
        await app.StopAsync();
    }

    [Fact]
    public async Task WithoutToken_Is401()
    {
        using var response = await Http.PostAsync(new Uri(_url, "/v1/render/plantuml"), new StringContent(Sequence));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private PlantUmlRenderer Renderer => _app.Services.GetRequiredService<PlantUmlRenderer>();

    private async Task<HttpResponseMessage> RenderAsync(string source, string? format = null)
    {
        var path = format is null ? "/v1/render/plantuml" : $"/v1/render/plantuml?format={format}";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_url, path))
        {
            Content = new StringContent(source, Encoding.UTF8, "text/plain"),
        };
        request.Headers.Authorization = ServiceTokens.Bearer(_key);
        return await Http.SendAsync(request);
    }
}
