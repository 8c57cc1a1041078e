namespace Storyboard.Web.Generation.DraftCards;

public static class DraftCardsSetup
{
    /// <summary>The draft card renderer: one shared instance (it holds the embedded fonts and no other state).</summary>
    public static IServiceCollection AddDraftCards(this IServiceCollection services)
    {
        services.AddSingleton<IDraftCardRenderer, SkiaDraftCardRenderer>();
        return services;
    }
}
