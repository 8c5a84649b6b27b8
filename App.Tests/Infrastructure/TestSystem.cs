extern alias hostsim;

using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using SimProgram = hostsim::Diagrams.HostSim.Program;

namespace Diagrams.App.Tests.Infrastructure;

/// <summary>One running App instance on a real loopback port, with its captured logs.</summary>
public sealed class AppInstance(WebApplication app, Uri url, LogCapture logs) : IAsyncDisposable
{
    public WebApplication App { get; } = app;

    public Uri Url { get; } = url;

    public LogCapture Logs { get; } = logs;

    public HttpClient Http { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = url };

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>
/// HostSim plus one or more App instances sharing one fresh PostgreSQL database, all over real HTTP on
/// loopback. Every instance is configured as a production deployment would be, except that the
/// allowlist names 127.0.0.1 over http (where HostSim's sites live).
/// </summary>
public sealed class TestSystem : IAsyncDisposable
{
    private readonly List<AppInstance> _apps = [];
    private WebApplication? _hostSim;
    private Action<WebApplicationBuilder>? _configure;

    private TestSystem(TestPostgres database, string masterKey, string dataDir)
    {
        Database = database;
        MasterKey = masterKey;
        DataDir = dataDir;
    }

    public TestPostgres Database { get; }

    public string MasterKey { get; }

    public string DataDir { get; }

    public Uri PublicUrl { get; private set; } = null!;

    public SimClient Sim { get; private set; } = null!;

    public IReadOnlyList<AppInstance> Apps => _apps;

    public AppInstance App => _apps[0];

    public static Task<TestSystem> StartAsync(int instances = 1, params string[] extraArgs) => StartAsync([], instances, null, extraArgs);

    /// <param name="configure">Extra wiring for every instance (e.g. the sandbox's local converters).</param>
    public static Task<TestSystem> StartAsync(int instances, Action<WebApplicationBuilder>? configure, params string[] extraArgs) =>
        StartAsync([], instances, configure, extraArgs);

    /// <summary>As <see cref="StartAsync(int, string[])"/>, with extra HostSim arguments (e.g. <c>--HostSim:ForgeResources:viewer=…</c>).</summary>
    public static Task<TestSystem> StartWithHostSimArgsAsync(string[] simArgs, int instances, params string[] extraArgs) => StartAsync(simArgs, instances, null, extraArgs);

    private static async Task<TestSystem> StartAsync(string[] simArgs, int instances, Action<WebApplicationBuilder>? configure, string[] extraArgs)
    {
        var system = new TestSystem(await TestPostgres.CreateAsync(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            Directory.CreateTempSubdirectory("diagrams-test-").FullName) { _configure = configure };
        var appPort = FreePort();
        system.PublicUrl = new Uri($"http://127.0.0.1:{appPort}");
        var simPort = FreePort();
        system._hostSim = SimProgram.Build([$"--urls=http://127.0.0.1:{simPort}", $"--HostSim:AppBaseUrl={system.PublicUrl}", "--Logging:LogLevel:Default=Warning", .. simArgs]);
        await system._hostSim.StartAsync();
        system.Sim = new SimClient(new Uri($"http://127.0.0.1:{simPort}"), system.PublicUrl);
        for (var i = 0; i < instances; i++)
        {
            await system.StartAppAsync(i == 0 ? appPort : FreePort(), extraArgs);
        }

        return system;
    }

    /// <summary>The configuration every instance runs with, as command-line arguments.</summary>
    public string[] AppArgs(params string[] extra) =>
    [
        "--environment=Testing",
        $"--App:BaseUrl={PublicUrl}",
        $"--App:DataDir={DataDir}",
        "--Database:Provider=postgres",
        $"--ConnectionStrings:Diagrams={Database.ConnectionString}",
        $"--Secrets:MasterKey={MasterKey}",
        $"--Connect:InstallKeysUrl={Sim.Url}install-keys",
        "--Connect:AllowedHosts:0=127.0.0.1",
        "--Connect:AllowHttp=true",
        $"--Connect:AllJsUrl={Sim.Url}_sim/all.js", // HostSim's AP shim, as in the sandbox
        "--Logging:LogLevel:Default=Trace",
        "--Logging:LogLevel:Microsoft.AspNetCore=Trace", // so the code-level filters are what keeps URLs out of logs
        .. extra.Select(e => e.Replace(SimUrlPlaceholder, Sim.Url.ToString(), StringComparison.Ordinal)
            .Replace(SimPortPlaceholder, Sim.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)),
    ];

    /// <summary>In extra arguments, stands for HostSim's URL (with a trailing slash), which is known only once it runs.</summary>
    public const string SimUrlPlaceholder = "{sim}";

    /// <summary>In extra arguments, stands for HostSim's port (e.g. in the sandbox's Custom UI origin, <c>http://*.cdn.localhost:{simPort}</c>).</summary>
    public const string SimPortPlaceholder = "{simPort}";

    public async Task<AppInstance> StartAppAsync(int port, params string[] extraArgs)
    {
        var logs = new LogCapture();
        var url = new Uri($"http://127.0.0.1:{port}");
        var app = Program.Build([$"--urls={url}", .. AppArgs(extraArgs)], builder =>
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            _configure?.Invoke(builder);
        });
        await app.Services.PrepareDatabaseForTestsAsync(_apps.Count == 0);
        await app.StartAsync();
        var instance = new AppInstance(app, url, logs);
        _apps.Add(instance);
        return instance;
    }

    public IEnumerable<string> AllLogLines() => _apps.SelectMany(a => a.Logs.Lines);

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        if (_hostSim is not null)
        {
            await _hostSim.StopAsync();
            await _hostSim.DisposeAsync();
        }

        Sim?.Dispose();
        await Database.DisposeAsync();
        Directory.Delete(DataDir, recursive: true);
    }

    /// <summary>
    /// A loopback port for a test server, from below Linux's ephemeral range (32768+): a port the OS hands out for bind(0)
    /// can be taken by any outgoing connection's source port before the server binds it (seen as "address already in
    /// use" under load). Ports here are handed out once per test process, and checked free before they are.
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            var port = 20_000 + (Interlocked.Increment(ref s_nextPort) % 12_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // In use by something else on this machine: try the next one.
            }
        }
    }

    private static int s_nextPort = Random.Shared.Next(12_000);
}

internal static class TestDatabaseExtensions
{
    /// <summary>The first instance applies the migrations through the same code path as the <c>migrate</c> command.</summary>
    public static async Task PrepareDatabaseForTestsAsync(this IServiceProvider services, bool migrate)
    {
        if (migrate)
        {
            await App.Data.DatabaseCommands.MigrateAsync(services);
        }

        await App.Data.DataModule.PrepareDatabaseAsync(services);
    }
}
