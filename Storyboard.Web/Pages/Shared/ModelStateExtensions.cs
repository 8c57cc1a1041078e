using Microsoft.AspNetCore.Mvc.ModelBinding;
using Storyboard.Web.Accounts;

namespace Storyboard.Web.Pages.Shared;

public static class ModelStateExtensions
{
    /// <summary>Adds service errors to the form, each on the field it names under <paramref name="prefix"/>.</summary>
    public static void AddAccountErrors(this ModelStateDictionary modelState, AccountResult result, string prefix)
    {
        foreach (var (field, message) in result.Errors)
        {
            modelState.AddModelError(string.IsNullOrEmpty(field) ? "" : $"{prefix}.{field}", message);
        }
    }
}
