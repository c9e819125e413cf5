using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Provisioning.Components.Persistence.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "BudgetWaitSince",
                table: "TenantStates",
                type: "TEXT",
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
