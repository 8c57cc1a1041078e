using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Generation.Servers;

/// <summary>
/// The server form. The secret is write-only: blank keeps the stored one, <see cref="RemoveSecret"/> clears it; it is
/// never rendered back.
/// </summary>
public sealed partial class GpuServerInput
{
    [Required(ErrorMessage = "Give the server a name.")]
    [StringLength(100, ErrorMessage = "Keep the name under 100 characters.")]
    public string Name { get; set; } = "";

    public GpuServerKind Kind { get; set; } = GpuServerKind.ComfyUi;

    [Display(Name = "Base URL")]
    [StringLength(2000)]
    public string? BaseUrl { get; set; }

    [Display(Name = "Endpoint id")]
    [StringLength(64)]
    public string? EndpointId { get; set; }

    [Range(1, 16, ErrorMessage = "Capacity is 1 to 16 jobs at once.")]
    public int Capacity { get; set; } = 2;

    public GpuServerAuth Auth { get; set; } = GpuServerAuth.None;

    [Display(Name = "Header name")]
    [StringLength(100)]
    public string? AuthHeaderName { get; set; }

    [Display(Name = "User name")]
    [StringLength(200)]
    public string? BasicUser { get; set; }

    [StringLength(4000, ErrorMessage = "The secret is too long.")]
    [DataType(DataType.Password)]
    public string? Secret { get; set; }

    [Display(Name = "Remove the stored secret")]
    public bool RemoveSecret { get; set; }

    public int Version { get; set; }

    /// <summary>
    /// The checks DataAnnotations cannot make, keyed by property: a ComfyUI server needs an http(s) URL without a user
    /// name, password, query or fragment (credentials go in the auth fields, where they are encrypted); a RunPod
    /// endpoint needs its id and an API key; a header needs a valid name.
    /// </summary>
    public Dictionary<string, string> Check(bool hasStoredSecret)
    {
        var errors = new Dictionary<string, string>();
        var keepsSecret = !RemoveSecret && (!string.IsNullOrEmpty(Secret) || hasStoredSecret);
        if (Kind == GpuServerKind.ComfyUi)
        {
            if (NormalizedUrl(BaseUrl) is null)
            {
                errors[nameof(BaseUrl)] = UrlError(BaseUrl);
            }
            if (Auth == GpuServerAuth.Header && (string.IsNullOrWhiteSpace(AuthHeaderName) || !HeaderName().IsMatch(AuthHeaderName.Trim())))
            {
                errors[nameof(AuthHeaderName)] = "Name the header with letters, digits and dashes (for example X-Api-Key).";
            }
            if (Auth == GpuServerAuth.Basic && string.IsNullOrWhiteSpace(BasicUser))
            {
                errors[nameof(BasicUser)] = "Basic authentication needs a user name.";
            }
            if (Auth != GpuServerAuth.None && !keepsSecret)
            {
                errors[nameof(Secret)] = Auth == GpuServerAuth.Header ? "Enter the header's value." : "Enter the password.";
            }
        }
        else
        {
            if (string.IsNullOrWhiteSpace(EndpointId) || !EndpointIdPattern().IsMatch(EndpointId.Trim()))
            {
                errors[nameof(EndpointId)] = "Enter the endpoint id from RunPod's console (letters, digits, dashes).";
            }
            if (!keepsSecret)
            {
                errors[nameof(Secret)] = "Enter the RunPod API key.";
            }
        }
        return errors;
    }

    /// <summary>The URL as stored ("http://gpu-box:8188", no trailing slash), or null when it is not acceptable.</summary>
    public static string? NormalizedUrl(string? url)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.Host.Length == 0)
        {
            return null;
        }
        return uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    private static string UrlError(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? "Leave the user name and password out of the URL: choose basic authentication below, where they are stored encrypted."
            : "Enter the server's address, such as http://gpu-box:8188 (http or https, no query).";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,99}$")]
    private static partial Regex HeaderName();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex EndpointIdPattern();
}
