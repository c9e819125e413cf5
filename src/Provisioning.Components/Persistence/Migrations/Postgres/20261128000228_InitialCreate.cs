using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Provisioning.Components.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OwnedResources",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ResourceType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    BindingName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CloudflareId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Jurisdiction = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    LocationHint = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedByCommandId = table.Column<Guid>(type: "uuid", nullable: false),
                    Adopted = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OwnedResources", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TenantCommands",
                columns: table => new
                {
                    CommandId = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CommandType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PayloadJson = table.Column<string>(type: "text", nullable: false),
                    SentTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OutcomeType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    OutcomeJson = table.Column<string>(type: "text", nullable: true),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TenantCommands", x => x.CommandId);
                });

            migrationBuilder.CreateTable(
                name: "TenantStates",
                columns: table => new
                {
                    CorrelationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CurrentState = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TenantId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DispatchNamespace = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ScriptName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CurrentCommandId = table.Column<Guid>(type: "uuid", nullable: true),
                    CurrentOperation = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    StepPlanJson = table.Column<string>(type: "text", nullable: true),
                    StepIndex = table.Column<int>(type: "integer", nullable: false),
                    CompensationPlanJson = table.Column<string>(type: "text", nullable: true),
                    CompensationIndex = table.Column<int>(type: "integer", nullable: false),
                    CompensationFailed = table.Column<bool>(type: "boolean", nullable: false),
                    FailedStep = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    FailureCode = table.Column<int>(type: "integer", nullable: true),
                    FailureReason = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OperationStartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TenantStates", x => x.CorrelationId);
                });

            migrationBuilder.CreateTable(
                name: "TenantBindings",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DefinitionJson = table.Column<string>(type: "text", nullable: false),
                    OwnedResourceId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedByCommandId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TenantBindings", x => new { x.TenantId, x.Name });
                    table.ForeignKey(
                        name: "FK_TenantBindings_OwnedResources_OwnedResourceId",
                        column: x => x.OwnedResourceId,
                        principalTable: "OwnedResources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OwnedResources_ResourceType_Name",
                table: "OwnedResources",
                columns: new[] { "ResourceType", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OwnedResources_TenantId",
                table: "OwnedResources",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_TenantBindings_OwnedResourceId",
                table: "TenantBindings",
                column: "OwnedResourceId");

            migrationBuilder.CreateIndex(
                name: "IX_TenantCommands_Status",
                table: "TenantCommands",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_TenantCommands_TenantId_Status",
                table: "TenantCommands",
                columns: new[] { "TenantId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_TenantStates_TenantId",
                table: "TenantStates",
                column: "TenantId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TenantBindings");

            migrationBuilder.DropTable(
                name: "TenantCommands");

            migrationBuilder.DropTable(
                name: "TenantStates");

            migrationBuilder.DropTable(
                name: "OwnedResources");
        }
    }
}
