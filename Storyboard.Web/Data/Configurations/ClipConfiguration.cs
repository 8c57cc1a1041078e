using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Data.Configurations;

public sealed class ClipConfiguration : IEntityTypeConfiguration<Clip>
{
    public void Configure(EntityTypeBuilder<Clip> clip)
    {
        clip.Property(c => c.Name).HasMaxLength(200).IsRequired();
        clip.HasIndex(c => new { c.ProjectId, c.StartFrame });
        clip.HasOne<MediaFile>().WithMany().HasForeignKey(c => c.ChosenImageHash).OnDelete(DeleteBehavior.SetNull);
    }
}
