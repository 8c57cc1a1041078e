using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Data.Configurations;

public sealed class GpuServerConfiguration : IEntityTypeConfiguration<GpuServer>
{
    public void Configure(EntityTypeBuilder<GpuServer> server)
    {
        server.Property(s => s.Name).HasMaxLength(100).IsRequired();
        server.HasIndex(s => s.Name).IsUnique();
        server.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        server.Property(s => s.BaseUrl).HasMaxLength(2000);
        server.Property(s => s.EndpointId).HasMaxLength(64);
        server.Property(s => s.Auth).HasConversion<string>().HasMaxLength(16);
        server.Property(s => s.AuthHeaderName).HasMaxLength(100);
        server.Property(s => s.BasicUser).HasMaxLength(200);
        server.Property(s => s.ProtectedSecret).HasMaxLength(8000);
        server.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        server.Property(s => s.GpuName).HasMaxLength(200);
        server.Property(s => s.LastError).HasMaxLength(1000);
        server.Property(s => s.Version).IsConcurrencyToken();
    }
}
