using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Data.Configurations;

public sealed class SceneConfiguration : IEntityTypeConfiguration<Scene>
{
    public void Configure(EntityTypeBuilder<Scene> scene)
    {
        scene.Property(s => s.Name).HasMaxLength(200).IsRequired();
        scene.Property(s => s.Description).HasMaxLength(4000);
        scene.Property(s => s.Lyrics).HasMaxLength(10000);
        scene.Property(s => s.CustomSection).HasMaxLength(50);
        scene.Property(s => s.Color).HasMaxLength(7);
        scene.Property(s => s.Notes).HasMaxLength(4000);
        scene.Property(s => s.Version).IsConcurrencyToken();
        scene.Ignore(s => s.GroupId);
        scene.HasIndex(s => new { s.ProjectId, s.SortOrder });
        scene.HasIndex(s => new { s.ProjectId, s.StartFrame });
        scene.HasIndex(s => s.OriginalId);
        scene.HasOne<Scene>().WithMany().HasForeignKey(s => s.OriginalId).OnDelete(DeleteBehavior.Restrict);
        scene.HasMany(s => s.Clips).WithOne().HasForeignKey(c => c.SceneId).OnDelete(DeleteBehavior.SetNull);
    }
}
