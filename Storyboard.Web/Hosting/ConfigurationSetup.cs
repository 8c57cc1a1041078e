namespace Storyboard.Web.Hosting;

public static class ConfigurationSetup
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>
    /// Every setting can come from an environment variable <c>STORYBOARD_&lt;Section&gt;__&lt;Key&gt;</c>;
    /// <c>STORYBOARD_DATA</c> is the short form of <c>STORYBOARD_Storage__DataPath</c>.
    /// </summary>
    public static WebApplicationBuilder AddStoryboardConfiguration(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddEnvironmentVariables("STORYBOARD_");
        var dataAlias = builder.Configuration["DATA"];
        if (!string.IsNullOrWhiteSpace(dataAlias))
        {
            builder.Configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.DataPath)}"] = dataAlias;
        }
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]) &&
            string.IsNullOrWhiteSpace(builder.Configuration["http_ports"]) &&
            string.IsNullOrWhiteSpace(builder.Configuration["https_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddOptions<StorageOptions>().Bind(builder.Configuration.GetSection(StorageOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<MediaOptions>().Bind(builder.Configuration.GetSection(MediaOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Generation.GenerationOptions>().Bind(builder.Configuration.GetSection(Generation.GenerationOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<HealthOptions>().Bind(builder.Configuration.GetSection(HealthOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<AccountOptions>().Bind(builder.Configuration.GetSection(AccountOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }

    /// <summary>Reads the storage options before the container is built (logging and the database need them early).</summary>
    public static StorageOptions GetStorageOptions(this IConfiguration configuration)
    {
        var options = new StorageOptions();
        configuration.GetSection(StorageOptions.Section).Bind(options);
        return options;
    }
}
