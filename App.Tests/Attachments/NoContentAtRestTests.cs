extern alias hostsim;

using System.Net;
using System.Text;
using Diagrams.App.Tests.Forge;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;
using FaultSpec = hostsim::Diagrams.HostSim.FaultSpec;

namespace Diagrams.App.Tests.Attachments;

/// <summary>The first promise: diagram content passes through, and nothing of it stays with us.</summary>
public sealed class NoContentAtRestTests
{
    [Fact]
    public async Task Canary_SavedAndReadThroughEveryPath_AppearsNowhereAtRest()
    {
        var started = DateTime.UtcNow.AddSeconds(-1);
        var canary = "canary-" + Guid.NewGuid().ToString("N");
        // Forge UI calls carry at most Forge:MaxUiCallBytes (1 MiB by default): raised so the large canary passes that way too.
        await using var system = await TestSystem.StartAsync(1, [.. DiagramRequests.AppArgs, .. Forge.ForgeRequests.AppArgs, "--Forge:MaxUiCallBytes=4194304"]);
        var confluence = await system.Sim.InstallTenantAsync();
        var jira = await system.Sim.InstallTenantAsync("jira");
        await system.Sim.PutPageAsync(confluence, "100");
        await system.Sim.PutIssueAsync(jira, "DEMO-1");
        // Large enough that anything buffering bodies to disk would do so.
        var xml = DiagramRequests.Mxfile(canary + new string('.', 1024 * 1024));
        byte[] preview = [.. DiagramRequests.Png, .. Encoding.UTF8.GetBytes(canary)];

        foreach (var (site, path) in new[] { (confluence, "/api/diagrams/confluence/pages/100/" + canary), (jira, "/api/diagrams/jira/issues/DEMO-1/" + canary) })
        {
            await ExpectAsync(system.SaveAsync(site, path, xml, preview), HttpStatusCode.OK);
            await ExpectAsync(system.SaveAsync(site, path, xml, preview), HttpStatusCode.OK);
            await ExpectAsync(system.SendAsync(site, HttpMethod.Get, path), HttpStatusCode.OK);
            await ExpectAsync(system.SendAsync(site, HttpMethod.Get, path[..path.LastIndexOf('/')]), HttpStatusCode.OK);
        }

        // The same through Forge: a FIT under /forge, product calls with the app system token.
        var forgePath = "/api/diagrams/confluence/pages/100/" + canary + "-forge";
        var user = new hostsim::Diagrams.HostSim.MintFit(Principal: SimClient.DefaultUser);
        await ExpectAsync(system.ForgeAsync(confluence, HttpMethod.Put, forgePath, user, DiagramRequests.Form(xml, preview)), HttpStatusCode.OK);
        await ExpectAsync(system.ForgeAsync(confluence, HttpMethod.Get, forgePath, user), HttpStatusCode.OK);

        // Failure paths too: a refused page, an ambiguous drop, a malformed upload.
        await ExpectAsync(system.SaveAsync(confluence, "/api/diagrams/confluence/pages/999/" + canary, xml), HttpStatusCode.NotFound);
        await system.Sim.AddFaultAsync(new FaultSpec("drop-after-processing", confluence.SiteId, "/child/attachment", "PUT"));
        await ExpectAsync(system.SaveAsync(confluence, "/api/diagrams/confluence/pages/100/" + canary, xml), HttpStatusCode.OK);
        await ExpectAsync(system.SaveAsync(confluence, "/api/diagrams/confluence/pages/100/x", "<mxfile>" + canary), HttpStatusCode.BadRequest);
        await ExpectAsync(system.SendAsync(jira, HttpMethod.Delete, "/api/diagrams/jira/issues/DEMO-1/" + canary), HttpStatusCode.NoContent);

        (await system.Database.AllTextAsync()).ShouldAllBe(row => !row.Contains(canary, StringComparison.Ordinal));
        system.AllLogLines().ShouldNotBeEmpty();
        system.AllLogLines().ShouldAllBe(line => !line.Contains(canary, StringComparison.Ordinal));
        FilesContaining(system.DataDir, canary, DateTime.MinValue).ShouldBeEmpty();
        FilesContaining(Path.GetTempPath(), canary, started).ShouldBeEmpty();
    }

    private static async Task ExpectAsync(Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        using var response = await call;
        response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Files under <paramref name="root"/> written since <paramref name="since"/> whose bytes hold the needle.</summary>
    private static List<string> FilesContaining(string root, string needle, DateTime since)
    {
        var bytes = Encoding.UTF8.GetBytes(needle);
        var hits = new List<string>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var file in Directory.EnumerateFiles(root, "*", options))
        {
            try
            {
                // Empty files (FIFOs and sockets among them, which would block a read) cannot hold the needle.
                var info = new FileInfo(file);
                if (info.LastWriteTimeUtc >= since && info.Length > 0 && info.Length < 64 * 1024 * 1024 && File.ReadAllBytes(file).AsSpan().IndexOf(bytes) >= 0)
                {
                    hits.Add(file);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Files of other processes that vanish or are locked are not ours.
            }
        }

        return hits;
    }
}
