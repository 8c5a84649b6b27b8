extern alias hostsim;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Diagrams.App.Tests.Attachments;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;
using MintFit = hostsim::Diagrams.HostSim.MintFit;

namespace Diagrams.App.Tests.Forge;

/// <summary>
/// Issue 10: Forge relays a UI call's body and answer through its gateway, so everything under /forge is bounded by
/// <c>Forge:MaxUiCallBytes</c> each way (here 16 KiB); larger jobs go by job ticket, diagrams from the page to the site.
/// </summary>
public sealed class ForgeCallLimitTests : IAsyncLifetime
{
    private const string Admin = "557058:forge-admin";
    private const int Bound = 16 * 1024;
    private TestSystem _system = null!;
    private TestConverter _eu = null!;

    public async Task InitializeAsync()
    {
        _eu = await TestConverter.StartAsync("EU");
        _system = await TestSystem.StartAsync(1, [.. DiagramRequests.AppArgs, .. _eu.AppArgs(), "--Regions:US:Url=", .. ForgeRequests.AppArgs,
            $"--Forge:MaxUiCallBytes={Bound}"]);
    }

    public async Task DisposeAsync()
    {
        await _system.DisposeAsync();
        await _eu.DisposeAsync();
    }

    [Fact]
    public async Task Job_OverTheBound_Is413NamingTheTicket_NothingReachesTheConverter_AndATicketRunsIt()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);
        var plantUml = $"@startuml\nA -> B\n' {new string('x', Bound)}\n@enduml\n";

        using var refused = await _system.ForgeAsync(site, HttpMethod.Post, "/api/jobs/plantuml", new MintFit(Principal: Admin), new StringContent(plantUml));

        refused.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge, await refused.Content.ReadAsStringAsync());
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("code").GetString().ShouldBe("use-job-ticket");
        problem.GetProperty("detail").GetString()!.ShouldContain("Forge:MaxUiCallBytes");
        _eu.Received.ShouldBeEmpty();

        using var issued = await _system.ForgeAsync(site, HttpMethod.Post, "/api/jobs/tickets", new MintFit(Principal: Admin), JsonContent.Create(new { kind = "plantuml" }));
        var ticket = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(ticket.GetProperty("url").GetString()!).AbsolutePath) { Content = new StringContent(plantUml) };
        request.Headers.TryAddWithoutValidation("Authorization", $"Ticket {ticket.GetProperty("ticket").GetString()}");
        using var ran = await _system.App.Http.SendAsync(request);
        ran.StatusCode.ShouldBe(HttpStatusCode.OK, await ran.Content.ReadAsStringAsync());
        (await ran.Content.ReadAsStringAsync()).ShouldContain("<svg");
    }

    [Fact]
    public async Task DiagramSave_OverTheBound_Is413_BeforeTheSiteIsAsked()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);
        await _system.Sim.PutPageAsync(site, "100");
        var before = (await _system.Sim.CallsAsync()).Length;

        using var refused = await _system.ForgeAsync(site, HttpMethod.Put, "/api/diagrams/confluence/pages/100/plan", new MintFit(Principal: Admin),
            DiagramRequests.Form(DiagramRequests.Mxfile(new string('x', Bound))));

        refused.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge, await refused.Content.ReadAsStringAsync());
        (await _system.Sim.CallsAsync()).Length.ShouldBe(before);
    }

    [Fact]
    public async Task Answer_OverTheBound_Is413_WhileTheSameReadOnConnectSucceeds()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);
        await _system.Sim.PutPageAsync(site, "100");
        using (var saved = await _system.SaveAsync(site, "/api/diagrams/confluence/pages/100/plan", DiagramRequests.Mxfile(new string('y', Bound)), user: Admin))
        {
            saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        }

        using var viaForge = await _system.ForgeAsync(site, HttpMethod.Get, "/api/diagrams/confluence/pages/100/plan", new MintFit(Principal: Admin));
        using var viaConnect = await _system.SendAsync(site, HttpMethod.Get, "/api/diagrams/confluence/pages/100/plan", null, user: Admin);

        viaForge.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge, await viaForge.Content.ReadAsStringAsync());
        JsonDocument.Parse(await viaForge.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString().ShouldBe("use-job-ticket");
        viaConnect.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await viaConnect.Content.ReadAsStringAsync()).ShouldContain(new string('y', Bound));
    }

    [Fact]
    public async Task SmallCalls_UnderTheBound_AreServed()
    {
        var site = await _system.Sim.InstallTenantAsync("confluence", Admin);

        using var capabilities = await _system.ForgeAsync(site, HttpMethod.Get, "/api/capabilities");
        using var job = await _system.ForgeAsync(site, HttpMethod.Post, "/api/jobs/plantuml", new MintFit(Principal: Admin), new StringContent("@startuml\nA -> B\n@enduml\n"));

        capabilities.StatusCode.ShouldBe(HttpStatusCode.OK);
        job.StatusCode.ShouldBe(HttpStatusCode.OK, await job.Content.ReadAsStringAsync());
    }
}
