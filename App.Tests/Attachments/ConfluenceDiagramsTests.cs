extern alias hostsim;

using System.Net;
using System.Text;
using System.Text.Json;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Attachments;

/// <summary>Server-side saves to Confluence page attachments through HostSim's documented endpoints.</summary>
public sealed class ConfluenceDiagramsTests : IAsyncLifetime
{
    private const string Base = "/api/diagrams/confluence/pages/100";
    private TestSystem _system = null!;
    private Site _site = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(1, DiagramRequests.AppArgs);
        _site = await _system.Sim.InstallTenantAsync();
        await _system.Sim.PutPageAsync(_site, "100");
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Save_Twice_CreatesVersionsWithPreview_AndReadsEachBack()
    {
        using var first = await _system.SaveAsync(_site, Base + "/flow", DiagramRequests.Mxfile("one"), DiagramRequests.Png);
        using var second = await _system.SaveAsync(_site, Base + "/flow", DiagramRequests.Mxfile("two"), DiagramRequests.Png);

        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        (await JsonAsync(first)).GetProperty("version").GetInt32().ShouldBe(1);
        var saved = await JsonAsync(second);
        saved.GetProperty("version").GetInt32().ShouldBe(2);
        saved.GetProperty("name").GetString().ShouldBe("flow");
        var stored = await _system.Sim.AttachmentsAsync(_site);
        stored.Select(a => a.GetProperty("name").GetString()).Order().ShouldBe(["flow", "flow.png"]);
        var diagram = stored.Single(a => a.GetProperty("name").GetString() == "flow");
        diagram.GetProperty("versions")[0].GetProperty("mediaType").GetString().ShouldBe("application/vnd.jgraph.mxfile");
        saved.GetProperty("attachmentId").GetString().ShouldBe(diagram.GetProperty("id").GetString());

        (await TextAsync(Base + "/flow")).ShouldContain("two");
        (await TextAsync(Base + "/flow?version=1")).ShouldContain("one");
        (await _system.Sim.MediaRequestsAsync()).ShouldAllBe(m => !m.GetProperty("authorizationPresent").GetBoolean());
        (await _system.Sim.MediaRequestsAsync()).Length.ShouldBe(2);
    }

    [Fact]
    public async Task List_ShowsDiagramsOnly()
    {
        using (await _system.SaveAsync(_site, Base + "/a", DiagramRequests.Mxfile("a"), DiagramRequests.Png))
        using (await _system.SaveAsync(_site, Base + "/b", DiagramRequests.Mxfile("b")))
        {
        }

        using var list = await _system.SendAsync(_site, HttpMethod.Get, Base);

        var items = (await JsonAsync(list)).EnumerateArray().ToList();
        items.Select(i => i.GetProperty("name").GetString()).Order().ShouldBe(["a", "b"]);
    }

    [Fact]
    public async Task Save_OnDraftPage_NeedsStatusDraft()
    {
        await _system.Sim.PutPageAsync(_site, "200", status: "draft");

        using var withoutStatus = await _system.SaveAsync(_site, "/api/diagrams/confluence/pages/200/d", DiagramRequests.Mxfile("x"));
        using var asDraft = await _system.SaveAsync(_site, "/api/diagrams/confluence/pages/200/d?status=draft", DiagramRequests.Mxfile("x"));

        withoutStatus.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        asDraft.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Save_HostRefusals_MapToClearProblems()
    {
        await _system.Sim.PutPageAsync(_site, "300", attachmentsEnabled: false);
        await _system.Sim.PutPageAsync(_site, "400", visible: false);

        using var missing = await _system.SaveAsync(_site, "/api/diagrams/confluence/pages/999/d", DiagramRequests.Mxfile("x"));
        using var invisible = await _system.SaveAsync(_site, "/api/diagrams/confluence/pages/400/d", DiagramRequests.Mxfile("x"));
        using var disabled = await _system.SaveAsync(_site, "/api/diagrams/confluence/pages/300/d", DiagramRequests.Mxfile("x"));
        await _system.Sim.SetAttachmentLimitAsync(_site, 100);
        using var tooLarge = await _system.SaveAsync(_site, Base + "/d", DiagramRequests.Mxfile(new string('x', 500)));

        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("does not exist or is not visible");
        invisible.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        disabled.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await disabled.Content.ReadAsStringAsync()).ShouldContain("attachments are disabled");
        tooLarge.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await _system.Sim.AttachmentsAsync(_site)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("..%2Fx")]
    [InlineData("a%0Ab")]
    [InlineData("tab%09name")]
    [InlineData("flow.png")]
    [InlineData("flow.SVG")]
    public async Task Save_BadName_Answers400(string name)
    {
        using var response = await _system.SaveAsync(_site, Base + "/" + name, DiagramRequests.Mxfile("x"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("name");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public async Task Read_NonPositiveVersion_Answers400(string version)
    {
        using var response = await _system.SendAsync(_site, HttpMethod.Get, Base + "/flow?version=" + version);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("positive");
    }

    [Fact]
    public async Task Save_PreviewGoesFirst_SoAFailedPreviewLeavesTheDiagramUnchanged()
    {
        await _system.Sim.AddFaultAsync(new hostsim::Diagrams.HostSim.FaultSpec("503", _site.SiteId, "/child/attachment", "PUT"));

        using var failed = await _system.SaveAsync(_site, Base + "/flow", DiagramRequests.Mxfile("x"), DiagramRequests.Png);

        failed.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await _system.Sim.AttachmentsAsync(_site)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Save_NameOf300Characters_Answers400()
    {
        using var response = await _system.SaveAsync(_site, Base + "/" + new string('n', 300), DiagramRequests.Mxfile("x"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("longer than 200");
    }

    [Theory]
    [InlineData("<html/>")]
    [InlineData("<!DOCTYPE mxfile [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><mxfile>&x;</mxfile>")]
    [InlineData("<mxfile>")]
    public async Task Save_NotAWellFormedMxfile_Answers400AndSendsNothing(string xml)
    {
        using var response = await _system.SaveAsync(_site, Base + "/d", xml);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _system.Sim.AttachmentsAsync(_site)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Save_NameWithSpacesAndUnicode_RoundTrips()
    {
        using var saved = await _system.SaveAsync(_site, Base + "/" + Uri.EscapeDataString("Ablauf (v2) – Übersicht"), DiagramRequests.Mxfile("u"));

        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        (await _system.Sim.AttachmentsAsync(_site)).Single().GetProperty("name").GetString().ShouldBe("Ablauf (v2) – Übersicht");
        (await TextAsync(Base + "/" + Uri.EscapeDataString("Ablauf (v2) – Übersicht"))).ShouldContain("\"u\"");
    }

    private async Task<string> TextAsync(string path)
    {
        using var response = await _system.SendAsync(_site, HttpMethod.Get, path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        return Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
