using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Storyboard.Web.Api;

/// <summary>Title, description, tags and the bearer security scheme of /openapi/v1.json. The document describes; it holds no data.</summary>
public sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Storyboard API",
            Version = "v1",
            Description =
                "JSON API for automating Storyboard. Send a personal API token from your account page as " +
                "'Authorization: Bearer sb_…' with every request; the token acts with its user's role (Viewers read, " +
                "Editors and Admins also write). Browser sign-in cookies do not open the API.\n\n" +
                "Errors are RFC 9457 problem details (application/problem+json): 400 the body is not JSON or not an object; " +
                "401 no, unknown or revoked token, or a disabled user; 403 the role does not allow the action; " +
                "404 no such item, or it is in the Trash; 415 the body is not sent as application/json; " +
                "422 validation, with 'errors' keyed by JSON property name (nothing is changed); " +
                "429 too many requests, retry after the seconds in Retry-After.\n\n" +
                "Seeds are unsigned 64-bit numbers (up to 18446744073709551615). Above 2^53 a JSON number loses digits in " +
                "JavaScript and many other clients, so the API writes every seed as a string (with seedNumber beside it when it is " +
                "at most 2^53 − 1) and reads a seed given as a string or a number.",
        };
        document.AddComponent(BearerScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "sb_…",
            Description = "A personal API token, created (and shown once) on your account page.",
        });
        document.Tags = new HashSet<OpenApiTag>
        {
            new() { Name = "Account", Description = "Who the token acts as." },
            new() { Name = "Projects", Description = "Music video storyboards: name, frame rate and frame size." },
            new() { Name = "Trash", Description = "Projects moved to the Trash: restore or purge them." },
            new() { Name = "Servers", Description = "GPU servers (ComfyUI or RunPod) that run generations; Admins manage them." },
            new() { Name = "Jobs", Description = "Generation jobs: queue them for a clip, follow, cancel, retry, reprioritise." },
            new() { Name = "Queue", Description = "The generation queue as a whole: paused or running." },
            new() { Name = "Models", Description = "Model files the servers offer, their families and the presets per family." },
            new() { Name = "Generations", Description = "A clip's gallery: rate, trash, restore, choose, generate again." },
            new() { Name = "Workflows", Description = "Custom ComfyUI workflows with placeholders, checked against each server." },
        };
        return Task.CompletedTask;
    }
}

/// <summary>Marks every operation that needs a token with the bearer scheme.</summary>
public sealed class BearerOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
        {
            return Task.CompletedTask;
        }
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(ApiDocumentTransformer.BearerScheme, context.Document)] = [],
        });
        return Task.CompletedTask;
    }
}
