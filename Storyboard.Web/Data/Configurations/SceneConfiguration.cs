using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Data.Configurations;

public sealed class SceneConfiguration : IEntityTypeConfiguration<Scene>
{
    public void Configure(EntityTypeBuilder<Scene> scene)
    {
        scene.Property(s => s.Name).HasMaxLength(200).IsRequired();
        scene.HasIndex(s => new { s.ProjectId, s.SortOrder });
        scene.HasMany(s => s.Clips).WithOne().HasForeignKey(c => c.SceneId).OnDelete(DeleteBehavior.SetNull);
    }
}
