using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Provisioning.Components.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TypedOperations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OperationStartedAt",
                table: "TenantStates");

            migrationBuilder.AddColumn<string>(
                name: "CompensationFailureReason",
                table: "TenantStates",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OperationKind",
                table: "TenantStates",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ScriptEtag",
                table: "TenantStates",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ScriptBundles",
                columns: table => new
                {
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ModulesJson = table.Column<string>(type: "text", nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "CompensationFailureReason",
                table: "TenantStates");

            migrationBuilder.DropColumn(
                name: "OperationKind",
                table: "TenantStates");

            migrationBuilder.DropColumn(
                name: "ScriptEtag",
                table: "TenantStates");

            migrationBuilder.AddColumn<DateTime>(
                name: "OperationStartedAt",
                table: "TenantStates",
                type: "timestamp with time zone",
                nullable: true);
        }
    }
}
