using Diagrams.App.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Diagrams.Migrations;

/// <summary>Forge installations (cloudId, environment, product → tenant) and the Forge installation a Connect install names.</summary>
[DbContext(typeof(DiagramsDbContext))]
[Migration("20261201000000_Forge")]
public sealed class Forge : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "forge_installations",
            columns: table => new
            {
                cloud_id = table.Column<string>(maxLength: 64, nullable: false),
                environment_id = table.Column<string>(maxLength: 256, nullable: false),
                product = table.Column<string>(maxLength: 16, nullable: false),
                installation_id = table.Column<string>(maxLength: 256, nullable: false),
                tenant_key = table.Column<string>(maxLength: 255, nullable: false),
                updated_at_utc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_forge_installations", x => new { x.cloud_id, x.environment_id, x.product }));

        migrationBuilder.AddColumn<string>(name: "forge_installation_id", table: "tenants", maxLength: 256, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "forge_installation_id", table: "tenants");
        migrationBuilder.DropTable(name: "forge_installations");
    }
}
