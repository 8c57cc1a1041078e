using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Data.Configurations;

public sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> project)
    {
        project.Property(p => p.Name).HasMaxLength(200).IsRequired();
        project.Property(p => p.Description).HasMaxLength(4000);
        project.Ignore(p => p.FrameRate);
        project.Ignore(p => p.Resolution);
        project.HasIndex(p => p.DeletedAt);
        project.HasOne(p => p.CurrentSong).WithMany()
            .HasForeignKey(p => p.CurrentSongId).OnDelete(DeleteBehavior.SetNull);
        project.HasMany(p => p.Scenes).WithOne().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
        project.HasMany(p => p.Clips).WithOne().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Cascade);
        project.HasOne<AppUser>().WithMany().HasForeignKey(p => p.CreatedById).OnDelete(DeleteBehavior.SetNull);
    }
}
