using System.Net;
using System.Text;
using System.Text.Json;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Attachments;

/// <summary>Jira has no attachment versions: upload the new file, update the issue property, delete the old file.</summary>
public sealed class JiraDiagramsTests : IAsyncLifetime
{
    private const string Base = "/api/diagrams/jira/issues/DEMO-1";
    private TestSystem _system = null!;
    private Site _site = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(1, DiagramRequests.AppArgs);
        _site = await _system.Sim.InstallTenantAsync("jira");
        await _system.Sim.PutIssueAsync(_site, "DEMO-1");
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task SaveListReadReplaceDelete_KeepsOneFileAndAnAccurateIndex()
    {
        using (var first = await _system.SaveAsync(_site, Base + "/arch", DiagramRequests.Mxfile("one"), DiagramRequests.Png))
        {
            first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        }

        using var second = await _system.SaveAsync(_site, Base + "/arch", DiagramRequests.Mxfile("two"), DiagramRequests.Png);
        var saved = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;
        saved.GetProperty("version").GetInt32().ShouldBe(2);

        var stored = await _system.Sim.AttachmentsAsync(_site);
        stored.Select(a => a.GetProperty("name").GetString()).Order().ShouldBe(["arch", "arch.png"]); // the old pair is gone
        stored.Single(a => a.GetProperty("name").GetString() == "arch").GetProperty("id").GetString().ShouldBe(saved.GetProperty("attachmentId").GetString());
        using (var list = await _system.SendAsync(_site, HttpMethod.Get, Base))
        {
            var items = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement;
            items.GetArrayLength().ShouldBe(1);
            items[0].GetProperty("name").GetString().ShouldBe("arch");
        }

        using (var read = await _system.SendAsync(_site, HttpMethod.Get, Base + "/arch"))
        {
            Encoding.UTF8.GetString(await read.Content.ReadAsByteArrayAsync()).ShouldContain("two");
        }

        using var delete = await _system.SendAsync(_site, HttpMethod.Delete, Base + "/arch");
        using var again = await _system.SendAsync(_site, HttpMethod.Delete, Base + "/arch");

        delete.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _system.Sim.AttachmentsAsync(_site)).ShouldBeEmpty();
    }

    [Fact]
    public async Task TwoSavesOfDifferentDiagramsAtOnce_BothStay()
    {
        // Issue properties have no version check. One save's property write is held 500 ms and lands after the other
        // save has finished: with one shared index it would overwrite the other's entry; each diagram has its own property.
        await _system.Sim.AddFaultAsync(new(Kind: "slow", SiteId: _site.SiteId, PathContains: "/properties/secure-diagram.", Method: "PUT", Count: 1, DelayMs: 500));

        var saves = await Task.WhenAll(
            _system.SaveAsync(_site, Base + "/left", DiagramRequests.Mxfile("left")),
            _system.SaveAsync(_site, Base + "/right", DiagramRequests.Mxfile("right")));

        foreach (var save in saves)
        {
            save.StatusCode.ShouldBe(HttpStatusCode.OK, await save.Content.ReadAsStringAsync());
            save.Dispose();
        }

        (await _system.Sim.FiredFaultsAsync()).Length.ShouldBe(1, "one property write was held");
        using var list = await _system.SendAsync(_site, HttpMethod.Get, Base);
        var names = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(d => d.GetProperty("name").GetString()).Order().ToArray();
        names.ShouldBe(["left", "right"]);
        (await _system.Sim.AttachmentsAsync(_site)).Length.ShouldBe(2);
    }

    [Fact]
    public async Task Save_OnMissingIssueOrDisabledAttachments_MapsToClearProblems()
    {
        await _system.Sim.PutIssueAsync(_site, "DEMO-2", attachmentsEnabled: false);

        using var missing = await _system.SaveAsync(_site, "/api/diagrams/jira/issues/NOPE-9/d", DiagramRequests.Mxfile("x"));
        using var disabled = await _system.SaveAsync(_site, "/api/diagrams/jira/issues/DEMO-2/d", DiagramRequests.Mxfile("x"));
        using var badKey = await _system.SaveAsync(_site, "/api/diagrams/jira/issues/demo 1/d", DiagramRequests.Mxfile("x"));

        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        disabled.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        badKey.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Save_ConnectionDroppedAfterJiraStoredTheUpload_LeavesNoDuplicate()
    {
        await _system.Sim.AddFaultAsync(new(Kind: "drop-after-processing", SiteId: _site.SiteId, PathContains: "/attachments", Method: "POST"));

        using var response = await _system.SaveAsync(_site, Base + "/d", DiagramRequests.Mxfile("x"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await _system.Sim.AttachmentsAsync(_site)).Length.ShouldBe(1);
        (await _system.Sim.FiredFaultsAsync()).Length.ShouldBe(1);
    }
}
