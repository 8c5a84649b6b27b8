using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using ConverterProgram = Diagrams.Converter.Program;

namespace Diagrams.App.Jobs;

/// <summary>
/// The embedded default: in Development, when no region is configured, App runs an EU and a US Converter
/// in-process on loopback (random ports, a random service key per run), so every job works after a plain
/// <c>dotnet run --project App</c>. Production always configures <c>Regions:*</c> explicitly.
/// </summary>
public sealed partial class LocalConverters(ILogger<LocalConverters> logger) : IHostedService, IAsyncDisposable
{
    private readonly Dictionary<string, (int Port, string Key)> _planned = new(StringComparer.Ordinal)
    {
        ["EU"] = (FreePort(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))),
        ["US"] = (FreePort(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))),
    };

    private readonly List<WebApplication> _running = [];

    public static bool Wanted(IHostApplicationBuilder builder) =>
        builder.Environment.IsDevelopment() && builder.Configuration[$"{RegionsOptions.Section}:EU:Url"] is null
        && builder.Configuration[$"{RegionsOptions.Section}:US:Url"] is null
        && builder.Configuration.GetValue($"{RegionsOptions.Section}:Local", true);

    public void Configure(RegionsOptions options)
    {
        foreach (var (region, (port, key)) in _planned)
        {
            var endpoint = options.For(region)!;
            endpoint.Url = $"http://127.0.0.1:{port}";
            endpoint.Key = key;
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Local {Region} converter (Development default) listening on 127.0.0.1:{Port}.")]
    private static partial void LogStarted(ILogger logger, string region, int port);
}
