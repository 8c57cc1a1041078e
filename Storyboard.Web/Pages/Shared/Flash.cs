using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Storyboard.Web.Pages.Shared;

public enum FlashKind
{
    Success,
    Error,
    Info,
}

public sealed record FlashMessage(FlashKind Kind, string Text);

/// <summary>One-shot messages shown in the layout's aria-live flash region after a redirect.</summary>
public static class Flash
{
    private const string TextKey = "flash.text";
    private const string KindKey = "flash.kind";

    public static void Set(ITempDataDictionary tempData, string text, FlashKind kind = FlashKind.Success)
    {
        tempData[TextKey] = text;
        tempData[KindKey] = kind.ToString();
    }

    public static FlashMessage? Take(ITempDataDictionary tempData) =>
        tempData[TextKey] is string text
            ? new FlashMessage(Enum.TryParse<FlashKind>(tempData[KindKey] as string, out var kind) ? kind : FlashKind.Info, text)
            : null;
}
