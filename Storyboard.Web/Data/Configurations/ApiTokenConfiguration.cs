using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Data.Configurations;

public sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> token)
    {
        token.Property(t => t.Name).HasMaxLength(100).IsRequired();
        token.Property(t => t.TokenHash).HasMaxLength(64).IsRequired();
        token.Property(t => t.Prefix).HasMaxLength(16).IsRequired();
        token.HasIndex(t => t.TokenHash).IsUnique();
        token.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
