using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Provisioning.Components.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SharedRequestBudget : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RequestBudgets",
                columns: table => new
                {
                    AccountId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Tokens = table.Column<double>(type: "double precision", nullable: false),
                    RefilledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PausedUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ForegroundWaitingUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestBudgets", x => x.AccountId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RequestBudgets");
        }
    }
}
