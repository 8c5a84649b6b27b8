using Diagrams.App.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Diagrams.Migrations;

/// <summary>Used job ticket ids until they expire, shared by every App instance, so a ticket runs one job anywhere.</summary>
[DbContext(typeof(DiagramsDbContext))]
[Migration("20261201010000_UsedJobTickets")]
public sealed class UsedJobTickets : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "used_job_tickets",
            columns: table => new
            {
                id = table.Column<string>(maxLength: 64, nullable: false),
                expires_at_utc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_used_job_tickets", x => x.id));
        migrationBuilder.CreateIndex(name: "IX_used_job_tickets_expires_at_utc", table: "used_job_tickets", column: "expires_at_utc");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "used_job_tickets");
}
