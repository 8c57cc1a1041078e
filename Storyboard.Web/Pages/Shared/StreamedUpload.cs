using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Storyboard.Web.Pages.Shared;

/// <summary>The file part of a multipart form, not yet read: its body streams straight from the request.</summary>
public sealed record StreamedFile(string FieldName, string FileName, Stream Body);

public enum StreamedUploadProblem
{
    None,
    /// <summary>Not multipart/form-data, or malformed.</summary>
    BadForm,
    /// <summary>The antiforgery token is missing or wrong.</summary>
    Forged,
    /// <summary>The form holds no file part.</summary>
    NoFile,
}

public sealed record StreamedUploadRead(StreamedFile? File, StreamedUploadProblem Problem);

/// <summary>
/// Reads a multipart upload without buffering it: the small fields before the file are read (the antiforgery token
/// among them), the token is validated, and the file part is handed over unread, so it can stream to disk.
/// Forms using this put the antiforgery token before the file input (htmx requests send it as a header anyway).
/// </summary>
public static class StreamedUpload
{
    private const int MaxFieldBytes = 8 * 1024;
    private const int MaxFieldsBeforeFile = 16;

    /// <summary>Room for the multipart envelope (boundaries, part headers, the token) around the file.</summary>
    public const long EnvelopeAllowance = 64 * 1024;

    /// <summary>Lets this one request carry a body of <paramref name="maxFileBytes"/> plus the envelope.</summary>
    public static void AllowBody(HttpContext context, long maxFileBytes)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxFileBytes + EnvelopeAllowance;
        }
    }

    /// <summary>The most the file part can hold, judging by the request's Content-Length; null when chunked.</summary>
    public static long? DeclaredFileLength(HttpRequest request) =>
        request.ContentLength is long length ? Math.Max(0, length - EnvelopeAllowance) : null;

    public static async Task<StreamedUploadRead> ReadAsync(HttpContext context, IAntiforgery antiforgery,
        IOptions<AntiforgeryOptions> antiforgeryOptions, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) ||
            !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) ||
            HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return new StreamedUploadRead(null, StreamedUploadProblem.BadForm);
        }

        var options = antiforgeryOptions.Value;
        var reader = new MultipartReader(boundary, request.Body);
        StreamedFile? file = null;
        try
        {
            for (var fields = 0; fields <= MaxFieldsBeforeFile; fields++)
            {
                var section = await reader.ReadNextSectionAsync(cancellationToken);
                if (section is null || !ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    break;
                }
                if (disposition.IsFileDisposition())
                {
                    var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : disposition.FileName.Value;
                    file = new StreamedFile(HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "", fileName ?? "", section.Body);
                    break;
                }
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                var value = await ReadSmallAsync(section.Body, cancellationToken);
                if (value is null)
                {
                    return new StreamedUploadRead(null, StreamedUploadProblem.BadForm);
                }
                // The token came in the body; hand it to antiforgery as its header so it never reads the form.
                if (name == options.FormFieldName && options.HeaderName is { } header && !request.Headers.ContainsKey(header))
                {
                    request.Headers[header] = value;
                }
            }
        }
        catch (InvalidDataException)
        {
            return new StreamedUploadRead(null, StreamedUploadProblem.BadForm);
        }

        if (options.HeaderName is null || !request.Headers.ContainsKey(options.HeaderName) ||
            !await antiforgery.IsRequestValidAsync(context))
        {
            return new StreamedUploadRead(null, StreamedUploadProblem.Forged);
        }
        return file is null
            ? new StreamedUploadRead(null, StreamedUploadProblem.NoFile)
            : new StreamedUploadRead(file, StreamedUploadProblem.None);
    }

    private static async Task<string?> ReadSmallAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        var length = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        return length > MaxFieldBytes ? null : Encoding.UTF8.GetString(buffer, 0, length);
    }
}

/// <summary>
/// Keeps model binding away from the request form, which would read (and buffer) the whole upload before the
/// handler runs. Route and query values still bind.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class DisableFormValueModelBindingAttribute : Attribute, IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var factories = context.ValueProviderFactories;
        factories.RemoveType<FormValueProviderFactory>();
        factories.RemoveType<FormFileValueProviderFactory>();
        factories.RemoveType<JQueryFormValueProviderFactory>();
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
