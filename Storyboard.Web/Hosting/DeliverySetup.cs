using Quartz;
using Storyboard.Web.Delivery;
using Storyboard.Web.Delivery.Exports;
using Storyboard.Web.Delivery.Formats;
using Storyboard.Web.Delivery.Formats.Json;
using Storyboard.Web.Delivery.Formats.Pdf;
using Storyboard.Web.Delivery.Animatic;
using Storyboard.Web.Jobs;

namespace Storyboard.Web.Hosting;

public static class DeliverySetup
{
    /// <summary>The cut every animatic and export reads, and the files behind it.</summary>
    public static IServiceCollection AddStoryboardDelivery(this IServiceCollection services)
    {
        services.AddScoped<ICutBuilder, CutBuilder>();
        services.AddScoped<IDeliveryMedia, DraftStills>();
        services.AddScoped<IExportService, ExportService>();
        services.AddScoped<IExportFormat, MediaPackageFormat>();
        services.AddSingleton<IExportFormat, EdlFormat>();
        services.AddSingleton<IExportFormat, OtioFormat>();
        services.AddScoped<IExportFormat, OtiozFormat>();
        services.AddSingleton<IExportFormat, FcpxmlFormat>();
        services.AddSingleton<IExportFormat, Fcp7XmlFormat>();
        services.AddScoped<IProjectArchive, ProjectArchive>();
        services.AddScoped<IExportFormat, ProjectJsonFormat>();
        services.AddScoped<IProjectImport, ProjectImport>();
        services.AddScoped<PanelPictures>();
        services.AddScoped<IExportFormat, PdfSheetFormat>();
        services.AddScoped<IAnimaticRenderer, AnimaticRenderer>();
        services.AddScoped<IRenders, Renders>();
        services.AddSingleton<IRenderQueue, RenderQueue>();
        services.AddSingleton<RenderRunner>();
        services.AddHostedService<RenderRecovery>();
        services.AddQuartz(quartz => quartz.AddJob<RenderAnimaticJob>(job => job.WithIdentity(RenderAnimaticJob.Key).StoreDurably()));
        return services;
    }
}
