using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Data.Configurations;

public sealed class ClipConfiguration : IEntityTypeConfiguration<Clip>
{
    public void Configure(EntityTypeBuilder<Clip> clip)
    {
        clip.Property(c => c.Name).HasMaxLength(200).IsRequired();
        clip.Property(c => c.Lyrics).HasMaxLength(4000);
        clip.Property(c => c.ImagePrompt).HasMaxLength(4000);
        clip.Property(c => c.NegativePrompt).HasMaxLength(4000);
        clip.Property(c => c.VideoPrompt).HasMaxLength(4000);
        clip.Property(c => c.Notes).HasMaxLength(4000);
        clip.Property(c => c.Version).IsConcurrencyToken();
        clip.Ignore(c => c.GroupId);
        clip.HasIndex(c => new { c.ProjectId, c.StartFrame });
        clip.HasIndex(c => c.OriginalId);
        clip.HasOne<Clip>().WithMany().HasForeignKey(c => c.OriginalId).OnDelete(DeleteBehavior.Restrict);
        clip.HasOne<MediaFile>().WithMany().HasForeignKey(c => c.ChosenImageHash).OnDelete(DeleteBehavior.SetNull);
        clip.Property(c => c.ChosenVideoHash).HasMaxLength(64);
        clip.HasOne<MediaFile>().WithMany().HasForeignKey(c => c.ChosenVideoHash).OnDelete(DeleteBehavior.SetNull);
    }
}
