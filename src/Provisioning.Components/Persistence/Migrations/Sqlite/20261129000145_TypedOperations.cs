using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Provisioning.Components.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TypedOperations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Not a rename (as scaffolded): the old column held times, the new one holds text.
            migrationBuilder.DropColumn(
                name: "OperationStartedAt",
                table: "TenantStates");

            migrationBuilder.AddColumn<string>(
                name: "CompensationFailureReason",
                table: "TenantStates",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OperationKind",
                table: "TenantStates",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ScriptEtag",
                table: "TenantStates",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ScriptBundles",
                columns: table => new
                {
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ModulesJson = table.Column<string>(type: "TEXT", nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScriptBundles", x => x.Hash);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ScriptBundles");

            migrationBuilder.DropColumn(
                name: "OperationKind",
                table: "TenantStates");

            migrationBuilder.DropColumn(
                name: "ScriptEtag",
                table: "TenantStates");

            migrationBuilder.DropColumn(
                name: "CompensationFailureReason",
                table: "TenantStates");

            migrationBuilder.AddColumn<DateTime>(
                name: "OperationStartedAt",
                table: "TenantStates",
                type: "TEXT",
                nullable: true);
        }
    }
}
