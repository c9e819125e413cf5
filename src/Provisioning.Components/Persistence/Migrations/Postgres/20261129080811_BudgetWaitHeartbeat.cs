using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Provisioning.Components.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BudgetWaitHeartbeat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "BudgetWaitHeartbeat",
                table: "TenantStates",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BudgetWaitHeartbeat",
                table: "TenantStates");
        }
    }
}
