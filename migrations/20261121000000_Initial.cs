using Diagrams.App.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Diagrams.Migrations;

/// <summary>
/// Hand-written (the EF design tooling is not available here). Column types are left to the provider
/// so one migration serves PostgreSQL and the embedded SQLite default; <c>MigrationsTests</c> proves
/// it matches the model on both.
/// </summary>
[DbContext(typeof(DiagramsDbContext))]
[Migration("20261121000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "tenants",
            columns: table => new
            {
                client_key = table.Column<string>(maxLength: 255, nullable: false),
                app_key = table.Column<string>(maxLength: 64, nullable: false),
                product_type = table.Column<string>(maxLength: 16, nullable: false),
                base_url = table.Column<string>(maxLength: 512, nullable: false),
                shared_secret_cipher = table.Column<string>(maxLength: 1024, nullable: true),
                oauth_client_id = table.Column<string>(maxLength: 128, nullable: true),
                installed = table.Column<bool>(nullable: false),
                enabled = table.Column<bool>(nullable: false),
                installed_at_utc = table.Column<DateTime>(nullable: false),
                updated_at_utc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_tenants", x => x.client_key));

        migrationBuilder.CreateTable(
            name: "tenant_settings",
            columns: table => new
            {
                client_key = table.Column<string>(maxLength: 255, nullable: false),
                data_governance = table.Column<string>(maxLength: 8, nullable: false),
                lockdown = table.Column<bool>(nullable: false),
                version = table.Column<int>(nullable: false),
                updated_at_utc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_tenant_settings", x => x.client_key));

        migrationBuilder.CreateTable(
            name: "settings_changes",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                client_key = table.Column<string>(maxLength: 255, nullable: false),
                changed_at_utc = table.Column<DateTime>(nullable: false),
                old_value = table.Column<string>(maxLength: 1024, nullable: false),
                new_value = table.Column<string>(maxLength: 1024, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_settings_changes", x => x.id));

        migrationBuilder.CreateIndex(
            name: "ix_settings_changes_client_key_changed_at",
            table: "settings_changes",
            columns: ["client_key", "changed_at_utc"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "settings_changes");
        migrationBuilder.DropTable(name: "tenant_settings");
        migrationBuilder.DropTable(name: "tenants");
    }
}
