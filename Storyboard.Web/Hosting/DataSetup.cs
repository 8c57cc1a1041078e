using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Data;

namespace Storyboard.Web.Hosting;

public static class DataSetup
{
    public static IServiceCollection AddStoryboardData(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = configuration.GetStorageOptions();
        Directory.CreateDirectory(storage.DataFolder);
        var connectionString = BuildConnectionString(storage.DatabasePath);
        services.AddSingleton<SqlitePragmaInterceptor>();
        services.AddDbContext<StoryboardDbContext>((provider, options) => options
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(StoryboardDbContext).Assembly.FullName))
            .UseModel(Data.CompiledModel.StoryboardDbContextModel.Instance)
            .AddInterceptors(provider.GetRequiredService<SqlitePragmaInterceptor>()));
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }

    public static string BuildConnectionString(string databasePath) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        ForeignKeys = true,
        DefaultTimeout = 30,
        Pooling = true,
    }.ToString();

    /// <summary>Applies pending migrations, copying the database to data/backups first.</summary>
    public static async Task MigrateStoryboardDatabaseAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
    }
}
