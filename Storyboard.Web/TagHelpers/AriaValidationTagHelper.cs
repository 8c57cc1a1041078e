using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Storyboard.Web.TagHelpers;

/// <summary>
/// Ties server-side validation errors to their inputs for screen readers: an invalid field gets
/// aria-invalid and aria-describedby pointing at its message, which gets a matching id.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class AriaValidationTagHelper : TagHelper
{
    // Run after the built-in tag helpers so the id attribute is already there.
    public override int Order => 1000;

    [HtmlAttributeName("asp-for")]
    public ModelExpression? For { get; set; }

    [HtmlAttributeName("asp-validation-for")]
    public ModelExpression? ValidationFor { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var expression = For ?? ValidationFor;
        if (expression is null)
        {
            return;
        }
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(expression.Name);
        var messageId = TagBuilder.CreateSanitizedId(name, "_") + "-error";
        if (ValidationFor is not null)
        {
            output.Attributes.SetAttribute("id", messageId);
            return;
        }
        var hasError = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0;
        if (!hasError)
        {
            return;
        }
        output.Attributes.SetAttribute("aria-invalid", "true");
        var described = output.Attributes.TryGetAttribute("aria-describedby", out var existing)
            ? $"{existing.Value} {messageId}"
            : messageId;
        output.Attributes.SetAttribute("aria-describedby", described);
    }
}
