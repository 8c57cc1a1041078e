using Microsoft.AspNetCore.Http.Metadata;

namespace Storyboard.Web.Api;

/// <summary>
/// Answers every /api request no endpoint took, as a problem: 405 (with Allow) when the URL exists for other methods,
/// 415 when its endpoint takes another content type, otherwise 404. Without it such requests would meet the pages'
/// fallback authorization policy and be redirected to the login page. Endpoints are recognised by name, so every API
/// endpoint gets one (<c>WithName</c>, which is also its OpenAPI operationId).
/// </summary>
public static class ApiFallback
{
    public const string Pattern = "/api/{**path}";

    public static IResult Answer(HttpContext context, EndpointDataSource endpoints, LinkParser links)
    {
        var request = context.Request;
        var sameUrl = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is { } name &&
                        links.ParsePathByEndpointName(name.EndpointName, request.Path) is not null)
            .ToList();
        if (sameUrl.Count == 0)
        {
            return ApiProblems.UnknownEndpoint(request);
        }
        var sameMethod = sameUrl.Where(e => Methods(e).Contains(request.Method, StringComparer.OrdinalIgnoreCase)).ToList();
        if (sameMethod.Count == 0)
        {
            var allowed = string.Join(", ", sameUrl.SelectMany(Methods).Distinct().Order(StringComparer.Ordinal));
            context.Response.Headers.Allow = allowed;
            return TypedResults.Problem(title: "Method not allowed",
                detail: $"{request.Path} answers {allowed}, not {request.Method}.",
                statusCode: StatusCodes.Status405MethodNotAllowed);
        }
        return sameMethod.Any(e => e.Metadata.GetMetadata<IAcceptsMetadata>() is not null)
            ? ApiProblems.UnsupportedMediaType()
            : ApiProblems.UnknownEndpoint(request);
    }

    private static IEnumerable<string> Methods(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
}
