using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Data.Configurations;

public sealed class ModelFamilyOverrideConfiguration : IEntityTypeConfiguration<ModelFamilyOverride>
{
    public void Configure(EntityTypeBuilder<ModelFamilyOverride> model)
    {
        model.HasKey(m => m.ModelKey);
        model.Property(m => m.ModelKey).HasMaxLength(600);
        model.Property(m => m.Family).HasMaxLength(32).IsRequired();
    }
}
