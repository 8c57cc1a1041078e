using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Storyboard.Web.Data;
using Storyboard.Web.Data.CompiledModel;

namespace Storyboard.Tests.Data;

public sealed class CompiledModelTests
{
    [Fact]
    public void The_compiled_model_the_app_starts_with_matches_the_entities_and_configurations()
    {
        var options = new DbContextOptionsBuilder<StoryboardDbContext>().UseSqlite("Data Source=:memory:");
        using var fromCode = new StoryboardDbContext(options.Options);
        using var compiled = new StoryboardDbContext(
            new DbContextOptionsBuilder<StoryboardDbContext>().UseSqlite("Data Source=:memory:")
                .UseModel(StoryboardDbContextModel.Instance).Options);

        var expected = fromCode.Model.ToDebugString(MetadataDebugStringOptions.LongDefault);
        var actual = compiled.Model.ToDebugString(MetadataDebugStringOptions.LongDefault);
        Assert.True(expected == actual,
            "The compiled model is out of date: run scripts/refresh-compiled-model.sh after changing an entity.");
    }
}
