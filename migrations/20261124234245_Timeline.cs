using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storyboard.Web.Migrations
{
    /// <inheritdoc />
    public partial class Timeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Color",
                table: "Scenes",
                type: "TEXT",
                maxLength: 7,
                nullable: false,
                defaultValue: "#5b7fe0");

            migrationBuilder.AddColumn<string>(
                name: "CustomSection",
                table: "Scenes",
                type: "TEXT",
                maxLength: 50,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "DeletedAt",
                table: "Scenes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Description",
                table: "Scenes",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "IsMain",
                table: "Scenes",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<long>(
                name: "LengthFrames",
                table: "Scenes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Lyrics",
                table: "Scenes",
                type: "TEXT",
                maxLength: 10000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Notes",
                table: "Scenes",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "OriginalId",
                table: "Scenes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Section",
                table: "Scenes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "StartFrame",
                table: "Scenes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "TakeNumber",
                table: "Scenes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "UpdatedAt",
                table: "Scenes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Scenes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "CameraMove",
                table: "Clips",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ImagePrompt",
                table: "Clips",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "IsMain",
                table: "Clips",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "Lyrics",
                table: "Clips",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NegativePrompt",
                table: "Clips",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Notes",
                table: "Clips",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "OriginalId",
                table: "Clips",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ShotSize",
                table: "Clips",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "TakeNumber",
                table: "Clips",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "TransitionFrames",
                table: "Clips",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "TransitionIn",
                table: "Clips",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "UpdatedAt",
                table: "Clips",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Clips",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "VideoPrompt",
                table: "Clips",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "TimelineEdits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: true),
                    BeforeJson = table.Column<string>(type: "TEXT", nullable: false),
                    AfterJson = table.Column<string>(type: "TEXT", nullable: false),
                    IsUndone = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TimelineEdits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TimelineEdits_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_TimelineEdits_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Scenes_OriginalId",
                table: "Scenes",
                column: "OriginalId");

            migrationBuilder.CreateIndex(
                name: "IX_Scenes_ProjectId_StartFrame",
                table: "Scenes",
                columns: new[] { "ProjectId", "StartFrame" });

            migrationBuilder.CreateIndex(
                name: "IX_Clips_OriginalId",
                table: "Clips",
                column: "OriginalId");

            migrationBuilder.CreateIndex(
                name: "IX_TimelineEdits_ProjectId_Id",
                table: "TimelineEdits",
                columns: new[] { "ProjectId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_TimelineEdits_UserId",
                table: "TimelineEdits",
                column: "UserId");

            migrationBuilder.AddForeignKey(
                name: "FK_Clips_Clips_OriginalId",
                table: "Clips",
                column: "OriginalId",
                principalTable: "Clips",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Scenes_Scenes_OriginalId",
                table: "Scenes",
                column: "OriginalId",
                principalTable: "Scenes",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Clips_Clips_OriginalId",
                table: "Clips");

            migrationBuilder.DropForeignKey(
                name: "FK_Scenes_Scenes_OriginalId",
                table: "Scenes");

            migrationBuilder.DropTable(
                name: "TimelineEdits");

            migrationBuilder.DropIndex(
                name: "IX_Scenes_OriginalId",
                table: "Scenes");

            migrationBuilder.DropIndex(
                name: "IX_Scenes_ProjectId_StartFrame",
                table: "Scenes");

            migrationBuilder.DropIndex(
                name: "IX_Clips_OriginalId",
                table: "Clips");

            migrationBuilder.DropColumn(
                name: "Color",
                table: "Scenes");

            migrationBuilder.DropColumn(
                name: "CustomSection",
                table: "Scenes");

            migrationBuilder.DropColumn(
                name: "DeletedAt",
                table: "Scenes");

            migrationBuilder.DropColumn(
                name: "Description",
                table: "Scenes");

            migrationBuilder.DropColumn(
                name: "IsMain",
                table: "Scenes");

            migrationBuilder.DropColumn(
                name: "LengthFrames",
                table: "Scenes");

            migrationBuilder.DropColumn(
                name: "Lyrics",
                table: "Scenes");

            migrationBuilder.DropColumn(
                name: "Notes",
                table: "Scenes");

            migrationBuilder.DropColumn(
                name: "OriginalId",
                table: "Scenes");

            migrationBuilder.DropColumn(
                name: "Section",
                table: "Scenes");

            migrationBuilder.DropColumn(
                name: "StartFrame",
                table: "Scenes");

            migrationBuilder.DropColumn(
                name: "TakeNumber",
                table: "Scenes");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "Scenes");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Scenes");

            migrationBuilder.DropColumn(
                name: "CameraMove",
                table: "Clips");

            migrationBuilder.DropColumn(
                name: "ImagePrompt",
                table: "Clips");

            migrationBuilder.DropColumn(
                name: "IsMain",
                table: "Clips");

            migrationBuilder.DropColumn(
                name: "Lyrics",
                table: "Clips");

            migrationBuilder.DropColumn(
                name: "NegativePrompt",
                table: "Clips");

            migrationBuilder.DropColumn(
                name: "Notes",
                table: "Clips");

            migrationBuilder.DropColumn(
                name: "OriginalId",
                table: "Clips");

            migrationBuilder.DropColumn(
                name: "ShotSize",
                table: "Clips");

            migrationBuilder.DropColumn(
                name: "TakeNumber",
                table: "Clips");

            migrationBuilder.DropColumn(
                name: "TransitionFrames",
                table: "Clips");

            migrationBuilder.DropColumn(
                name: "TransitionIn",
                table: "Clips");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "Clips");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Clips");

            migrationBuilder.DropColumn(
                name: "VideoPrompt",
                table: "Clips");
        }
    }
}
