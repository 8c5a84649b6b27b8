using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Diagrams.App.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ConverterProgram = Diagrams.Converter.Program;

namespace Diagrams.Sandbox;

/// <summary>
/// The embedded default's converters: the sandbox runs a Converter in-process on loopback for each configured region without
/// a Url (random ports, a random service key per run), EU and US when no region is configured, so every job works after a
/// plain <c>dotnet run --project Sandbox</c>. <c>Regions:Local=false</c> turns it off. App itself never starts a Converter: a
/// region without a Url refuses its jobs with 503, as in production.
/// </summary>
public sealed partial class LocalConverters(ILogger<LocalConverters> logger, IConfiguration configuration) : IHostedService, IAsyncDisposable
{
    /// <summary>Adds the local converters to App's <paramref name="builder"/> (Development only), and points those regions at them.</summary>
    public static void AddTo(WebApplicationBuilder builder)
    {
        if (Wanted(builder))
        {
            builder.Services.AddSingleton<LocalConverters>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<LocalConverters>());
            builder.Services.AddOptions<RegionSet>().PostConfigure<LocalConverters>((regions, local) => local.Configure(regions));
        }
    }

    private readonly Dictionary<string, (int Port, string Key)> _planned = Unreached(RegionSet.Read(configuration))
        .ToDictionary(code => code, _ => (FreePort(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))), StringComparer.Ordinal);

    private readonly List<WebApplication> _running = [];

    private static bool Wanted(IHostApplicationBuilder builder) =>
        builder.Environment.IsDevelopment() && builder.Configuration.GetValue($"{RegionSet.Section}:Local", true)
        && Unreached(RegionSet.Read(builder.Configuration)).Any();

    private void Configure(RegionSet regions)
    {
        foreach (var (region, (port, key)) in _planned)
        {
            if (regions.For(region) is { Url: null } endpoint)
            {
                endpoint.Url = $"http://127.0.0.1:{port}";
                endpoint.Key = key;
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (region, (port, key)) in _planned)
        {
            var converter = ConverterProgram.Build([$"--urls=http://127.0.0.1:{port}", $"--Converter:Region={region}", $"--Converter:ServiceKey={key}",
                "--Logging:LogLevel:Default=Warning"]);
            await converter.StartAsync(cancellationToken);
            _running.Add(converter);
            LogStarted(logger, region, port);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var converter in _running)
        {
            await converter.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var converter in _running)
        {
            await converter.DisposeAsync();
        }

        _running.Clear();
    }

    private static IEnumerable<string> Unreached(RegionSet regions) => regions.Codes.Where(code => regions.For(code)!.Url is null);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Local {Region} converter (Development default) listening on 127.0.0.1:{Port}.")]
    private static partial void LogStarted(ILogger logger, string region, int port);
}
