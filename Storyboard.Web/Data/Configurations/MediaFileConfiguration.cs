using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Data.Configurations;

public sealed class MediaFileConfiguration : IEntityTypeConfiguration<MediaFile>
{
    public void Configure(EntityTypeBuilder<MediaFile> media)
    {
        media.HasKey(m => m.Hash);
        media.Property(m => m.Hash).HasMaxLength(64);
        media.Property(m => m.ContentType).HasMaxLength(100).IsRequired();
        media.Property(m => m.RelativePath).HasMaxLength(300).IsRequired();
    }
}
