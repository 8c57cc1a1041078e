using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Data;

public sealed class StoryboardDbContext(DbContextOptions<StoryboardDbContext> options)
    : IdentityDbContext<AppUser>(options)
{
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<Song> Songs => Set<Song>();
    public DbSet<MediaFile> MediaFiles => Set<MediaFile>();
    public DbSet<Scene> Scenes => Set<Scene>();
    public DbSet<Clip> Clips => Set<Clip>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<TimelineEdit> TimelineEdits => Set<TimelineEdit>();
    public DbSet<GpuServer> GpuServers => Set<GpuServer>();
    public DbSet<GenerationJob> GenerationJobs => Set<GenerationJob>();
    public DbSet<ClipGeneration> ClipGenerations => Set<ClipGeneration>();
    public DbSet<ModelFamilyOverride> ModelFamilyOverrides => Set<ModelFamilyOverride>();
    public DbSet<Setting> Settings => Set<Setting>();
    public DbSet<CustomWorkflowRecord> CustomWorkflows => Set<CustomWorkflowRecord>();
    public DbSet<GenerationBatch> GenerationBatches => Set<GenerationBatch>();
    public DbSet<Render> Renders => Set<Render>();
    public DbSet<ExportRecord> Exports => Set<ExportRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(StoryboardDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite cannot order or compare DateTimeOffset; store UTC ticks instead.
        builder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetTicksConverter>();
        builder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetTicksConverter>();
    }
}
