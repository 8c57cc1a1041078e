using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storyboard.Web.Migrations
{
    /// <inheritdoc />
    public partial class GpuGeneration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "SecondsPerImage",
                table: "GpuServers",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "SecondsPerVideo",
                table: "GpuServers",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BatchId",
                table: "GenerationJobs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GraphJson",
                table: "GenerationJobs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ChosenVideoHash",
                table: "Clips",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DeletedAt",
                table: "ClipGenerations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GraphJson",
                table: "ClipGenerations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PosterHash",
                table: "ClipGenerations",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreviewHash",
                table: "ClipGenerations",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "QueuedAt",
                table: "ClipGenerations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Rating",
                table: "ClipGenerations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ServerId",
                table: "ClipGenerations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "StartedAt",
                table: "ClipGenerations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CustomWorkflows",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomWorkflows", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GenerationBatches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SettingsJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GenerationBatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GenerationBatches_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Settings",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Settings", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GenerationJobs_BatchId",
                table: "GenerationJobs",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_Clips_ChosenVideoHash",
                table: "Clips",
                column: "ChosenVideoHash");

            migrationBuilder.CreateIndex(
                name: "IX_ClipGenerations_PosterHash",
                table: "ClipGenerations",
                column: "PosterHash");

            migrationBuilder.CreateIndex(
                name: "IX_ClipGenerations_PreviewHash",
                table: "ClipGenerations",
                column: "PreviewHash");

            migrationBuilder.CreateIndex(
                name: "IX_ClipGenerations_ServerId",
                table: "ClipGenerations",
                column: "ServerId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomWorkflows_Name",
                table: "CustomWorkflows",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GenerationBatches_ProjectId",
                table: "GenerationBatches",
                column: "ProjectId");

            migrationBuilder.AddForeignKey(
                name: "FK_ClipGenerations_GpuServers_ServerId",
                table: "ClipGenerations",
                column: "ServerId",
                principalTable: "GpuServers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_ClipGenerations_MediaFiles_PosterHash",
                table: "ClipGenerations",
                column: "PosterHash",
                principalTable: "MediaFiles",
                principalColumn: "Hash",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_ClipGenerations_MediaFiles_PreviewHash",
                table: "ClipGenerations",
                column: "PreviewHash",
                principalTable: "MediaFiles",
                principalColumn: "Hash",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Clips_MediaFiles_ChosenVideoHash",
                table: "Clips",
                column: "ChosenVideoHash",
                principalTable: "MediaFiles",
                principalColumn: "Hash",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_GenerationJobs_GenerationBatches_BatchId",
                table: "GenerationJobs",
                column: "BatchId",
                principalTable: "GenerationBatches",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ClipGenerations_GpuServers_ServerId",
                table: "ClipGenerations");

            migrationBuilder.DropForeignKey(
                name: "FK_ClipGenerations_MediaFiles_PosterHash",
                table: "ClipGenerations");

            migrationBuilder.DropForeignKey(
                name: "FK_ClipGenerations_MediaFiles_PreviewHash",
                table: "ClipGenerations");

            migrationBuilder.DropForeignKey(
                name: "FK_Clips_MediaFiles_ChosenVideoHash",
                table: "Clips");

            migrationBuilder.DropForeignKey(
                name: "FK_GenerationJobs_GenerationBatches_BatchId",
                table: "GenerationJobs");

            migrationBuilder.DropTable(
                name: "CustomWorkflows");

            migrationBuilder.DropTable(
                name: "GenerationBatches");

            migrationBuilder.DropTable(
                name: "Settings");

            migrationBuilder.DropIndex(
                name: "IX_GenerationJobs_BatchId",
                table: "GenerationJobs");

            migrationBuilder.DropIndex(
                name: "IX_Clips_ChosenVideoHash",
                table: "Clips");

            migrationBuilder.DropIndex(
                name: "IX_ClipGenerations_PosterHash",
                table: "ClipGenerations");

            migrationBuilder.DropIndex(
                name: "IX_ClipGenerations_PreviewHash",
                table: "ClipGenerations");

            migrationBuilder.DropIndex(
                name: "IX_ClipGenerations_ServerId",
                table: "ClipGenerations");

            migrationBuilder.DropColumn(
                name: "SecondsPerImage",
                table: "GpuServers");

            migrationBuilder.DropColumn(
                name: "SecondsPerVideo",
                table: "GpuServers");

            migrationBuilder.DropColumn(
                name: "BatchId",
                table: "GenerationJobs");

            migrationBuilder.DropColumn(
                name: "GraphJson",
                table: "GenerationJobs");

            migrationBuilder.DropColumn(
                name: "ChosenVideoHash",
                table: "Clips");

            migrationBuilder.DropColumn(
                name: "DeletedAt",
                table: "ClipGenerations");

            migrationBuilder.DropColumn(
                name: "GraphJson",
                table: "ClipGenerations");

            migrationBuilder.DropColumn(
                name: "PosterHash",
                table: "ClipGenerations");

            migrationBuilder.DropColumn(
                name: "PreviewHash",
                table: "ClipGenerations");

            migrationBuilder.DropColumn(
                name: "QueuedAt",
                table: "ClipGenerations");

            migrationBuilder.DropColumn(
                name: "Rating",
                table: "ClipGenerations");

            migrationBuilder.DropColumn(
                name: "ServerId",
                table: "ClipGenerations");

            migrationBuilder.DropColumn(
                name: "StartedAt",
                table: "ClipGenerations");
        }
    }
}
