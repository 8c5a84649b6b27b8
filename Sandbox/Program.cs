extern alias hostsim;

using System.Net.Http.Json;
using System.Text.Json;
using Diagrams.App.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using AppProgram = Diagrams.App.Program;
using ForgeSim = hostsim::Diagrams.HostSim.ForgeSim;
using SandboxCreated = hostsim::Diagrams.HostSim.SandboxCreated;
using SimProgram = hostsim::Diagrams.HostSim.Program;

namespace Diagrams.Sandbox;

/// <summary>
/// <c>dotnet run --project Sandbox</c>: HostSim on http://localhost:5100 and the app on http://localhost:5000 in one
/// process (the app in Development on its embedded default: SQLite in a fresh temp folder, a local converter per region
/// without a Url, EU and US by default), the app trusting HostSim as its Atlassian host, for Connect and as Forge (its FIT
/// keys, app id and API host); then a sandbox (a Confluence and a Jira site with the app installed both ways), whose pages
/// it prints in both modes: Connect (the app's iframes) and Forge (the Custom UI resources of forge/static). Ctrl+C stops both. Extra arguments go to both hosts (e.g.
/// <c>--Logging:LogLevel:Default=Information</c>, or <c>--Regions:EU:Url= --Regions:US:Url= --Regions:AU:Url=</c> for a third region).
/// <c>dotnet run --project Sandbox -- app-only</c> runs only the app in Development with its local converters (data in
/// <c>App/data</c>), for a real Confluence or Jira site reached through a tunnel.
/// </summary>
public static class Program
{
    private const string SimUrl = "http://localhost:5100";
    private const string AppUrl = "http://localhost:5000";

    public static async Task<int> Main(string[] args)
    {
        if (args is ["app-only", .. var appArgs])
        {
            return await RunAppOnlyAsync(appArgs);
        }

        var dataDir = Directory.CreateTempSubdirectory("secure-diagrams-sandbox-").FullName;
        var quiet = new[] { "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning" };
        await using var sim = SimProgram.Build([$"--urls={SimUrl}", $"--HostSim:AppBaseUrl={AppUrl}", .. quiet, .. args]);
        await using var app = AppProgram.Build(
        [
            $"--urls={AppUrl}",
            "--environment=Development",
            $"--App:BaseUrl={AppUrl}",
            $"--App:DataDir={dataDir}",
            "--Connect:AllowHttp=true",
            "--Connect:AllowedHosts:0=localhost",
            "--Connect:AllowedHosts:1=127.0.0.1",
            "--Connect:MediaHosts:0=localhost",
            "--Connect:MediaHosts:1=127.0.0.1",
            $"--Connect:InstallKeysUrl={SimUrl}/install-keys",
            $"--Connect:AllJsUrl={SimUrl}/_sim/all.js",
            $"--Forge:AppId={ForgeSim.DefaultAppId}",
            $"--Forge:JwksUrl={SimUrl}/forge/jwks.json",
            "--Forge:ApiHosts:0=localhost",
            "--Forge:ApiHosts:1=127.0.0.1",
            "--Forge:UiOrigins:0=http://*.cdn.localhost:5100", // the sandbox's Custom UI origin, for ticketed jobs
            .. quiet,
            .. args,
        ], LocalConverters.AddTo);
        try
        {
            await sim.StartAsync();
            await app.Services.PrepareDatabaseAsync();
            await app.StartAsync();
            var sandbox = await CreateSandboxAsync();
            Print(sandbox);

            // Each host listens for Ctrl+C itself; when either stops, stop the other.
            await Task.WhenAny(sim.WaitForShutdownAsync(), app.WaitForShutdownAsync());
            return 0;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"The sandbox did not start: {ex.Message}");
            return 1;
        }
        finally
        {
            await app.StopAsync();
            await sim.StopAsync();
            TryDelete(dataDir);
        }
    }

    private static async Task<int> RunAppOnlyAsync(string[] args)
    {
        // Sandbox/bin/{Configuration}/{tfm}/ → App/data, where `dotnet run --project App` keeps its data too.
        var appDir = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "App"));
        var dataDir = Directory.Exists(appDir) ? Path.Combine(appDir, "data") : Path.GetFullPath("data");
        await using var app = AppProgram.Build([$"--urls={AppUrl}", "--environment=Development", $"--App:DataDir={dataDir}", .. args],
            LocalConverters.AddTo);
        await app.Services.PrepareDatabaseAsync();
        await app.StartAsync();
        Console.WriteLine($"App ready: {AppUrl} (descriptors: {AppUrl}/atlassian-connect.json, {AppUrl}/jira/atlassian-connect.json)");
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static void Print(SandboxCreated sandbox)
    {
        Console.WriteLine($"Sandbox ready: {SimUrl}/sandbox");
        Console.WriteLine("Connect (the app's iframes):");
        Console.WriteLine($"  Confluence page: {sandbox.Confluence.PageUrl}");
        Console.WriteLine($"  Jira issue:      {sandbox.Jira.IssueUrl}");
        Console.WriteLine($"  Admin pages:     {sandbox.Confluence.AdminUrl}  {sandbox.Jira.AdminUrl}");
        Console.WriteLine("Forge (Custom UI from forge/static, served from *.cdn.localhost):");
        Console.WriteLine($"  Confluence page: {sandbox.Confluence.ForgePageUrl}");
        Console.WriteLine($"  Jira issue:      {sandbox.Jira.ForgeIssueUrl}");
        Console.WriteLine($"  Admin pages:     {sandbox.Confluence.ForgeAdminUrl}  {sandbox.Jira.ForgeAdminUrl}");
        if (sandbox.Confluence.ForgeInstallStatus != 200 || sandbox.Jira.ForgeInstallStatus != 200)
        {
            Console.WriteLine($"  (the app refused the Forge install: {sandbox.Confluence.ForgeInstallStatus}/{sandbox.Jira.ForgeInstallStatus}; the Forge pages cannot reach it)");
        }

        Console.WriteLine("Press Ctrl+C to stop.");
    }

    private static async Task<SandboxCreated> CreateSandboxAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(SimUrl) };
        using var response = await http.PostAsync("/_sim/sandbox", null);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /_sim/sandbox answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<SandboxCreated>(JsonSerializerOptions.Web))!;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the OS cleans temp folders.
        }
    }
}
