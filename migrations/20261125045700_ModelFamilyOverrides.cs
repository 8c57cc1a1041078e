using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storyboard.Web.Migrations
{
    /// <inheritdoc />
    public partial class ModelFamilyOverrides : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ModelFamilyOverrides",
                columns: table => new
                {
                    ModelKey = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    Family = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelFamilyOverrides", x => x.ModelKey);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ModelFamilyOverrides");
        }
    }
}
