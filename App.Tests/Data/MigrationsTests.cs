using Diagrams.App.Data;
using Diagrams.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Data;

/// <summary>The hand-written migrations and the model agree, and they apply to empty databases of both providers.</summary>
public sealed class MigrationsTests
{
    [Fact]
    public async Task Migrations_ApplyToEmptyPostgres_AndMatchTheModel()
    {
        await using var database = await TestPostgres.CreateAsync();
        await using var db = new DiagramsDbContext(new DbContextOptionsBuilder<DiagramsDbContext>().UseNpgsql(database.ConnectionString).Options);

        db.Database.HasPendingModelChanges().ShouldBeFalse("the model differs from the migrations' snapshot: write a migration and update the snapshot");
        (await db.Database.GetPendingMigrationsAsync()).ShouldNotBeEmpty();
        await db.Database.MigrateAsync();

        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await database.ScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('tenants', 'tenant_settings', 'settings_changes')")).ShouldBe(3);
        await AssertModelRoundTripsAsync(db);
    }

    [Fact]
    public async Task Migrations_ApplyToEmptySqlite_AndMatchTheModel()
    {
        var file = Path.Combine(Path.GetTempPath(), $"diagrams-{Guid.NewGuid():N}.db");
        try
        {
            await using var db = new DiagramsDbContext(new DbContextOptionsBuilder<DiagramsDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options);

            db.Database.HasPendingModelChanges().ShouldBeFalse();
            await db.Database.MigrateAsync();

            await AssertModelRoundTripsAsync(db);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Migrations_DownThenUp_LeaveAnEmptyThenFullSchema()
    {
        await using var database = await TestPostgres.CreateAsync();
        await using var db = new DiagramsDbContext(new DbContextOptionsBuilder<DiagramsDbContext>().UseNpgsql(database.ConnectionString).Options);
        var migrator = db.GetService<IMigrator>();

        await migrator.MigrateAsync();
        await migrator.MigrateAsync(Migration.InitialDatabase);
        (await database.ScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'")).ShouldBe(0);
        await migrator.MigrateAsync();

        await AssertModelRoundTripsAsync(db);
    }

    /// <summary>Every entity can be written and read back through the migrated schema.</summary>
    private static async Task AssertModelRoundTripsAsync(DiagramsDbContext db)
    {
        var now = DateTime.UtcNow;
        db.Tenants.Add(new() { ClientKey = "c", AppKey = "k", ProductType = "jira", BaseUrl = "https://x.atlassian.net", SharedSecretCipher = "v1.a.b", Installed = true, Enabled = true, InstalledAtUtc = now, UpdatedAtUtc = now });
        db.TenantSettings.Add(new() { ClientKey = "c", DataGovernance = "US", Lockdown = true, UpdatedAtUtc = now });
        db.SettingsChanges.Add(new() { Id = Guid.NewGuid(), ClientKey = "c", ChangedAtUtc = now, OldValue = "{}", NewValue = "{}" });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        (await db.TenantSettings.SingleAsync(s => s.ClientKey == "c")).DataGovernance.ShouldBe("US");
        (await db.Tenants.SingleAsync(t => t.ClientKey == "c")).Installed.ShouldBeTrue();
        (await db.SettingsChanges.CountAsync(c => c.ClientKey == "c")).ShouldBe(1);
    }
}
