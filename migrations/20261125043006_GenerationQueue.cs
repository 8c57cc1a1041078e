using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storyboard.Web.Migrations
{
    /// <inheritdoc />
    public partial class GenerationQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GenerationJobs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    ClipId = table.Column<int>(type: "INTEGER", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    IsDraftCard = table.Column<bool>(type: "INTEGER", nullable: false),
                    RequestedServerId = table.Column<int>(type: "INTEGER", nullable: true),
                    ServerId = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    RemoteId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Progress = table.Column<double>(type: "REAL", nullable: false),
                    ProgressText = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ParametersJson = table.Column<string>(type: "TEXT", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DispatchedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    NotBefore = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GenerationJobs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GenerationJobs_GpuServers_RequestedServerId",
                        column: x => x.RequestedServerId,
                        principalTable: "GpuServers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_GenerationJobs_GpuServers_ServerId",
                        column: x => x.ServerId,
                        principalTable: "GpuServers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_GenerationJobs_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClipGenerations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    ClipId = table.Column<int>(type: "INTEGER", nullable: false),
                    JobId = table.Column<int>(type: "INTEGER", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    MediaHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Height = table.Column<int>(type: "INTEGER", nullable: false),
                    Seed = table.Column<long>(type: "INTEGER", nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ParametersJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClipGenerations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClipGenerations_GenerationJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "GenerationJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ClipGenerations_MediaFiles_MediaHash",
                        column: x => x.MediaHash,
                        principalTable: "MediaFiles",
                        principalColumn: "Hash",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClipGenerations_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClipGenerations_ClipId_Id",
                table: "ClipGenerations",
                columns: new[] { "ClipId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ClipGenerations_JobId",
                table: "ClipGenerations",
                column: "JobId");

            migrationBuilder.CreateIndex(
                name: "IX_ClipGenerations_MediaHash",
                table: "ClipGenerations",
                column: "MediaHash");

            migrationBuilder.CreateIndex(
                name: "IX_ClipGenerations_ProjectId",
                table: "ClipGenerations",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_GenerationJobs_ClipId",
                table: "GenerationJobs",
                column: "ClipId");

            migrationBuilder.CreateIndex(
                name: "IX_GenerationJobs_ProjectId",
                table: "GenerationJobs",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_GenerationJobs_RequestedServerId",
                table: "GenerationJobs",
                column: "RequestedServerId");

            migrationBuilder.CreateIndex(
                name: "IX_GenerationJobs_ServerId_Status",
                table: "GenerationJobs",
                columns: new[] { "ServerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_GenerationJobs_Status_Priority_Id",
                table: "GenerationJobs",
                columns: new[] { "Status", "Priority", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClipGenerations");

            migrationBuilder.DropTable(
                name: "GenerationJobs");
        }
    }
}
