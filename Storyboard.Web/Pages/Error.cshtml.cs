using Htmx;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storyboard.Web.Pages.Shared;

namespace Storyboard.Web.Pages;

/// <summary>
/// The friendly error page. For htmx requests the app-wide convention applies: the error keeps its status code,
/// is retargeted to the #flash region and arrives as a flash message.
/// </summary>
[IgnoreAntiforgeryToken]
// Re-executed for failed posts too: binding `code` must not read a multipart body a streamed upload has half read.
[DisableFormValueModelBinding]
public sealed class ErrorModel(ILogger<ErrorModel> logger) : PageModel
{
    public string Title { get; private set; } = "Something went wrong";
    public string Message { get; private set; } = "Storyboard could not finish that. Nothing was changed; please try again.";
    public string? RequestId { get; private set; }

    public IActionResult OnGet(int? code) => Respond(code);
    public IActionResult OnPost(int? code) => Respond(code);

    private IActionResult Respond(int? code)
    {
        var status = code ?? StatusCodes.Status500InternalServerError;
        (Title, Message) = status switch
        {
            400 => ("That request was not understood", "The form may have expired. Reload the page and try again."),
            403 => ("Not allowed", "Your role does not allow this action."),
            404 => ("Not found", "That page or item does not exist, or it was moved to the Trash."),
            405 => ("Not allowed", "That action cannot be done this way."),
            413 => ("Too large", "That upload is larger than Storyboard accepts."),
            429 => ("Too many attempts", "Storyboard has had too many tries from here in the last minute. Wait a minute, then try again."),
            _ => (Title, Message),
        };
        if (HttpContext.Features.Get<IExceptionHandlerFeature>() is { } failure)
        {
            RequestId = HttpContext.TraceIdentifier;
            logger.LogError(failure.Error, "Unhandled error on {Path}", failure.Path);
        }
        Response.StatusCode = status;
        if (Request.IsHtmx())
        {
            Response.Htmx(h => h.Retarget("#flash").Reswap("innerHTML"));
            return Partial("Shared/_Flash", new FlashMessage(FlashKind.Error, $"{Title}. {Message}"));
        }
        return Page();
    }
}
