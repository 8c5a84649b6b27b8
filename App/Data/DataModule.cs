using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Diagrams.App.Data;

/// <summary><c>Database:*</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary><c>sqlite</c> (the embedded default) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>Apply migrations at start-up. Defaults to true for SQLite only; PostgreSQL uses the <c>migrate</c> command.</summary>
    public bool? MigrateOnStart { get; set; }

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The resolved provider and connection string (never logged).</summary>
public sealed record DatabaseConnection(bool IsPostgres, string ConnectionString);

public static class DataModule
{
    public static IHostApplicationBuilder AddData(this IHostApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var dataDir = DataDirectory(builder);
        var database = config.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (!database.IsPostgres && !string.Equals(database.Provider, DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            throw new OptionsValidationException(DatabaseOptions.Section, typeof(DatabaseOptions),
                [$"Database:Provider must be '{DatabaseOptions.Sqlite}' or '{DatabaseOptions.Postgres}', not '{database.Provider}'."]);
        }

        var connectionString = config.GetConnectionString("Diagrams");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (database.IsPostgres)
            {
                throw new OptionsValidationException("ConnectionStrings", typeof(DatabaseOptions),
                    ["ConnectionStrings:Diagrams (env ConnectionStrings__Diagrams) is required when Database:Provider is postgres."]);
            }

            Directory.CreateDirectory(dataDir);
            connectionString = $"Data Source={Path.Combine(dataDir, "diagrams.db")}";
        }

        if (builder.Environment.IsDevelopment() && string.IsNullOrWhiteSpace(config[$"{SecretsOptions.Section}:MasterKey"]))
        {
            config[$"{SecretsOptions.Section}:MasterKey"] = DevelopmentMasterKey(dataDir);
        }

        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        builder.Services.AddOptions<SecretsOptions>().BindConfiguration(SecretsOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => Hosting.Base64Key.Length(o.MasterKey) == 32, "Secrets:MasterKey must be base64 of exactly 32 bytes.")
            .ValidateOnStart();
        builder.Services.AddSingleton<SecretProtector>();
        builder.Services.AddSingleton(new DatabaseConnection(database.IsPostgres, connectionString));
        builder.Services.AddDbContext<DiagramsDbContext>(options =>
        {
            if (database.IsPostgres)
            {
                options.UseNpgsql(connectionString);
            }
            else
            {
                options.UseSqlite(connectionString);
            }
        });
        return builder;
    }

    /// <summary>Applies migrations when configured to (SQLite by default); otherwise refuses to run against an outdated schema.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DiagramsDbContext>();
        if (options.MigrateOnStart ?? !options.IsPostgres)
        {
            await db.Database.MigrateAsync(ct);
            return;
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database lacks {pending.Count} migration(s) ({string.Join(", ", pending)}). Run `dotnet Diagrams.App.dll migrate` (or `dotnet run --project App -- migrate`) first.");
        }
    }

    internal static string DataDirectory(IHostApplicationBuilder builder) =>
        Path.GetFullPath(builder.Configuration["App:DataDir"] ?? Path.Combine(builder.Environment.ContentRootPath, "data"));

    private static string DevelopmentMasterKey(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        var path = Path.Combine(dataDir, "master.key");
        if (!File.Exists(path))
        {
            var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var writer = new StreamWriter(path, options);
            writer.Write(key);
        }

        return File.ReadAllText(path).Trim();
    }
}
