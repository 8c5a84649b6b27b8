using Diagrams.App.Attachments;
using Diagrams.App.Data;
using Diagrams.App.Hosting;
using Diagrams.App.Jobs;
using Diagrams.App.Pages;
using Diagrams.App.Platform;
using Diagrams.App.Settings;

namespace Diagrams.App;

public static class Program
{
    /// <summary><c>dotnet run --project App [-- migrate | rotate-secrets]</c>.</summary>
    public static async Task<int> Main(string[] args)
    {
        var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : null;
        await using var app = Build(command is null ? args : args[1..]);
        switch (command)
        {
            case null:
                await app.Services.PrepareDatabaseAsync();
                await app.RunAsync();
                return 0;
            case "migrate":
                return await DatabaseCommands.MigrateAsync(app.Services);
            case "rotate-secrets":
                return await DatabaseCommands.RotateSecretsAsync(app.Services);
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{command}'. Commands: migrate, rotate-secrets (none: run the app).");
                return 2;
        }
    }

    /// <param name="configure">Extra wiring before the app is built (tests add a log capture).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddHosting();
        builder.AddData();
        builder.AddPlatform();
        builder.AddSettings();
        builder.AddAttachments();
        builder.AddJobs();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseHosting();
        app.MapHealth();
        app.MapPlatform();
        app.MapSettings();
        app.MapAttachments();
        app.MapJobs();
        app.MapPages();
        return app;
    }
}
