using System.Net;
using System.Security.Cryptography;
using System.Text;
using Diagrams.App.Tests.Infrastructure;
using Diagrams.Converter.PlantUml;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;
using ConverterProgram = Diagrams.Converter.Program;

namespace Diagrams.App.Tests.Converter;

/// <summary>
/// Issue 9 item 4: the guard checks the lines PlantUML will run, not the bytes it was sent. PlantUML's pipe drops
/// every CR, its reader strips a BOM at the start of any line, its preprocessor joins a line ending in one backslash
/// with the next, removes <c>/'…'/</c> comments (also mid-line as <c>/'''x'''/</c>) and a header repeated before
/// <c>@startuml</c>; each of those once turned a refused directive into one PlantUML ran.
/// </summary>
public sealed class PlantUmlGuardTests : IAsyncLifetime
{
    private readonly string _key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(90) };
    private WebApplication _app = null!;
    private Uri _url = null!;

    private PlantUmlRenderer Renderer => _app.Services.GetRequiredService<PlantUmlRenderer>();

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
    [InlineData("@startuml\n!inc\rlude /etc/fonts/fonts.conf\nA -> B\n@enduml\n", "carriage return")]
    [InlineData("@startuml\nA -> B : %get\renv(\"HOME\")\n@enduml\n", "carriage return")]
    [InlineData("@startuml\nA -> B : <im\rg:/etc/passwd>\n@enduml\n", "carriage return")]
    [InlineData("@startuml\n\uFEFF!include /etc/fonts/fonts.conf\nA -> B\n@enduml\n", "U+FEFF")]
    [InlineData("@startuml\n!inc\\\nlude /etc/fonts/fonts.conf\nA -> B\n@enduml\n", "!include")]
    [InlineData("@startuml\nA -> B : %get\\\nenv(\"HOME\")\n@enduml\n", "%getenv")]
    [InlineData("@startuml\nA -> B : <im\\\ng:/etc/fonts/fonts.conf>\n@enduml\n", "<img")]
    [InlineData("@startuml\n/' note '/!include /etc/fonts/fonts.conf\nA -> B\n@enduml\n", "!include")]
    [InlineData("@startuml\n!inc/'''x'''/lude /etc/fonts/fonts.conf\nA -> B\n@enduml\n", "!include")]
    [InlineData("@startuml\nA -> B : %get/'''x'''/env(\"HOME\")\n@enduml\n", "%getenv")]
    [InlineData("@startuml\nA -> B : <im/'''x'''/g:/etc/fonts/fonts.conf>\n@enduml\n", "<img")]
    [InlineData("@startuml\n' @startuml\n' !include /etc/fonts/fonts.conf\nA -> B\n@enduml\n", "!include")]
    [InlineData("@startuml\nA -> B : %invoke_void_func(\"$p\")\n@enduml\n", "%invoke_void_func")]
    public async Task DisguisedFileOrEnvironmentAccess_Is422NamingIt_BeforeAnyProcess(string source, string named)
    {
        using var refused = await RenderAsync(source);

        var body = await refused.Content.ReadAsStringAsync();
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, body);
        body.ShouldContain(named);
        body.ShouldContain("Line ");
        Renderer.StartedProcesses.ShouldBe(0, "refused before any PlantUML process saw it");
    }

    [Theory]
    [InlineData("@startmath\nx^2\n@endmath\n", "@startmath")]
    [InlineData("@startlatex\nx^2\n@endlatex\n", "@startlatex")]
    [InlineData("@startJcckit(300,200)\ndata\n@endjcckit\n", "@startjcckit")]
    [InlineData("@startuml\nversion\n@enduml\n", "'version'")]
    [InlineData("@startuml\n  TESTDOT \n@enduml\n", "'testdot'")]
    [InlineData("@startuml\nstdlib\n@enduml\n", "'stdlib'")]
    public async Task CrashingKindOrEnvironmentPrintingCommand_Is422NamingIt_BeforeAnyProcess(string source, string named)
    {
        using var refused = await RenderAsync(source);

        var body = await refused.Content.ReadAsStringAsync();
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, body);
        body.ShouldContain(named);
        Renderer.StartedProcesses.ShouldBe(0, "refused before any PlantUML process saw it");
    }

    [Theory]
    [InlineData("\u000b", "U+000B")]
    [InlineData("\u001b", "U+001B")]
    [InlineData("\u0085", "U+0085")]
    [InlineData("\u2028", "U+2028")]
    public async Task ControlOrSeparatorCharacter_Is422NamingTheLineAndCharacter(string character, string named)
    {
        using var refused = await RenderAsync($"@startuml\nA -> B : one{character}two\n@enduml\n");

        var body = await refused.Content.ReadAsStringAsync();
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, body);
        body.ShouldContain("Line 2");
        body.ShouldContain(named);
    }

    [Fact]
    public async Task CrlfLineEndsAndContinuationLines_StillRender()
    {
        using var response = await RenderAsync("@startuml\r\nAlice -> Bob : crlf-label\r\nBob -> Alice : joined-\\\r\nlabel\r\n@enduml\r\n");

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        body.ShouldContain("crlf-label");
        body.ShouldContain("joined-label");
        body.ShouldNotContain("Syntax Error");
    }

    private async Task<HttpResponseMessage> RenderAsync(string source)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_url, "/v1/render/plantuml"))
        {
            Content = new StringContent(source, Encoding.UTF8, "text/plain"),
        };
        request.Headers.Authorization = ServiceTokens.Bearer(_key);
        return await Http.SendAsync(request);
    }
}
