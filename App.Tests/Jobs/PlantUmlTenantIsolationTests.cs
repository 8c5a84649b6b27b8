using System.Net;
using System.Net.Http.Headers;
using Diagrams.App.Tests.Infrastructure;
using Diagrams.Converter.PlantUml;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Jobs;

/// <summary>
/// Issue 9 item 1: two tenants share one warm PlantUML process (pool of one); a source that makes PlantUML answer
/// twice must never hand one tenant's image to the other.
/// </summary>
public sealed class PlantUmlTenantIsolationTests : IAsyncLifetime
{
    /// <summary>The red team's body: a bare CR inside <c>@enduml</c>, which PlantUML's pipe drops.</summary>
    private const string Smuggling = "@startuml\nA -> X : first\n@\renduml\n@startuml\nA -> X : SMUGGLED\n@enduml\n";
    private TestConverter _eu = null!;
    private TestSystem _system = null!;

    public async Task InitializeAsync()
    {
        _eu = await TestConverter.StartAsync("EU", "--Converter:PlantUml:PoolSize=1");
        _system = await TestSystem.StartAsync(1, _eu.AppArgs());
    }

    public async Task DisposeAsync()
    {
        await _system.DisposeAsync();
        await _eu.DisposeAsync();
    }

    [Fact]
    public async Task SmugglingSource_FromTenantA_LeavesEachTenantWithOnlyItsOwnDiagram()
    {
        var a = await _system.Sim.InstallTenantAsync("confluence", "admin-a");
        var b = await _system.Sim.InstallTenantAsync("confluence", "admin-b");
        using (var warm = await PlantUmlAsync(b, "@startuml\nBob -> Carol : warm-up\n@enduml\n"))
        {
            warm.StatusCode.ShouldBe(HttpStatusCode.OK, await warm.Content.ReadAsStringAsync());
        }

        using var smuggled = await PlantUmlAsync(a, Smuggling);
        var smuggledBody = await smuggled.Content.ReadAsStringAsync();
        using var bOwn = await PlantUmlAsync(b, "@startuml\nBob -> Carol : b-confidential-plan\n@enduml\n");
        var bBody = await bOwn.Content.ReadAsStringAsync();
        using var aNext = await PlantUmlAsync(a, "@startuml\nA -> X : second\n@enduml\n");
        var aBody = await aNext.Content.ReadAsStringAsync();

        ((int)smuggled.StatusCode).ShouldBe(422, smuggledBody);
        smuggledBody.ShouldContain("carriage return");
        smuggledBody.ShouldNotContain("SMUGGLED");
        bOwn.StatusCode.ShouldBe(HttpStatusCode.OK, bBody);
        bBody.ShouldContain("b-confidential-plan");
        bBody.ShouldNotContain("SMUGGLED");
        bBody.ShouldNotContain("first");
        aNext.StatusCode.ShouldBe(HttpStatusCode.OK, aBody);
        aBody.ShouldContain("second");
        aBody.ShouldNotContain("b-confidential-plan");
        aBody.ShouldNotContain("SMUGGLED");
        _eu.Service<PlantUmlRenderer>().StartedProcesses.ShouldBe(1, "the smuggling source never reached a process");
    }

    private async Task<HttpResponseMessage> PlantUmlAsync(Site site, string source)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs/plantuml") { Content = new StringContent(source) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        request.Headers.Authorization = new AuthenticationHeaderValue("JWT", await _system.Sim.ContextTokenAsync(site));
        return await _system.App.Http.SendAsync(request);
    }
}
