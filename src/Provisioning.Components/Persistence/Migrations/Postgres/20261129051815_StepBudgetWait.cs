using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Provisioning.Components.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StepBudgetWait : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BudgetWaitPriority",
                table: "TenantStates",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "BudgetWaitSince",
                table: "TenantStates",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BudgetWaitPriority",
                table: "TenantStates");

            migrationBuilder.DropColumn(
                name: "BudgetWaitSince",
                table: "TenantStates");
        }
    }
}
