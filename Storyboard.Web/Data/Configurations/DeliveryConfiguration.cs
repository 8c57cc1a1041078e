using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Data.Configurations;

public sealed class RenderConfiguration : IEntityTypeConfiguration<Render>
{
    public void Configure(EntityTypeBuilder<Render> model)
    {
        model.HasOne<Project>().WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
        model.HasIndex(r => new { r.ProjectId, r.CreatedAt });
        model.HasIndex(r => r.Status);
        model.Property(r => r.Preset).HasConversion<string>().HasMaxLength(16);
        model.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        model.Property(r => r.UserId).HasMaxLength(450);
        model.Property(r => r.FileName).HasMaxLength(260);
        model.Property(r => r.SubtitlesFileName).HasMaxLength(260);
        model.Property(r => r.Error).HasMaxLength(4000);
    }
}

public sealed class ExportRecordConfiguration : IEntityTypeConfiguration<ExportRecord>
{
    public void Configure(EntityTypeBuilder<ExportRecord> model)
    {
        model.ToTable("Exports");
        model.HasOne<Project>().WithMany().HasForeignKey(e => e.ProjectId).OnDelete(DeleteBehavior.Cascade);
        model.HasIndex(e => new { e.ProjectId, e.CreatedAt });
        model.Property(e => e.Format).HasMaxLength(16).IsRequired();
        model.Property(e => e.UserId).HasMaxLength(450);
        model.Property(e => e.FileName).HasMaxLength(260).IsRequired();
        model.Property(e => e.StoredPath).HasMaxLength(260).IsRequired();
        model.Property(e => e.ContentType).HasMaxLength(100);
    }
}
