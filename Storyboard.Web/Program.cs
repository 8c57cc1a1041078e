using Storyboard.Web.Hosting;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    WebRootPath = WebSetup.FindWebRoot(),
});
builder.AddStoryboardConfiguration();
builder.AddStoryboardLogging();
builder.Services
    .AddStoryboardWeb()
    .AddStoryboardData(builder.Configuration)
    .AddStoryboardIdentity(builder.Configuration)
    .AddStoryboardMedia(builder.Configuration)
    .AddStoryboardJobs()
    .AddStoryboardHealth()
    .AddStoryboardApi()
    .AddStoryboardTimeline()
    .AddStoryboardGeneration(builder.Configuration)
    .AddStoryboardDelivery();

var app = builder.Build();
await app.MigrateStoryboardDatabaseAsync();
app.UseStoryboardPipeline();
app.MapStoryboardHealth();
app.MapStoryboardMedia();
app.MapStoryboardApi();
app.Run();

/// <summary>Entry point; public so the tests' WebApplicationFactory can start it.</summary>
public partial class Program;
