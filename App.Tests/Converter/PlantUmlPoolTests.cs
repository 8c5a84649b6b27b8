using System.Security.Cryptography;
using System.Text;
using Diagrams.App.Tests.Infrastructure;
using Diagrams.Converter;
using Diagrams.Converter.PlantUml;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;
using ConverterProgram = Diagrams.Converter.Program;

namespace Diagrams.App.Tests.Converter;

/// <summary>
/// Issue 9 item 1(b): the warm pool stays in step even when a block slips past the guard. These blocks go to the
/// renderer directly, as if <see cref="PlantUmlGuard"/> had missed them; each makes PlantUML answer more than once.
/// </summary>
public sealed class PlantUmlPoolTests : IAsyncLifetime
{
    private WebApplication _app = null!;

    private PlantUmlRenderer Renderer => _app.Services.GetRequiredService<PlantUmlRenderer>();

    public async Task InitializeAsync()
    {
        _app = ConverterProgram.Build([$"--urls=http://127.0.0.1:{TestSystem.FreePort()}", "--Converter:Region=EU",
            $"--Converter:ServiceKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}", "--Logging:LogLevel:Default=Warning",
            "--Converter:PlantUml:PoolSize=1"]);
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("@startuml\nA -> X : first\n@\renduml\n@startuml\nCarol -> X : SMUGGLED\n@enduml", PlantUmlFormat.Svg)]
    [InlineData("@startuml\nA -> X : first\n@enduml\n@startuml\nCarol -> X : SMUGGLED\n@enduml", PlantUmlFormat.Svg)]
    [InlineData("@startuml\nthis line is a syntax error\n@enduml\n@startuml\nCarol -> X : SMUGGLED\n@enduml", PlantUmlFormat.Svg)]
    [InlineData("@startuml\nA -> X : first\n@enduml\n@@@format svg\n@startuml\nCarol -> X : SMUGGLED\n@enduml", PlantUmlFormat.Png)]
    [InlineData("@startuml\nA -> X : first\n@enduml\n@startuml\nCarol -> X : SMUGGLED\n@enduml\n@startuml\nCarol -> X : SMUGGLED\n@enduml", PlantUmlFormat.Svg)]
    public async Task BlockAnsweredMoreThanOnce_IsRefused_ProcessReplaced_NextCallerGetsOnlyItsOwn(string block, PlantUmlFormat format)
    {
        (await SvgTextAsync("@startuml\nBob -> Alice : warm\n@enduml")).ShouldContain("warm");
        Renderer.StartedProcesses.ShouldBe(1);

        var refused = await Should.ThrowAsync<JobRejectedException>(() => Renderer.RenderAsync(block, format, CancellationToken.None));
        var next = await SvgTextAsync("@startuml\nBob -> Carol : b-own-diagram\n@enduml");
        var after = await SvgTextAsync("@startuml\nBob -> Carol : b-again\n@enduml");

        refused.Status.ShouldBe(422);
        refused.Message.ShouldContain("did not match");
        next.ShouldContain("b-own-diagram");
        next.ShouldNotContain("SMUGGLED");
        next.ShouldNotContain("first");
        after.ShouldContain("b-again");
        after.ShouldNotContain("b-own-diagram");
        Renderer.StartedProcesses.ShouldBe(2, "the process that answered out of step was killed and replaced");
    }

    [Fact]
    public async Task SyntaxError_IsOneAnswer_Refused422_AndKeepsTheProcessWarm()
    {
        var error = await Should.ThrowAsync<JobRejectedException>(() => Renderer.RenderAsync("@startuml\nthis line is a syntax error\n@enduml", PlantUmlFormat.Svg, CancellationToken.None));
        var next = await SvgTextAsync("@startuml\nBob -> Carol : after-error\n@enduml");

        error.Status.ShouldBe(422);
        error.Message.ShouldContain("line 2: Syntax Error?");
        error.Extensions.ShouldNotBeNull()["line"].ShouldBe(2);
        next.ShouldContain("after-error");
        next.ShouldNotContain("Syntax Error");
        Renderer.StartedProcesses.ShouldBe(1);
    }

    private async Task<string> SvgTextAsync(string block) =>
        Encoding.UTF8.GetString(await Renderer.RenderAsync(block, PlantUmlFormat.Svg, CancellationToken.None));
}
