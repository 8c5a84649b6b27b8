extern alias hostsim;

using System.Net;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;
using FaultSpec = hostsim::Diagrams.HostSim.FaultSpec;

namespace Diagrams.App.Tests.Attachments;

/// <summary>
/// A site's answer that is valid JSON in the wrong shape (a numeric id, no results, a bad version) is the site's
/// failure: 502 naming what was wrong, never a 500, and no id from it reaches a path (issue 9, item 6).
/// </summary>
public sealed class SiteAnswerTests : IAsyncLifetime
{
    private TestSystem _system = null!;
    private Site _confluence = null!;
    private Site _jira = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(1, DiagramRequests.AppArgs);
        _confluence = await _system.Sim.InstallTenantAsync("confluence");
        _jira = await _system.Sim.InstallTenantAsync("jira");
        await _system.Sim.PutPageAsync(_confluence, "100");
        await _system.Sim.PutIssueAsync(_jira, "DEMO-1");
        using var saved = await _system.SaveAsync(_confluence, "/api/diagrams/confluence/pages/100/d", DiagramRequests.Mxfile("x"));
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Theory]
    [InlineData("""{"results":[{"id":5,"title":"d","version":{"number":1}}]}""")]
    [InlineData("""{"results":[{"id":"../../user","title":"d","version":{"number":1}}]}""")]
    [InlineData("""{"results":[{"id":"att1","title":"d","version":{"number":"one"}}]}""")]
    [InlineData("""{"results":[{"id":"att1","title":"d","version":{"number":0}}]}""")]
    [InlineData("""{"results":[{"id":"att1","title":"d"}]}""")]
    [InlineData("""{"results":{}}""")]
    [InlineData("""{}""")]
    [InlineData("""[]""")]
    [InlineData("""[5]""")]
    [InlineData("""null""")]
    public async Task ConfluenceRead_ListAnswerOfTheWrongShape_Is502NamingIt(string answer)
    {
        await FaultAsync(_confluence, "/child/attachment", "GET", answer);

        using var read = await _system.SendAsync(_confluence, HttpMethod.Get, "/api/diagrams/confluence/pages/100/d");

        read.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        (await read.Content.ReadAsStringAsync()).ShouldContain("Unexpected answer from the site");
    }

    [Theory]
    [InlineData("""{"results":[]}""")]
    [InlineData("""[]""")]
    [InlineData("""{"results":[{"id":5}]}""")]
    [InlineData("""{"id":"att7"}""")]
    [InlineData("""7""")]
    public async Task ConfluenceSave_UploadAnswerOfTheWrongShape_IsNever500(string answer)
    {
        await FaultAsync(_confluence, "/child/attachment", "PUT", answer);

        using var save = await _system.SaveAsync(_confluence, "/api/diagrams/confluence/pages/100/d", DiagramRequests.Mxfile("y"));

        // The upload landed; the odd answer is treated like a lost answer: the app reads the site back and finds its bytes.
        ((int)save.StatusCode).ShouldBeOneOf(200, 502);
        (await save.Content.ReadAsStringAsync()).ShouldNotContain("Internal Server Error");
    }

    [Theory]
    [InlineData("""[]""")]
    [InlineData("""{}""")]
    [InlineData("""[{"id":5}]""")]
    [InlineData("""[{"id":"../../issue/X"}]""")]
    [InlineData("""[{"id":"1"},{"id":"2"}]""")]
    public async Task JiraSave_UploadAnswerOfTheWrongShape_Is502NamingIt(string answer)
    {
        await FaultAsync(_jira, "/attachments", "POST", answer);

        using var save = await _system.SaveAsync(_jira, "/api/diagrams/jira/issues/DEMO-1/d", DiagramRequests.Mxfile("y"));

        save.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        (await save.Content.ReadAsStringAsync()).ShouldContain("numeric 'id'");
    }

    [Theory]
    [InlineData("confluence", "/permission/check", """{}""")]
    [InlineData("confluence", "/permission/check", """{"hasPermission":"yes"}""")]
    [InlineData("jira", "/permissions/check", """{"projectPermissions":5}""")]
    [InlineData("jira", "/issue/DEMO-1", """{"id":12}""")]
    public async Task AccessCheck_AnswerOfTheWrongShape_Is502OrDeniedAndNothingIsRead(string product, string path, string answer)
    {
        var site = product == "jira" ? _jira : _confluence;
        await FaultAsync(site, path, null, answer);

        using var read = await _system.SendAsync(site, HttpMethod.Get, product == "jira" ? "/api/diagrams/jira/issues/DEMO-1" : "/api/diagrams/confluence/pages/100/d");

        ((int)read.StatusCode).ShouldBeOneOf(502, 404);
        (await read.Content.ReadAsStringAsync()).ShouldNotContain("<mxfile");
    }

    [Theory]
    [InlineData("""{"keys":5}""")]
    [InlineData("""{"keys":[{"key":7}]}""")]
    [InlineData("""[]""")]
    public async Task JiraList_PropertyKeysOfTheWrongShape_Is502(string answer)
    {
        await FaultAsync(_jira, "/issue/DEMO-1/properties", "GET", answer);

        using var list = await _system.SendAsync(_jira, HttpMethod.Get, "/api/diagrams/jira/issues/DEMO-1");

        list.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
    }

    private Task FaultAsync(Site site, string pathContains, string? method, string body) =>
        _system.Sim.AddFaultAsync(new FaultSpec("answer", SiteId: site.SiteId, PathContains: pathContains, Method: method, Count: 1, Body: body));
}
