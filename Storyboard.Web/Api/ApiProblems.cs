using System.Text.Json;

namespace Storyboard.Web.Api;

/// <summary>
/// The RFC 9457 problem responses every API endpoint uses. Status codes are fixed API-wide:
/// 400 the body is not JSON (or not a JSON object), 415 the body is not sent as application/json,
/// 422 the request was read but a value is invalid (<c>errors</c> keyed by the JSON property name),
/// 401 no or an invalid token, 403 the role does not allow it, 404 no such item (or it is in the Trash),
/// 429 too many requests (with Retry-After).
/// </summary>
public static class ApiProblems
{
    /// <summary>The one status for validation problems.</summary>
    public const int ValidationStatus = StatusCodes.Status422UnprocessableEntity;

    public static IResult NotFound(string detail) =>
        TypedResults.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);

    /// <summary>A validation problem; <paramref name="errors"/> are keyed by JSON property name.</summary>
    public static IResult Invalid(IEnumerable<KeyValuePair<string, string>> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => new[] { e.Value }))
        {
            Status = ValidationStatus,
            Title = "The request has invalid values",
            Detail = "See 'errors': each names a JSON property and what is wrong with it. Nothing was changed.",
        });

    public static IResult Invalid(string property, string message) => Invalid([new(property, message)]);

    /// <summary>Service errors are keyed by C# property names ("FrameRate"); the API speaks JSON names ("frameRate").</summary>
    public static IResult InvalidFromService(IReadOnlyDictionary<string, string> errors) =>
        Invalid(errors.Select(e => new KeyValuePair<string, string>(JsonName(e.Key), e.Value)));

    public static IResult MalformedBody(string detail) =>
        TypedResults.Problem(title: "The request body could not be read", detail: detail, statusCode: StatusCodes.Status400BadRequest);

    public static IResult UnsupportedMediaType() =>
        TypedResults.Problem(title: "Unsupported media type",
            detail: "Send the request body as JSON with the header 'Content-Type: application/json'.",
            statusCode: StatusCodes.Status415UnsupportedMediaType);

    /// <summary>Answers any /api URL no endpoint matches, so clients get a problem rather than a page.</summary>
    public static IResult UnknownEndpoint(HttpRequest request) =>
        NotFound($"No API endpoint answers {request.Method} {request.Path}. The OpenAPI document at /openapi/v1.json lists them all.");

    public static string JsonName(string propertyName) =>
        propertyName.Length == 0 ? "" : JsonNamingPolicy.CamelCase.ConvertName(propertyName);

    /// <summary>The problem responses a write endpoint can give beyond the group-wide 401 and 429.</summary>
    public static TBuilder ProducesWriteProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem(ValidationStatus);
}
