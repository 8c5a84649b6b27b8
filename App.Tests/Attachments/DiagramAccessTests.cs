using System.Net;
using System.Text;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Attachments;

/// <summary>
/// The app calls the site as itself, so the diagram API asks the site, per request, whether the token's user may view
/// or change that page or issue. Before this check any token of the site read and wrote every page (issue 9, item 2).
/// </summary>
public sealed class DiagramAccessTests : IAsyncLifetime
{
    private const string Editor = "557058:alice";
    private const string Viewer = "557058:bob";
    private const string Outsider = "557058:carol";
    private TestSystem _system = null!;
    private Site _confluence = null!;
    private Site _jira = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(1, DiagramRequests.AppArgs);
        _confluence = await _system.Sim.InstallTenantAsync("confluence");
        _jira = await _system.Sim.InstallTenantAsync("jira");
        foreach (var site in new[] { _confluence, _jira })
        {
            foreach (var user in new[] { Editor, Viewer, Outsider })
            {
                await _system.Sim.AddUserAsync(site, user);
            }
        }

        await _system.Sim.PutPageAsync(_confluence, "100");
        await _system.Sim.PutIssueAsync(_jira, "DEMO-1");
        using (var seeded = await _system.SaveAsync(_confluence, Diagram("confluence"), DiagramRequests.Mxfile("secret-plan")))
        {
            seeded.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using (var seeded = await _system.SaveAsync(_jira, Diagram("jira"), DiagramRequests.Mxfile("secret-plan")))
        {
            seeded.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await _system.Sim.RestrictAsync(_confluence, "100", viewers: [Editor, Viewer], editors: [Editor]);
        await _system.Sim.RestrictAsync(_jira, "DEMO-1", viewers: [Editor, Viewer], editors: [Editor]);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Theory]
    [InlineData("confluence", "GET")]
    [InlineData("confluence", "PUT")]
    [InlineData("jira", "GET")]
    [InlineData("jira", "PUT")]
    [InlineData("jira", "DELETE")]
    public async Task AnyCall_TokenWithoutUser_Is401AndNothingReachesTheSite(string product, string method)
    {
        var site = Site(product);
        var before = (await _system.Sim.CallsAsync()).Length;

        using var response = await SendAsync(site, method, Diagram(product), user: null);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("names no user");
        (await _system.Sim.CallsAsync()).Length.ShouldBe(before);
    }

    [Theory]
    [InlineData("confluence")]
    [InlineData("jira")]
    public async Task Read_UserWhoMayView_GetsTheDiagram(string product)
    {
        using var read = await SendAsync(Site(product), "GET", Diagram(product), Viewer);

        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await read.Content.ReadAsStringAsync()).ShouldContain("secret-plan");
    }

    [Theory]
    [InlineData("confluence")]
    [InlineData("jira")]
    public async Task ReadAndList_UserWhoMayNotView_Is404WithoutContent(string product)
    {
        foreach (var path in new[] { Diagram(product), Container(product) })
        {
            using var read = await SendAsync(Site(product), "GET", path, Outsider);

            read.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await read.Content.ReadAsStringAsync()).ShouldNotContain("secret-plan");
        }
    }

    [Theory]
    [InlineData("confluence")]
    [InlineData("jira")]
    public async Task Read_AccountThatIsNoUserOfTheSite_Is404(string product)
    {
        using var read = await SendAsync(Site(product), "GET", Diagram(product), "557058:from-another-site");

        read.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("confluence", "PUT")]
    [InlineData("jira", "PUT")]
    [InlineData("jira", "DELETE")]
    public async Task Write_UserWhoMayOnlyView_Is403AndTheDiagramIsUnchanged(string product, string method)
    {
        var site = Site(product);
        var before = await _system.Sim.AttachmentsAsync(site);

        using var write = await SendAsync(site, method, Diagram(product), Viewer, DiagramRequests.Mxfile("overwritten"));

        write.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await write.Content.ReadAsStringAsync()).ShouldContain("but not");
        (await _system.Sim.AttachmentsAsync(site)).Length.ShouldBe(before.Length);
        using var read = await SendAsync(site, "GET", Diagram(product), Editor);
        (await read.Content.ReadAsStringAsync()).ShouldContain("secret-plan");
    }

    [Theory]
    [InlineData("confluence")]
    [InlineData("jira")]
    public async Task Write_UserWhoMayNotView_Is404(string product)
    {
        using var write = await SendAsync(Site(product), "PUT", Diagram(product), Outsider, DiagramRequests.Mxfile("overwritten"));

        write.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("confluence", "PUT")]
    [InlineData("jira", "PUT")]
    [InlineData("jira", "DELETE")]
    public async Task Write_UserWhoMayEdit_Succeeds(string product, string method)
    {
        using var write = await SendAsync(Site(product), method, Diagram(product), Editor, DiagramRequests.Mxfile("next"));

        write.IsSuccessStatusCode.ShouldBeTrue(await write.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ConfluenceRoute_OnAJiraSite_Is404NamingTheProduct()
    {
        using var response = await SendAsync(_jira, "GET", "/api/diagrams/confluence/pages/100/plan", Editor);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("This site is Jira");
    }

    private Site Site(string product) => product == "jira" ? _jira : _confluence;

    private static string Container(string product) => product == "jira" ? "/api/diagrams/jira/issues/DEMO-1" : "/api/diagrams/confluence/pages/100";

    private static string Diagram(string product) => Container(product) + "/plan";

    private Task<HttpResponseMessage> SendAsync(Site site, string method, string path, string? user, string? xml = null) =>
        _system.SendAsync(site, new HttpMethod(method), path, method == "PUT" ? DiagramRequests.Form(xml ?? DiagramRequests.Mxfile("x")) : null, user: user);
}
