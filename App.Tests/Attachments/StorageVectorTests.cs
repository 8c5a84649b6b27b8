using System.Net;
using System.Text;
using System.Text.Json;
using Diagrams.App.Attachments;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Attachments;

/// <summary>
/// The server's side of the storage protocol (DiagramName, DiagramUpload, JiraAttachments, ConfluenceAttachments) agrees
/// with web/src/shared/storage-vectors.json, the same vectors the pages' storage code is tested against
/// (web/test/storage.test.ts, run by WebUnitTests), as QshTests does for qsh.
/// </summary>
public sealed class StorageVectorTests : IAsyncLifetime
{
    private static readonly Lazy<JsonElement> Vectors = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(NodeTool.RepositoryRoot, "web", "src", "shared", "storage-vectors.json"))).RootElement);

    private TestSystem? _system;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_system is not null)
        {
            await _system.DisposeAsync();
        }
    }

    public static TheoryData<string> Names() => [.. Vectors.Value.GetProperty("names").EnumerateArray().Select(v => v.GetProperty("why").GetString()!)];

    [Fact]
    public void MediaTypesSuffixAndPrefix_AreTheVectors()
    {
        var v = Vectors.Value;

        DiagramUpload.MxfileType.ShouldBe(v.GetProperty("mediaTypes").GetProperty("diagram").GetString());
        var preview = v.GetProperty("mediaTypes").GetProperty("preview").GetString()!;
        new DiagramUpload([], [], preview).PreviewExtension.ShouldBe(v.GetProperty("previewSuffix").GetString());
        JiraAttachments.PropertyPrefix.ShouldBe(v.GetProperty("jiraPropertyPrefix").GetString());
        Names().Count.ShouldBeGreaterThan(20);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Name_IsValidAndKeyedAsTheVectorSays(string why)
    {
        var v = Vectors.Value.GetProperty("names").EnumerateArray().Single(n => n.GetProperty("why").GetString() == why);
        var name = NameOf(v);

        (DiagramName.Problem(name) is null).ShouldBe(v.GetProperty("valid").GetBoolean(), $"{why}: {DiagramName.Problem(name)}");
        if (v.GetProperty("valid").GetBoolean())
        {
            JiraAttachments.PropertyKey(name).ShouldBe(v.GetProperty("jiraPropertyKey").GetString());
            (name + new DiagramUpload([], [], "image/png").PreviewExtension).ShouldBe(v.GetProperty("preview").GetString());
        }
    }

    [Fact]
    public async Task JiraRecords_AreBelievedAsTheVectorsSay()
    {
        var (system, site) = await StartAsync("jira");
        await system.Sim.PutIssueAsync(site, "DEMO-1");
        var records = Vectors.Value.GetProperty("jiraRecords").EnumerateArray().ToArray();
        foreach (var record in records)
        {
            JiraAttachments.PropertyKey(record.GetProperty("name").GetString()!).ShouldBe(record.GetProperty("key").GetString());
            await system.Sim.PlantIssuePropertyAsync(site, "DEMO-1", record.GetProperty("key").GetString()!, record.GetProperty("value"));
        }

        using var list = await system.SendAsync(site, HttpMethod.Get, "/api/diagrams/jira/issues/DEMO-1");

        list.StatusCode.ShouldBe(HttpStatusCode.OK, await list.Content.ReadAsStringAsync());
        var listed = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(d => d.GetProperty("name").GetString()).Order(StringComparer.Ordinal);
        listed.ShouldBe(records.Where(r => r.GetProperty("accepted").GetBoolean()).Select(r => r.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Revisions_ReadTheVersionTheVectorsSay_AndTheRestAreRefused()
    {
        var (system, site) = await StartAsync("confluence");
        await system.Sim.PutPageAsync(site, "100");
        const int saved = 7;
        for (var i = 1; i <= saved; i++)
        {
            using var save = await system.SaveAsync(site, "/api/diagrams/confluence/pages/100/flow", DiagramRequests.Mxfile($"version {i}"));
            save.StatusCode.ShouldBe(HttpStatusCode.OK, await save.Content.ReadAsStringAsync());
        }

        foreach (var v in Vectors.Value.GetProperty("revisions").EnumerateArray())
        {
            var revision = v.GetProperty("revision").GetString()!;
            int? version = v.GetProperty("version").ValueKind == JsonValueKind.Number ? v.GetProperty("version").GetInt32() : null;
            using var read = await system.SendAsync(site, HttpMethod.Get, $"/api/diagrams/confluence/pages/100/flow{(revision.Length > 0 ? $"?version={Uri.EscapeDataString(revision)}" : string.Empty)}");
            var body = await read.Content.ReadAsStringAsync();
            if (version is { } n)
            {
                // A revision names an attachment version: that one is read (or the site says it has no such version).
                read.StatusCode.ShouldBe(n <= saved ? HttpStatusCode.OK : HttpStatusCode.NotFound, $"revision '{revision}': {body}");
                if (n <= saved)
                {
                    body.ShouldContain($"\"version {n}\"", Case.Sensitive, $"revision '{revision}'");
                }
            }
            else if (revision.Length == 0)
            {
                body.ShouldContain($"\"version {saved}\"", Case.Sensitive, "no revision reads the latest");
            }
            else
            {
                read.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"revision '{revision}' is not a version: {body}");
            }
        }
    }

    public static TheoryData<int> Saves() => [.. Enumerable.Range(0, Vectors.Value.GetProperty("saves").GetArrayLength())];

    [Theory]
    [MemberData(nameof(Saves))]
    public async Task Save_StoresTheVectorsFiles_AndCountsRevisions(int index)
    {
        var v = Vectors.Value.GetProperty("saves")[index];
        var product = v.GetProperty("product").GetString()!;
        var name = v.GetProperty("name").GetString()!;
        var (system, site) = await StartAsync(product);
        var path = product == "jira" ? "/api/diagrams/jira/issues/DEMO-1/" : "/api/diagrams/confluence/pages/100/";
        await (product == "jira" ? system.Sim.PutIssueAsync(site, "DEMO-1") : system.Sim.PutPageAsync(site, "100"));
        var files = v.GetProperty("files").EnumerateArray().Select(f => (f.GetProperty("name").GetString(), f.GetProperty("mediaType").GetString())).ToArray();

        for (var i = 0; i < v.GetProperty("saves").GetInt32(); i++)
        {
            using var save = await system.SaveAsync(site, path + Uri.EscapeDataString(name), DiagramRequests.Mxfile($"save {i}"), DiagramRequests.Png);
            var answer = await save.Content.ReadAsStringAsync();
            save.StatusCode.ShouldBe(HttpStatusCode.OK, answer);
            JsonDocument.Parse(answer).RootElement.GetProperty("version").GetInt32().ShouldBe(v.GetProperty("revisions")[i].GetInt32());

            // HostSim lists attachments in the order they were created: the vector's order of upload.
            var stored = await system.Sim.AttachmentsAsync(site);
            stored.Select(a => (a.GetProperty("name").GetString(), a.GetProperty("versions").EnumerateArray().Last().GetProperty("mediaType").GetString())).ShouldBe(files);
            if (v.TryGetProperty("previewRevisions", out var previews))
            {
                stored.Single(a => a.GetProperty("name").GetString() == name + ".png").GetProperty("versions").GetArrayLength().ShouldBe(previews[i].GetInt32());
            }
        }

        if (product == "jira")
        {
            var key = Vectors.Value.GetProperty("names").EnumerateArray().Single(n => n.GetProperty("name").GetString() == name).GetProperty("jiraPropertyKey").GetString()!;
            var record = (await system.Sim.IssuePropertiesAsync(site, "DEMO-1"))[key];
            record.GetProperty("name").GetString().ShouldBe(name);
            record.GetProperty("version").GetInt32().ShouldBe(v.GetProperty("revisions").EnumerateArray().Last().GetInt32());
        }
    }

    private static string NameOf(JsonElement v)
    {
        var name = v.GetProperty("name").GetString()!;
        return v.TryGetProperty("repeat", out var repeat) ? new StringBuilder().Insert(0, name, repeat.GetInt32()).ToString() : name;
    }

    private async Task<(TestSystem System, Site Site)> StartAsync(string product)
    {
        _system = await TestSystem.StartAsync(1, DiagramRequests.AppArgs);
        return (_system, await _system.Sim.InstallTenantAsync(product));
    }
}
