using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storyboard.Web.Migrations
{
    /// <inheritdoc />
    public partial class SceneSpans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Scenes made before scenes had a span (only possible through seeding) cover their clips, at least one
            // frame. Its own migration: SQLite rebuilds the Scenes and Clips tables at the end of the Timeline one.
            migrationBuilder.Sql("""
                UPDATE Scenes SET
                    StartFrame = COALESCE((SELECT MIN(c.StartFrame) FROM Clips c WHERE c.SceneId = Scenes.Id), 0),
                    LengthFrames = MAX(1, COALESCE((SELECT MAX(c.StartFrame + c.LengthFrames) - MIN(c.StartFrame) FROM Clips c WHERE c.SceneId = Scenes.Id), 1))
                WHERE LengthFrames = 0;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: the spans stay valid under the older schema.
        }
    }
}
