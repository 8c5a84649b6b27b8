using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Diagrams.App.Settings;
using ConverterProgram = Diagrams.Converter.Program;

namespace Diagrams.App.Jobs;

/// <summary>
/// The embedded default: in Development, App runs a Converter in-process on loopback for each configured region without a
/// Url (random ports, a random service key per run): EU and US when no region is configured, so every job works after a
/// plain <c>dotnet run --project App</c>. <c>Regions:Local=false</c> turns it off; production configures every Url.
/// </summary>
public sealed partial class LocalConverters(ILogger<LocalConverters> logger, IConfiguration configuration) : IHostedService, IAsyncDisposable
{
    private readonly Dictionary<string, (int Port, string Key)> _planned = Unreached(RegionSet.Read(configuration))
        .ToDictionary(code => code, _ => (FreePort(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))), StringComparer.Ordinal);

    private readonly List<WebApplication> _running = [];

    public static bool Wanted(IHostApplicationBuilder builder) =>
        builder.Environment.IsDevelopment() && builder.Configuration.GetValue($"{RegionsOptions.Section}:{nameof(RegionsOptions.Local)}", true)
        && Unreached(RegionSet.Read(builder.Configuration)).Any();

    public void Configure(RegionSet regions)
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
