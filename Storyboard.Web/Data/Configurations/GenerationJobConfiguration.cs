using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Data.Configurations;

public sealed class GenerationJobConfiguration : IEntityTypeConfiguration<GenerationJob>
{
    public void Configure(EntityTypeBuilder<GenerationJob> job)
    {
        job.Property(j => j.Kind).HasConversion<string>().HasMaxLength(16);
        job.Property(j => j.Status).HasConversion<string>().HasMaxLength(16);
        job.Property(j => j.UserId).HasMaxLength(450);
        job.Property(j => j.RemoteId).HasMaxLength(200);
        job.Property(j => j.ProgressText).HasMaxLength(200);
        job.Property(j => j.Error).HasMaxLength(2000);
        job.Property(j => j.Version).IsConcurrencyToken();
        // No foreign key to the clip: deleting a clip is undoable (undo brings it back with its id), so its jobs and
        // gallery stay with the project and are found again. The project's purge removes them.
        // The dispatcher's question: what waits, in order; and what runs on each server.
        job.HasIndex(j => new { j.Status, j.Priority, j.Id });
        job.HasIndex(j => new { j.ServerId, j.Status });
        job.HasIndex(j => j.ClipId);
        job.HasIndex(j => j.BatchId);
        job.HasOne<GenerationBatch>().WithMany().HasForeignKey(j => j.BatchId).OnDelete(DeleteBehavior.SetNull);
        job.HasOne<Project>().WithMany().HasForeignKey(j => j.ProjectId).OnDelete(DeleteBehavior.Cascade);
        job.HasOne<GpuServer>().WithMany().HasForeignKey(j => j.ServerId).OnDelete(DeleteBehavior.SetNull);
        job.HasOne<GpuServer>().WithMany().HasForeignKey(j => j.RequestedServerId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class ClipGenerationConfiguration : IEntityTypeConfiguration<ClipGeneration>
{
    public void Configure(EntityTypeBuilder<ClipGeneration> generation)
    {
        generation.Property(g => g.Kind).HasConversion<string>().HasMaxLength(16);
        generation.Property(g => g.MediaHash).HasMaxLength(64).IsRequired();
        generation.Property(g => g.Model).HasMaxLength(300);
        generation.Property(g => g.Source).HasMaxLength(100);
        generation.Property(g => g.Seed).HasConversion(v => unchecked((long)v), v => unchecked((ulong)v));
        generation.HasIndex(g => new { g.ClipId, g.Id });
        generation.HasOne<Project>().WithMany().HasForeignKey(g => g.ProjectId).OnDelete(DeleteBehavior.Cascade);
        generation.HasOne<MediaFile>().WithMany().HasForeignKey(g => g.MediaHash).OnDelete(DeleteBehavior.Restrict);
        generation.HasOne<GenerationJob>().WithMany().HasForeignKey(g => g.JobId).OnDelete(DeleteBehavior.SetNull);
        generation.HasOne<GpuServer>().WithMany().HasForeignKey(g => g.ServerId).OnDelete(DeleteBehavior.SetNull);
        generation.HasOne<MediaFile>().WithMany().HasForeignKey(g => g.PosterHash).OnDelete(DeleteBehavior.Restrict);
        generation.HasOne<MediaFile>().WithMany().HasForeignKey(g => g.PreviewHash).OnDelete(DeleteBehavior.Restrict);
        generation.Property(g => g.PosterHash).HasMaxLength(64);
        generation.Property(g => g.PreviewHash).HasMaxLength(64);
    }
}

public sealed class GenerationBatchConfiguration : IEntityTypeConfiguration<GenerationBatch>
{
    public void Configure(EntityTypeBuilder<GenerationBatch> batch)
    {
        batch.Property(b => b.Label).HasMaxLength(200);
        batch.Property(b => b.UserId).HasMaxLength(450);
        batch.HasIndex(b => b.ProjectId);
        batch.HasOne<Project>().WithMany().HasForeignKey(b => b.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CustomWorkflowConfiguration : IEntityTypeConfiguration<CustomWorkflowRecord>
{
    public void Configure(EntityTypeBuilder<CustomWorkflowRecord> workflow)
    {
        workflow.ToTable("CustomWorkflows");
        workflow.Property(w => w.Name).HasMaxLength(100).IsRequired();
        workflow.Property(w => w.Kind).HasConversion<string>().HasMaxLength(16);
        workflow.Property(w => w.CreatedByUserId).HasMaxLength(450);
        workflow.HasIndex(w => w.Name).IsUnique();
    }
}

public sealed class SettingConfiguration : IEntityTypeConfiguration<Setting>
{
    public void Configure(EntityTypeBuilder<Setting> setting)
    {
        setting.HasKey(s => s.Key);
        setting.Property(s => s.Key).HasMaxLength(100);
        setting.Property(s => s.Value).HasMaxLength(4000);
    }
}
