using System.Security.Authentication;
using Diagrams.App.Attachments;
using Diagrams.App.Platform.Connect;
using Diagrams.App.Data;
using Diagrams.App.Platform.Forge;
using Diagrams.App.Hosting;
using Diagrams.App.Jobs;
using Diagrams.App.Pages;
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
        builder.Logging.AddContentSafeFilters();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13));
        builder.Services.AddProblemDetails();
        builder.Services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.IncludeSubDomains = true;
            hsts.ExcludedHosts.Clear(); // outside Development every host gets HSTS, loopback included
        });
        builder.AddData();
        builder.AddConnect();
        builder.AddForge();
        builder.AddJobTickets();
        builder.Services.AddSettings();
        builder.AddAttachments();
        builder.AddJobs();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseTrustedForwardedProto();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UsePathBase(ForgeAuthentication.PathBase); // Forge Remote calls: the manifest endpoint's route.path
        app.UseRouting();
        app.UseMiddleware<SecurityHeaders>();
        app.UseAuthorization(); // each route's Connect scheme, or the fail-closed fallback (ConnectAuthentication)
        app.MapHealth();
        app.MapConnect();
        app.MapForge();
        app.MapSettings();
        app.MapAttachments();
        app.MapJobs();
        app.MapJobTickets();
        app.MapPages();
        return app;
    }
}
