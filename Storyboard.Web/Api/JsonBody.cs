using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Storyboard.Web.Api;

/// <summary>
/// Reads a JSON request body so that every way it can be wrong gets a clear problem instead of a bare status:
/// 415 when it is not sent as JSON, 400 when it does not parse or is not an object, 422 keyed by the property
/// when a value has the wrong type. (Minimal API body binding answers those with an empty 400 or 415.)
/// Endpoints declare the body for OpenAPI with <c>Accepts&lt;T&gt;("application/json")</c>.
/// </summary>
public static class JsonBody
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    public static async Task<JsonBody<T>> ReadAsync<T>(HttpContext context) where T : class
    {
        if (!context.Request.HasJsonContentType())
        {
            return new(null, ApiProblems.UnsupportedMediaType());
        }
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, DocumentOptions, context.RequestAborted);
        }
        catch (JsonException e)
        {
            return new(null, ApiProblems.MalformedBody($"The body is not valid JSON: {e.Message}"));
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new(null, ApiProblems.MalformedBody("The body must be a JSON object."));
            }
            var options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            try
            {
                return new(document.RootElement.Deserialize<T>(options), null);
            }
            catch (JsonException e) when (PropertyOf(e.Path) is { Length: > 0 } property)
            {
                return new(null, ApiProblems.Invalid(JsonNamingPolicy.CamelCase.ConvertName(property), ExpectedType<T>(property)));
            }
            catch (JsonException e)
            {
                return new(null, ApiProblems.MalformedBody($"The body does not fit this endpoint: {e.Message}"));
            }
        }
    }

    /// <summary>
    /// For endpoints whose body is optional: no body at all (no content type, no length) reads as <paramref name="empty"/>;
    /// anything sent is read as <see cref="ReadAsync{T}"/> does.
    /// </summary>
    public static async Task<JsonBody<T>> ReadOptionalAsync<T>(HttpContext context, T empty) where T : class =>
        context.Request.ContentType is null && (context.Request.ContentLength ?? 0) == 0
            ? new(empty, null)
            : await ReadAsync<T>(context);

    /// <summary>"$.width" and "$['width']" → "width"; null for the root.</summary>
    private static string? PropertyOf(string? path)
    {
        if (path is null || !path.StartsWith('$'))
        {
            return null;
        }
        var rest = path[1..];
        if (rest.StartsWith("['", StringComparison.Ordinal))
        {
            var end = rest.IndexOf("']", StringComparison.Ordinal);
            return end > 2 ? rest[2..end] : null;
        }
        if (rest.StartsWith('.'))
        {
            var end = rest.IndexOfAny(['.', '['], 1);
            return end < 0 ? rest[1..] : rest[1..end];
        }
        return null;
    }

    private static string ExpectedType<T>(string property)
    {
        var type = typeof(T).GetProperty(property, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(int) || type == typeof(long) ? "Use a whole number."
            : type == typeof(double) || type == typeof(decimal) ? "Use a number."
            : type == typeof(string) ? "Use a string."
            : type == typeof(bool) ? "Use true or false."
            : "This value has the wrong type.";
    }
}

/// <summary>Either the body or the problem to answer with.</summary>
public readonly record struct JsonBody<T>(T? Value, IResult? Problem) where T : class
{
    public bool TryGet([NotNullWhen(true)] out T? value, [NotNullWhen(false)] out IResult? problem)
    {
        value = Value;
        problem = Value is null ? Problem ?? ApiProblems.MalformedBody("The request needs a JSON body.") : null;
        return Value is not null;
    }
}
