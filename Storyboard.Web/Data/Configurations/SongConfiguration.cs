using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Data.Configurations;

public sealed class SongConfiguration : IEntityTypeConfiguration<Song>
{
    public void Configure(EntityTypeBuilder<Song> song)
    {
        song.Property(s => s.OriginalFileName).HasMaxLength(255).IsRequired();
        song.Property(s => s.Format).HasMaxLength(64);
        song.Property(s => s.Codec).HasMaxLength(64);
        song.Property(s => s.Error).HasMaxLength(1000);
        song.Property(s => s.PeaksPath).HasMaxLength(300);
        song.Property(s => s.WaveformPath).HasMaxLength(300);
        song.HasOne(s => s.Project).WithMany().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
        song.HasOne(s => s.Media).WithMany().HasForeignKey(s => s.MediaHash).OnDelete(DeleteBehavior.Restrict);
        song.Ignore(s => s.Duration);
        song.HasIndex(s => new { s.ProjectId, s.Status });
    }
}
