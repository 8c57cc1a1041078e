using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Data.Configurations;

public sealed class TimelineEditConfiguration : IEntityTypeConfiguration<TimelineEdit>
{
    public void Configure(EntityTypeBuilder<TimelineEdit> edit)
    {
        edit.Property(e => e.Label).HasMaxLength(200).IsRequired();
        edit.HasIndex(e => new { e.ProjectId, e.Id });
        edit.HasOne<Project>().WithMany().HasForeignKey(e => e.ProjectId).OnDelete(DeleteBehavior.Cascade);
        edit.HasOne<AppUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}
