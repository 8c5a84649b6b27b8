using Diagrams.App.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Diagrams.Migrations;

/// <summary>The heavy-job audit (no content: tenant, kind, region, sizes, duration, outcome).</summary>
[DbContext(typeof(DiagramsDbContext))]
[Migration("20261122000000_JobAudit")]
public sealed class JobAudit : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "job_audit",
            columns: table => new
            {
                id = table.Column<Guid>(nullable: false),
                client_key = table.Column<string>(maxLength: 255, nullable: false),
                kind = table.Column<string>(maxLength: 16, nullable: false),
                region = table.Column<string>(maxLength: 8, nullable: false),
                bytes_in = table.Column<long>(nullable: false),
                bytes_out = table.Column<long>(nullable: false),
                duration_ms = table.Column<long>(nullable: false),
                outcome = table.Column<string>(maxLength: 64, nullable: false),
                started_at_utc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_job_audit", x => x.id));

        migrationBuilder.CreateIndex(
            name: "ix_job_audit_client_key_started_at",
            table: "job_audit",
            columns: ["client_key", "started_at_utc"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "job_audit");
}
