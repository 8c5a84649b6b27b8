using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ConverterProgram = Diagrams.Converter.Program;

namespace Diagrams.App.Tests.Infrastructure;

/// <summary>One regional Converter on loopback, counting every request it receives.</summary>
public sealed class TestConverter(string region, WebApplication app, Uri url, string key, ConcurrentQueue<string> received, LogCapture logs, string workFolder) : IAsyncDisposable
{
    /// <summary>This converter's own Converter:WorkFolder, so a test sees only its converter's job folders.</summary>
    public string WorkFolder { get; } = workFolder;

    public LogCapture Logs { get; } = logs;

    public WebApplication App => app;

    public string Region { get; } = region;

    public Uri Url { get; } = url;

    public string Key { get; } = key;

    public ConcurrentQueue<string> Received { get; } = received;

    public bool Running { get; private set; } = true;

    /// <param name="extraArgs">More Converter settings, e.g. <c>--Converter:PlantUml:PoolSize=1</c>.</param>
    public static async Task<TestConverter> StartAsync(string region, params string[] extraArgs)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var url = new Uri($"http://127.0.0.1:{TestSystem.FreePort()}");
        var logs = new LogCapture();
        var workFolder = Directory.CreateTempSubdirectory("converter-test-").FullName;
        var app = ConverterProgram.Build([$"--urls={url}", $"--Converter:Region={region}", $"--Converter:ServiceKey={key}", $"--Converter:WorkFolder={workFolder}",
            "--Logging:LogLevel:Default=Trace", "--Logging:LogLevel:Microsoft.AspNetCore=Trace", .. extraArgs], builder => builder.Logging.AddProvider(logs));
        var received = new ConcurrentQueue<string>();
        app.Use((HttpContext context, RequestDelegate next) =>
        {
            received.Enqueue(context.Request.Method + " " + context.Request.Path);
            return next(context);
        });
        await app.StartAsync();
        return new TestConverter(region, app, url, key, received, logs, workFolder);
    }

    /// <summary>The region goes down: its port refuses connections.</summary>
    public async Task StopAsync()
    {
        if (Running)
        {
            Running = false;
            await app.StopAsync();
        }
    }

    public T Service<T>()
        where T : notnull => app.Services.GetRequiredService<T>();

    public string[] AppArgs() => [$"--Regions:{Region}:Url={Url}", $"--Regions:{Region}:Key={Key}"];

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await app.DisposeAsync();
        Directory.Delete(WorkFolder, recursive: true);
    }
}
