using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Storyboard.Web.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the app.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<StoryboardDbContext>
{
    public StoryboardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<StoryboardDbContext>()
            .UseSqlite("Data Source=design-time.db")
            .Options);
}
