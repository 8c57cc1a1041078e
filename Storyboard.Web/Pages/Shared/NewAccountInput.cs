using System.ComponentModel.DataAnnotations;

namespace Storyboard.Web.Pages.Shared;

/// <summary>The name fields every new account has (first-run setup and an admin adding a user).</summary>
public abstract class NewAccountInput
{
    [Required(ErrorMessage = "Choose a user name.")]
    [StringLength(64, ErrorMessage = "Use at most 64 characters.")]
    [RegularExpression(@"^[A-Za-z0-9._@+-]+$", ErrorMessage = "Use letters, digits and . _ @ + - only.")]
    [Display(Name = "User name")]
    public string UserName { get; set; } = "";

    [StringLength(100)]
    [Display(Name = "Display name")]
    public string? DisplayName { get; set; }
}
