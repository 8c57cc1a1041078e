using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Storyboard.Web.Hosting;

public static class LoggingSetup
{
    /// <summary>Console plus a rolling JSON file in data/logs. Settings under "Serilog" in configuration override the levels.</summary>
    public static WebApplicationBuilder AddStoryboardLogging(this WebApplicationBuilder builder)
    {
        var logFolder = builder.Configuration.GetStorageOptions().LogFolder;
        builder.Services.AddSerilog((services, logger) => logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
            // HttpClient logs every request to a GPU server at Information (several a second while jobs run).
            .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(new CompactJsonFormatter(), Path.Combine(logFolder, "storyboard-.json"),
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14,
                fileSizeLimitBytes: 50 * 1024 * 1024, rollOnFileSizeLimit: true),
            // Each app instance keeps its own logger (tests run several side by side in one process).
            preserveStaticLogger: true);
        return builder;
    }

    /// <summary>One line per request: method, path (never the query string, which may hold secrets), status, time.</summary>
    public static WebApplication UseStoryboardRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.GetLevel = (context, _, exception) =>
                exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
                : context.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Verbose
                : LogEventLevel.Information;
        });
        return app;
    }
}
