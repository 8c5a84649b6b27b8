using System.Net;
using System.Text.Json;
using Diagrams.App.Attachments;
using Diagrams.App.Platform.Connect;
using Diagrams.App.Platform.HostCalls;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Attachments;

/// <summary>
/// Any user who may edit an issue can write its <c>secure-diagram.*</c> properties, so the attachment ids in them are
/// untrusted: only decimal ids of attachments on that same issue are read or deleted, and every outbound path is built
/// from escaped segments (issue 9, item 3: a planted id read another issue's file, or sent signed requests anywhere).
/// </summary>
public sealed class JiraAttachmentIdTests : IAsyncLifetime
{
    private TestSystem _system = null!;
    private Site _site = null!;
    private string _secretId = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(1, DiagramRequests.AppArgs);
        _site = await _system.Sim.InstallTenantAsync("jira");
        await _system.Sim.PutIssueAsync(_site, "DEMO-1");
        await _system.Sim.PutIssueAsync(_site, "SECRET-1");
        using var saved = await _system.SaveAsync(_site, "/api/diagrams/jira/issues/SECRET-1/roadmap", DiagramRequests.Mxfile("confidential-roadmap"));
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        _secretId = JsonDocument.Parse(await saved.Content.ReadAsStringAsync()).RootElement.GetProperty("attachmentId").GetString()!;
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Read_PlantedIdOfAnotherIssuesAttachment_Is404WithoutItsContent()
    {
        await PlantAsync("plan", _secretId);

        using var read = await _system.SendAsync(_site, HttpMethod.Get, "/api/diagrams/jira/issues/DEMO-1/plan");

        read.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await read.Content.ReadAsStringAsync()).ShouldNotContain("confidential-roadmap");
    }

    [Theory]
    [InlineData("../../../../../rest/api/3/issue/SECRET-1?fields=attachment&x=")]
    [InlineData("../issue/SECRET-1")]
    [InlineData("9001/../../issue/SECRET-1")]
    [InlineData("%2e%2e%2fissue%2fSECRET-1")]
    [InlineData("10001?redirect=true")]
    public async Task ReadAndDelete_PlantedPathInsteadOfAnId_SendNothingOutsideThisIssue(string plantedId)
    {
        await PlantAsync("plan", plantedId, previewId: plantedId);
        var before = (await _system.Sim.CallsAsync()).Length;

        using var read = await _system.SendAsync(_site, HttpMethod.Get, "/api/diagrams/jira/issues/DEMO-1/plan");
        using var delete = await _system.SendAsync(_site, HttpMethod.Delete, "/api/diagrams/jira/issues/DEMO-1/plan");

        read.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await read.Content.ReadAsStringAsync()).ShouldNotContain("confidential-roadmap");
        delete.StatusCode.ShouldBe(HttpStatusCode.NotFound); // a record that names no attachment id is no diagram
        var calls = (await _system.Sim.CallsAsync()).Skip(before).Select(c => c.GetProperty("method").GetString() + " " + c.GetProperty("path").GetString()).ToList();
        calls.ShouldNotBeEmpty();
        calls.ShouldAllBe(c => c.Contains("/issue/DEMO-1", StringComparison.Ordinal) || c.EndsWith("/permissions/check", StringComparison.Ordinal));
        calls.ShouldNotContain(c => c.StartsWith("DELETE", StringComparison.Ordinal));
        (await _system.Sim.AttachmentsAsync(_site)).ShouldContain(a => a.GetProperty("id").GetString() == _secretId);
    }

    [Fact]
    public async Task Delete_PlantedIdOfAnotherIssuesAttachment_LeavesThatAttachment()
    {
        await PlantAsync("plan", _secretId, previewId: _secretId);

        using var delete = await _system.SendAsync(_site, HttpMethod.Delete, "/api/diagrams/jira/issues/DEMO-1/plan");

        delete.StatusCode.ShouldBe(HttpStatusCode.NoContent); // the record on DEMO-1 is gone
        (await _system.Sim.AttachmentsAsync(_site)).ShouldContain(a => a.GetProperty("id").GetString() == _secretId);
        (await _system.Sim.CallsAsync()).ShouldNotContain(c => c.GetProperty("method").GetString() == "DELETE"
            && c.GetProperty("path").GetString()!.EndsWith("/attachment/" + _secretId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Save_OverAPlantedRecord_DoesNotDeleteAnotherIssuesAttachment()
    {
        await PlantAsync("plan", _secretId, previewId: _secretId);

        using var save = await _system.SaveAsync(_site, "/api/diagrams/jira/issues/DEMO-1/plan", DiagramRequests.Mxfile("mine"));

        save.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _system.Sim.AttachmentsAsync(_site)).ShouldContain(a => a.GetProperty("id").GetString() == _secretId);
    }

    [Fact]
    public async Task List_WithPlantedAndMalformedRecords_ListsOnlyTrueDiagrams()
    {
        using (var real = await _system.SaveAsync(_site, "/api/diagrams/jira/issues/DEMO-1/real", DiagramRequests.Mxfile("real")))
        {
            real.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await PlantAsync("plan", "../issue/SECRET-1");
        await _system.Sim.PlantIssuePropertyAsync(_site, "DEMO-1", JiraAttachments.PropertyKey("odd"), new { name = "odd", attachmentId = 5, version = "x" });
        await _system.Sim.PlantIssuePropertyAsync(_site, "DEMO-1", JiraAttachments.PropertyKey("list"), new List<int> { 1, 2 });

        using var list = await _system.SendAsync(_site, HttpMethod.Get, "/api/diagrams/jira/issues/DEMO-1");

        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        var names = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(d => d.GetProperty("name").GetString()).ToList();
        names.ShouldBe(["real"]);
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    public void RestPath_DotOrEmptySegment_IsRefused(string segment) =>
        Should.Throw<UnsafePathSegmentException>(() => RestPath.Jira("attachment", segment));

    [Fact]
    public void RestPath_ValueWithSlashesAndQuery_StaysOneEscapedSegment() =>
        RestPath.Jira("attachment", "../issue/X?fields=a&b=c").With(("redirect", "false"))
            .ShouldBe("/rest/api/3/attachment/..%2Fissue%2FX%3Ffields%3Da%26b%3Dc?redirect=false");

    private Task PlantAsync(string name, string attachmentId, string? previewId = null) =>
        _system.Sim.PlantIssuePropertyAsync(_site, "DEMO-1", JiraAttachments.PropertyKey(name),
            new { name, attachmentId, previewId, version = 1, updatedUtc = DateTime.UtcNow });
}
